import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  ChangeFlow,
  LeadTimeBreakdown,
} from '@internal/backstage-plugin-delivery-common';
import {
  formatRatio,
  sizeDistribution,
  unreviewedShare,
} from '@internal/backstage-plugin-delivery-react';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Beside the stage bar: merged without review, awaiting deploy, and PR sizes. */
export function ReviewAndSize(props: {
  breakdown: LeadTimeBreakdown;
  sizes: ChangeFlow['sizes'];
}) {
  const { breakdown } = props;
  const share = unreviewedShare(breakdown);
  const sizes = sizeDistribution(props.sizes);
  return (
    <Box
      display="grid"
      style={{
        gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
        gap: 8,
      }}
    >
      <Box
        data-testid="stage-unreviewed"
        data-value={share === null ? '' : String(share)}
      >
        <Typography variant="caption" color="textSecondary">
          Merged without review
        </Typography>
        {share === null ? (
          <Typography variant="body1" color="textSecondary">
            Not enough data
          </Typography>
        ) : (
          <Typography variant="h6">{formatRatio(share)}</Typography>
        )}
        <Typography variant="caption" color="textSecondary" component="div">
          {share === null
            ? 'No change deployed'
            : `${breakdown.unreviewed} of ${plural(
                breakdown.changes,
                'change',
              )}`}
        </Typography>
      </Box>
      <Box
        data-testid="stage-awaiting"
        data-value={String(breakdown.awaitingDeploy)}
      >
        <Typography variant="caption" color="textSecondary">
          Awaiting deploy
        </Typography>
        <Typography variant="h6">{breakdown.awaitingDeploy}</Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          merged in the period, not in production by its end
        </Typography>
      </Box>
      <Box data-testid="stage-sizes" data-known={sizes.known}>
        <Typography variant="caption" color="textSecondary">
          Size (lines changed)
        </Typography>
        {sizes.known === 0 ? (
          <Typography variant="body1" color="textSecondary">
            Not enough data
          </Typography>
        ) : (
          sizes.buckets.map(bucket => (
            <Box
              key={bucket.size}
              display="flex"
              alignItems="center"
              style={{ gap: 6 }}
              title={`${bucket.lines}: ${plural(bucket.count, 'change')}`}
              data-testid={`stage-size-${bucket.size}`}
              data-count={bucket.count}
            >
              <Typography variant="caption" style={{ width: 22 }}>
                {bucket.size}
              </Typography>
              <Box flex={1} height={8} bgcolor="action.hover">
                <Box
                  height={8}
                  bgcolor="primary.main"
                  style={{ width: `${(bucket.share ?? 0) * 100}%` }}
                />
              </Box>
              <Typography
                variant="caption"
                color="textSecondary"
                style={{ width: 40, textAlign: 'right' }}
              >
                {formatRatio(bucket.share!)}
              </Typography>
            </Box>
          ))
        )}
        <Typography variant="caption" color="textSecondary" component="div">
          {sizes.known === 0
            ? 'No deployed change has line counts'
            : `of ${plural(sizes.known, 'change')}${
                sizes.unknown > 0
                  ? `; ${sizes.unknown} without line counts`
                  : ''
              }`}
        </Typography>
      </Box>
    </Box>
  );
}
