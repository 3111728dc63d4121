import Box from '@material-ui/core/Box';
import ButtonBase from '@material-ui/core/ButtonBase';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { LeadTimeBreakdown } from '@internal/backstage-plugin-delivery-common';
import {
  describeStageFigure,
  formatHours,
  STAGE_DESCRIPTIONS,
  STAGE_LABELS,
  stageSegments,
} from '@internal/backstage-plugin-delivery-react';
import { STAGE_COLORS } from './stageColors';

/**
 * Coding, pickup, review and deploy as segments proportional to their medians, with
 * each stage's median and p90 beside it; a click opens the changes behind it.
 */
export function StageBar(props: {
  breakdown: LeadTimeBreakdown;
  onOpen: () => void;
}) {
  const segments = stageSegments(props.breakdown);
  const drawn = segments.filter(s => s.share !== null);
  return (
    <Box data-testid="stage-bar">
      <ButtonBase
        onClick={props.onOpen}
        aria-label="Lead-time stages: show the changes behind them"
        style={{ display: 'block', width: '100%' }}
      >
        <Box
          display="flex"
          height={20}
          width="100%"
          borderRadius={4}
          overflow="hidden"
          bgcolor="action.hover"
        >
          {drawn.map(({ stage, figure, share }) => (
            <Tooltip
              key={stage}
              title={`${STAGE_LABELS[stage]} (${
                STAGE_DESCRIPTIONS[stage]
              }): ${describeStageFigure(figure)}`}
            >
              <Box
                data-testid={`stage-segment-${stage}`}
                data-share={String(share)}
                style={{
                  width: `${share! * 100}%`,
                  backgroundColor: STAGE_COLORS[stage],
                }}
              />
            </Tooltip>
          ))}
        </Box>
      </ButtonBase>
      {drawn.length === 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          No stage took measurable time: nothing to proportion.
        </Typography>
      )}
      <Box
        display="grid"
        mt={1}
        style={{
          gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))',
          gap: 8,
        }}
      >
        {segments.map(({ stage, figure }) => (
          <Box
            key={stage}
            data-testid={`stage-figure-${stage}`}
            data-median={figure.medianHours === null ? '' : figure.medianHours}
            data-p90={figure.p90Hours === null ? '' : figure.p90Hours}
            data-count={figure.count}
            title={`${STAGE_DESCRIPTIONS[stage]}: ${describeStageFigure(
              figure,
            )}`}
          >
            <Box display="flex" alignItems="center" style={{ gap: 6 }}>
              <Box
                width={10}
                height={10}
                borderRadius={2}
                style={{ backgroundColor: STAGE_COLORS[stage] }}
              />
              <Typography variant="caption" color="textSecondary">
                {STAGE_LABELS[stage]}
              </Typography>
            </Box>
            {figure.medianHours === null || figure.p90Hours === null ? (
              <Typography variant="body2" color="textSecondary">
                No data
              </Typography>
            ) : (
              <Typography variant="body2">
                {formatHours(figure.medianHours)}{' '}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  p90 {formatHours(figure.p90Hours)}
                </Typography>
              </Typography>
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
