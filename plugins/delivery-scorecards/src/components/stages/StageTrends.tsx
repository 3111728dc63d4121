import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ChangeFlow } from '@internal/backstage-plugin-delivery-common';
import {
  formatHours,
  STAGE_LABELS,
  STAGES,
  weeklyStageMedians,
} from '@internal/backstage-plugin-delivery-react';
import { SeriesSparkline } from '../Sparkline';
import { weekLabel } from '../window';
import { STAGE_COLORS } from './stageColors';

/** Each stage's weekly median as a sparkline; weeks without the stage are gaps. */
export function StageTrends(props: { weeks: ChangeFlow['weeks'] }) {
  const series = weeklyStageMedians(props.weeks);
  const labels = props.weeks.map(w => weekLabel(w.from));
  return (
    <Box
      display="grid"
      style={{
        gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
        gap: 8,
      }}
    >
      {STAGES.map(stage => (
        <Box key={stage} data-testid={`stage-trend-${stage}`}>
          <Typography variant="caption" color="textSecondary">
            {STAGE_LABELS[stage]} median, weekly
          </Typography>
          <SeriesSparkline
            values={series[stage]}
            label={`${STAGE_LABELS[stage]} median`}
            format={formatHours}
            width={140}
            height={32}
            labels={labels}
            color={STAGE_COLORS[stage]}
            data-testid="stage-sparkline"
          />
        </Box>
      ))}
    </Box>
  );
}
