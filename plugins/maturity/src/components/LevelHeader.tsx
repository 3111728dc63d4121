import type { MaturityLevelInfo } from '@internal/backstage-plugin-maturity-common';
import { MaturityLevelChip } from '@internal/backstage-plugin-maturity-react';
import { RelativeTime } from '@internal/backstage-plugin-delivery-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** The entity's level as a chip, what that level means, and when it was computed. */
export function LevelHeader(props: {
  level: number | null;
  name?: string;
  levels: MaturityLevelInfo[];
  computedAt: string;
  /** Why there is no level, e.g. a team owning no components. */
  noLevel?: string;
}) {
  const { level, name, levels, computedAt } = props;
  const info = levels.find(l => l.level === level);
  const explanation =
    // eslint-disable-next-line no-nested-ternary
    level === null
      ? props.noLevel
      : level === 0
      ? `Not every level 1 check (${levels[0]?.name ?? 'level 1'}) passes yet.`
      : info?.description;
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 16 }}
      data-testid="maturity-level"
      data-level={level === null ? '' : String(level)}
    >
      <Typography variant="h5">Maturity</Typography>
      <MaturityLevelChip level={level} name={name} size="medium" />
      {explanation && (
        <Typography variant="body2" color="textSecondary">
          {explanation}
        </Typography>
      )}
      <Typography variant="caption" color="textSecondary">
        Computed <RelativeTime iso={computedAt} />
      </Typography>
    </Box>
  );
}
