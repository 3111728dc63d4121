import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraScorecardsApiRef } from '../api';
import { FigureTile } from './FigureTile';
import { FreshnessNotice } from '@internal/backstage-plugin-delivery-react';
import { ALL_METRICS, METRICS, TIME_TO_RESTORE } from './metrics';
import { PeriodSelector } from './PeriodSelector';
import { LeadTimeStages } from './stages/LeadTimeStages';
import { ScorecardTable } from './ScorecardTable';
import { useServiceSeamColumns } from './ServiceSeams';
import { Sparkline } from './Sparkline';
import { lastDays, Period, weekLabel } from './window';

/**
 * The "Delivery scorecard" tab of a group: the team's figures (its child teams rolled
 * up), weekly trends, its services and child teams side by side.
 */
export function TeamScorecardContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(doraScorecardsApiRef);
  const [period, setPeriod] = useState<Period>(90);
  const window = useMemo(() => lastDays(period), [period]);
  const { value, loading, error } = useAsync(
    () =>
      Promise.all([
        api.getEntityScorecard({ entityRef, ...window }),
        api.getScorecards({ team: entityRef, ...window }),
        api.getSourceStatus().catch(() => undefined),
      ]),
    [api, entityRef, window],
  );
  const seamColumns = useServiceSeamColumns(value?.[1].services);

  return (
    <Grid container spacing={3} data-testid="scorecard-team">
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <Typography variant="h5">Delivery scorecard</Typography>
          <PeriodSelector value={period} onChange={setPeriod} />
          <Typography variant="caption" color="textSecondary">
            Child teams roll up into this one; change is against the previous{' '}
            {period} days.
          </Typography>
        </Box>
      </Grid>
      {loading && (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      )}
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={error} />
        </Grid>
      )}
      {value &&
        (() => {
          const [team, scorecards, sources] = value;
          const labels = team.series.map(p => weekLabel(p.from));
          const childTeams = scorecards.teams.filter(
            t => t.entityRef !== entityRef.toLowerCase(),
          );
          return (
            <>
              <Grid item xs={12}>
                <FreshnessNotice
                  sources={sources}
                  subject="Figures"
                  testIdPrefix="scorecard"
                  listSources
                />
              </Grid>
              <Grid item xs={12}>
                <InfoCard title="Team figures">
                  {team.components.length === 0 && (
                    <Typography color="textSecondary" paragraph>
                      Not enough data: this team and its child teams own no
                      components.
                    </Typography>
                  )}
                  <Box
                    display="grid"
                    style={{
                      gridTemplateColumns:
                        'repeat(auto-fill, minmax(230px, 1fr))',
                    }}
                  >
                    {[...METRICS, TIME_TO_RESTORE].map(metric => (
                      <FigureTile
                        key={metric.key}
                        scorecard={team}
                        metric={metric}
                        bands={team.bands}
                        weeks={team.series.length}
                      />
                    ))}
                  </Box>
                </InfoCard>
              </Grid>
              <Grid item xs={12}>
                <InfoCard
                  title="Where lead time goes"
                  subheader="Pull and merge requests of the team's components, pooled: coding, pickup, review and deploy"
                >
                  <LeadTimeStages
                    entityRef={entityRef}
                    {...window}
                    subject="team"
                  />
                </InfoCard>
              </Grid>
              <Grid item xs={12}>
                <InfoCard title="Weekly trends">
                  <Box
                    display="grid"
                    style={{
                      gridTemplateColumns:
                        'repeat(auto-fill, minmax(280px, 1fr))',
                      gap: 16,
                    }}
                  >
                    {ALL_METRICS.map(metric => (
                      <Box key={metric.key} data-testid="scorecard-trend">
                        <Typography variant="caption" color="textSecondary">
                          {metric.label}
                        </Typography>
                        <Sparkline
                          points={team.series}
                          metric={metric}
                          width={260}
                          height={60}
                          labels={labels}
                        />
                      </Box>
                    ))}
                  </Box>
                </InfoCard>
              </Grid>
              <Grid item xs={12}>
                <InfoCard title="Services">
                  {(scorecards.services ?? []).length === 0 ? (
                    <Typography color="textSecondary">
                      This team owns no components.
                    </Typography>
                  ) : (
                    <ScorecardTable
                      rows={scorecards.services ?? []}
                      bands={scorecards.bands}
                      nameHeader="Service"
                      extraColumns={seamColumns}
                      testId="scorecard-services"
                    />
                  )}
                </InfoCard>
              </Grid>
              {childTeams.length > 0 && (
                <Grid item xs={12}>
                  <InfoCard title="Child teams (rolled up)">
                    <ScorecardTable
                      rows={childTeams}
                      bands={scorecards.bands}
                      nameHeader="Team"
                      testId="scorecard-child-teams"
                    />
                  </InfoCard>
                </Grid>
              )}
            </>
          );
        })()}
    </Grid>
  );
}
