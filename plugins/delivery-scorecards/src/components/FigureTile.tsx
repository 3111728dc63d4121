import Box from '@material-ui/core/Box';
import ButtonBase from '@material-ui/core/ButtonBase';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import type {
  BandPreset,
  EntityScorecard,
} from '@internal/backstage-plugin-delivery-common';
import { BandChip, NoBand } from './BandChip';
import { ChangeIndicator } from './ChangeIndicator';
import { DrillDownDialog } from './DrillDownDialog';
import { MetricDefinition } from './metrics';
import { Sparkline } from './Sparkline';

/**
 * One figure of an entity: value (or "not enough data"), band, sample size, change
 * against the previous period and the weekly sparkline. Clicking opens the events
 * behind it.
 */
export function FigureTile(props: {
  scorecard: EntityScorecard;
  metric: MetricDefinition;
  bands: BandPreset;
  /** Weeks in the sparkline, newest last. */
  weeks?: number;
  sparklineWidth?: number;
}) {
  const { scorecard, metric, bands, weeks = 12, sparklineWidth = 120 } = props;
  const [open, setOpen] = useState(false);
  const value = metric.value(scorecard);
  const series = scorecard.series.slice(-weeks);
  return (
    <Box
      p={1}
      data-testid={`scorecard-figure-${metric.key}`}
      data-value={value === null ? '' : String(value)}
    >
      <ButtonBase
        onClick={() => setOpen(true)}
        style={{ display: 'block', textAlign: 'left', width: '100%' }}
        aria-label={`${metric.label}: show the ${metric.drillDown} behind it`}
      >
        <Typography variant="caption" color="textSecondary">
          {metric.label}
        </Typography>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          {value === null ? (
            <Typography
              variant="body1"
              color="textSecondary"
              data-testid="scorecard-not-enough-data"
            >
              Not enough data
            </Typography>
          ) : (
            <Typography variant="h6" data-testid="scorecard-value">
              {metric.format(value)}
            </Typography>
          )}
          {metric.band && (
            <BandChip
              band={metric.band(scorecard)}
              metric={metric}
              preset={bands}
            />
          )}
          {metric.unbanded && <NoBand reason={metric.unbanded} />}
        </Box>
        <Typography variant="caption" color="textSecondary" component="div">
          {value === null ? metric.empty : metric.sample(scorecard)}
        </Typography>
      </ButtonBase>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Sparkline points={series} metric={metric} width={sparklineWidth} />
        <ChangeIndicator
          change={scorecard.changes[metric.key]}
          metric={metric}
        />
      </Box>
      <DrillDownDialog
        open={open}
        onClose={() => setOpen(false)}
        metric={metric}
        entityRef={scorecard.entityRef}
        from={scorecard.from}
        to={scorecard.to}
      />
    </Box>
  );
}
