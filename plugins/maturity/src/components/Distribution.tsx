import type { MaturityLevelInfo } from '@internal/backstage-plugin-maturity-common';
import { MaturityLevelChip } from '@internal/backstage-plugin-maturity-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { distributionRows, formatRatio } from '../model/format';
import { ShareBar } from './ShareBar';

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
            <ShareBar
              share={row.share}
              label={`Level ${row.level}: ${formatRatio(
                row.share,
                'no components',
              )}`}
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
