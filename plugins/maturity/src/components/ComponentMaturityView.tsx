import { InfoCard } from '@backstage/core-components';
import type {
  ComponentMaturity,
  MaturityHistoryResponse,
  MaturityLevelInfo,
  MaturitySourceFreshness,
} from '@internal/backstage-plugin-maturity-common';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import { levelName } from '../model/format';
import { groupByLevel } from '../model/levels';
import { CheckItem } from './CheckItem';
import { LevelHistory } from './LevelHistory';
import { LevelHeader } from './LevelHeader';
import { StaleSources } from './StaleSources';
import { NotCollectedYet } from './states';

/**
 * A component's maturity: its level, what gets it to the next level (the checks that
 * hold it back, most impactful first), every check by level, and its level by week.
 */
export function ComponentMaturityView(props: {
  maturity: ComponentMaturity;
  levels: MaturityLevelInfo[];
  computedAt: string;
  history?: MaturityHistoryResponse;
  sources?: MaturitySourceFreshness[];
}) {
  const { maturity, levels, computedAt, history } = props;
  const next = maturity.nextLevel;
  return (
    <Grid container spacing={3} data-testid="maturity-component">
      <Grid item xs={12}>
        <LevelHeader
          level={maturity.level}
          name={maturity.levelName}
          levels={levels}
          computedAt={computedAt}
        />
        {props.sources?.length === 0 ? (
          <NotCollectedYet />
        ) : (
          <StaleSources sources={props.sources} />
        )}
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard
          title={
            next
              ? `What gets us to ${levelName(levels, next) ?? `level ${next}`}`
              : 'Top level reached'
          }
        >
          {next === undefined && (
            <Typography>
              Every check of every level passes or does not apply.
            </Typography>
          )}
          {next !== undefined && maturity.nextSteps.length === 0 && (
            <Typography>Nothing holds this component back.</Typography>
          )}
          <Box data-testid="maturity-next-steps">
            {maturity.nextSteps.map((check, i) => (
              <Fragment key={check.id}>
                {i > 0 && <Divider />}
                <CheckItem check={check} />
              </Fragment>
            ))}
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
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
        <InfoCard title="Every check">
          {groupByLevel(maturity.checks, levels).map(group => (
            <Box
              key={group.level}
              mb={2}
              data-testid="maturity-check-level"
              data-level={group.level}
            >
              <Typography variant="h6">
                Level {group.level}: {group.name}
              </Typography>
              {group.description && (
                <Typography variant="body2" color="textSecondary">
                  {group.description}
                </Typography>
              )}
              {group.items.map(check => (
                <CheckItem key={check.id} check={check} />
              ))}
            </Box>
          ))}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
