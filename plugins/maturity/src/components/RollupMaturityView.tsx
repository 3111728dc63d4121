import { InfoCard, Link } from '@backstage/core-components';
import type {
  EntityMaturityResponse,
  MaturityHistoryResponse,
} from '@internal/backstage-plugin-maturity-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { levelName } from '../model/format';
import { nextLevelOf } from '../model/levels';
import { CheckCounts } from './CheckCounts';
import { Distribution } from './Distribution';
import { LevelHeader } from './LevelHeader';
import { LevelHistory } from './LevelHistory';
import { EntityLevelTable } from './EntityLevelTable';

type Rollup = Extract<EntityMaturityResponse, { kind: 'group' | 'system' }>;

/**
 * A team's or system's maturity: the level every component reaches (child teams
 * pooled), the distribution, what gets the whole team to its next level, child teams
 * and components with their levels, and per-check counts.
 */
export function RollupMaturityView(props: {
  response: Rollup;
  history?: MaturityHistoryResponse;
}) {
  const { response, history } = props;
  const { rollup, levels } = response;
  const next = nextLevelOf(rollup.level, levels);
  const owner = response.kind === 'group' ? 'This team' : 'This system';
  return (
    <Grid container spacing={3} data-testid="maturity-rollup">
      <Grid item xs={12}>
        <LevelHeader
          level={rollup.level}
          name={levelName(levels, rollup.level)}
          levels={levels}
          computedAt={response.computedAt}
          noLevel={`${owner} has no components to rate${
            response.kind === 'group' ? ' (child teams included)' : ''
          }.`}
        />
        {rollup.level !== null && (
          <Typography variant="body2" color="textSecondary">
            The level every one of its {rollup.components} components reaches
            {response.kind === 'group' ? ', child teams included' : ''}.
          </Typography>
        )}
      </Grid>
      {rollup.components > 0 && (
        <>
          <Grid item xs={12} md={6}>
            <InfoCard title="Components by level">
              <Distribution
                distribution={rollup.distribution}
                levels={levels}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Level by week">
              {history ? (
                <LevelHistory history={history} levels={levels} />
              ) : (
                <Typography color="textSecondary">
                  The history could not be loaded.
                </Typography>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard
              title={
                next ? `What gets us to ${next.name}` : 'Top level reached'
              }
            >
              {!next && (
                <Typography>Every component reaches the top level.</Typography>
              )}
              {next && rollup.nextSteps.length === 0 && (
                <Typography>Nothing holds the components back.</Typography>
              )}
              <Box
                component="ol"
                pl={2}
                m={0}
                data-testid="maturity-next-steps"
              >
                {rollup.nextSteps.map(step => (
                  <Box
                    component="li"
                    key={step.id}
                    py={0.5}
                    data-testid="maturity-next-step"
                    data-check-id={step.id}
                    data-holding-back={step.holdingBack}
                  >
                    <Typography variant="body1">
                      {step.title}{' '}
                      <Typography
                        component="span"
                        variant="body2"
                        color="textSecondary"
                      >
                        holds back {step.holdingBack} of {rollup.components}{' '}
                        components
                      </Typography>
                    </Typography>
                    {step.remedy && (
                      <Typography variant="body2" color="textSecondary">
                        To pass: {step.remedy}
                      </Typography>
                    )}
                  </Box>
                ))}
              </Box>
            </InfoCard>
          </Grid>
        </>
      )}
      {response.teams && response.teams.length > 0 && (
        <Grid item xs={12} md={6}>
          <InfoCard title="Child teams">
            <EntityLevelTable
              testId="maturity-teams"
              nameHeader="Team"
              rows={response.teams.map(team => ({
                entityRef: team.entityRef,
                title: team.title,
                level: team.level,
                levelName: levelName(levels, team.level),
                distribution: team.distribution,
              }))}
            />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} md={response.teams?.length ? 6 : 12}>
        <InfoCard title="Components">
          {response.components.length === 0 ? (
            <Typography color="textSecondary">
              {owner} owns no components
              {response.kind === 'group'
                ? ', nor do its child teams'
                : ''}. <Link to="/catalog">Catalog</Link>
            </Typography>
          ) : (
            <EntityLevelTable
              testId="maturity-components"
              nameHeader="Component"
              rows={response.components.map(component => ({
                ...component,
                levelName:
                  component.levelName ?? levelName(levels, component.level),
              }))}
            />
          )}
        </InfoCard>
      </Grid>
      {rollup.components > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Checks across the components">
            <CheckCounts checks={rollup.checks} levels={levels} />
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}
