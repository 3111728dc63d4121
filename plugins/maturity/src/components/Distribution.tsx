import type { MaturityLevelInfo } from '@internal/backstage-plugin-maturity-common';
import { MaturityLevelChip } from '@internal/backstage-plugin-maturity-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { distributionRows, formatRatio } from '../model/format';

/** How many components stand at each level, with a bar of their share. */
export function Distribution(props: {
  distribution: number[];
  levels: MaturityLevelInfo[];
}) {
  const rows = distributionRows(props.distribution, props.levels);
  return (
    <Box data-testid="maturity-distribution">
      {rows.map(row => (
        <Box
          key={row.level}
          display="flex"
          alignItems="center"
          py={0.5}
          style={{ gap: 12 }}
          data-testid="maturity-distribution-row"
          data-level={row.level}
          data-count={row.count}
        >
          <Box width={150}>
            <MaturityLevelChip level={row.level} name={row.name} />
          </Box>
          <Box flex={1}>
            <LinearProgress
              variant="determinate"
              value={(row.share ?? 0) * 100}
              aria-label={`Level ${row.level}`}
            />
          </Box>
          <Typography variant="body2" style={{ minWidth: 150 }}>
            {row.count} component{row.count === 1 ? '' : 's'} (
            {formatRatio(row.share, 'no components')})
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
