import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraScorecardsApiRef } from '../../api';
import { ChangesDialog } from './ChangesDialog';
import { ReviewAndSize } from './ReviewAndSize';
import { StageBar } from './StageBar';
import { StageTrends } from './StageTrends';

/**
 * Where the lead time of an entity's pull and merge requests goes, over a window:
 * the stage bar (a click lists the changes), review and size beside it, and the
 * stages' weekly trends.
 */
export function LeadTimeStages(props: {
  entityRef: string;
  from: string;
  to: string;
  /** What the entity is, in the empty state: "component", "team". */
  subject: string;
}) {
  const { entityRef, from, to, subject } = props;
  const api = useApi(doraScorecardsApiRef);
  const [open, setOpen] = useState(false);
  const { value, loading, error } = useAsync(
    () =>
      Promise.all([
        api.getLeadTimeBreakdown({ entityRef, from, to }),
        api.getChangeFlow({ entityRef, from, to }),
      ]),
    [api, entityRef, from, to],
  );

  return (
    <Box data-testid="lead-time-stages">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value &&
        (() => {
          const [breakdown, flow] = value;
          return (
            <>
              {breakdown.changes === 0 ? (
                <Typography
                  variant="body2"
                  color="textSecondary"
                  paragraph
                  data-testid="stage-not-enough-data"
                >
                  Not enough data: no pull or merge request of this {subject}{' '}
                  reached production in this period. Check that a source reports
                  its changes (GitHub, GitLab).
                  {breakdown.awaitingDeploy > 0 && (
                    <>
                      {' '}
                      <Button size="small" onClick={() => setOpen(true)}>
                        List those awaiting deploy
                      </Button>
                    </>
                  )}
                </Typography>
              ) : (
                <>
                  <StageBar
                    breakdown={breakdown}
                    onOpen={() => setOpen(true)}
                  />
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="p"
                  >
                    Each stage's median over the {breakdown.changes} changes
                    deployed in the period that have it (unreviewed ones have no
                    pickup or review): a typical path, not the lead time. Click
                    the bar for the changes.
                  </Typography>
                </>
              )}
              <Box mt={2}>
                <ReviewAndSize breakdown={breakdown} sizes={flow.sizes} />
              </Box>
              {flow.weeks.length > 0 && (
                <Box mt={2}>
                  <StageTrends weeks={flow.weeks} />
                </Box>
              )}
              <ChangesDialog
                open={open}
                onClose={() => setOpen(false)}
                entityRef={entityRef}
                from={from}
                to={to}
              />
            </>
          );
        })()}
    </Box>
  );
}
