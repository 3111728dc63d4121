import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { formatTargetPercent } from '@internal/backstage-plugin-slo-common';
import { sloApiRef } from '../api/SloClient';
import { formatPercent } from '../model/format';
import {
  noMetricSource,
  objectiveName,
  sortObjectives,
  staleSummary,
} from '../model/status';
import { BudgetBar } from './BudgetBar';
import { DataQualityChip, FrozenChip, StateChip } from './chips';
import {
  formatExact,
  formatRelative,
} from '@internal/backstage-plugin-delivery-react';
import { useSloTabLink } from './useEntityTab';

const useStyles = makeStyles(theme => ({
  row: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  head: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  value: { fontWeight: 500, whiteSpace: 'nowrap' },
}));

export interface EntitySloCardProps {
  /** Path of the SLOs tab below the entity page (default `slos`). */
  tabPath?: string;
}

/**
 * Overview card: each objective's indicator against its target, the budget left, its
 * state and data quality; links to the SLOs tab.
 *
 * @public
 */
export function EntitySloCard(props: EntitySloCardProps) {
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(sloApiRef);
  const tab = useSloTabLink(props.tabPath)(entityRef);
  const { value, loading, error } = useAsync(
    () => api.getObjectives({ entityRef }),
    [api, entityRef],
  );
  const objectives = sortObjectives(value?.objectives ?? []);
  const noSource = value ? noMetricSource(value) : false;
  const stale = noSource ? undefined : staleSummary(objectives);
  return (
    <InfoCard title="SLOs" deepLink={{ title: 'All SLO details', link: tab }}>
      <Box data-testid="slo-card">
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value &&
          objectives.length === 0 &&
          value.definitionErrors.length === 0 && (
            <Typography color="textSecondary" data-testid="slo-empty">
              No SLOs defined. <Link to={tab}>How to add one</Link>
            </Typography>
          )}
        {value && value.definitionErrors.length > 0 && (
          <Typography
            variant="body2"
            color="error"
            data-testid="slo-definition-errors"
          >
            {value.definitionErrors.length} problem
            {value.definitionErrors.length === 1 ? '' : 's'} in the SLO
            definitions: <Link to={tab}>see the SLOs tab</Link>
          </Typography>
        )}
        {value && noSource && objectives.length > 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="slo-no-source"
          >
            No metric source configured: objectives are listed without figures.
          </Typography>
        )}
        {stale && (
          <Typography
            variant="body2"
            color="error"
            data-testid="slo-stale-notice"
            title={stale.since ? formatExact(stale.since) : undefined}
          >
            Out of date:{' '}
            {stale.since
              ? `last evaluated ${formatRelative(stale.since)}`
              : 'never evaluated successfully'}
            {stale.lastError && ` (${stale.lastError})`}
          </Typography>
        )}
        {objectives.map(objective => (
          <Box
            key={objective.id}
            className={classes.row}
            data-testid="slo-card-objective"
            data-objective-id={objective.id}
          >
            <Box className={classes.head}>
              <Typography variant="body1">
                {objectiveName(objective)}
              </Typography>
              <Typography
                className={classes.value}
                data-testid="slo-card-value"
                data-value={objective.sli === null ? '' : String(objective.sli)}
              >
                {noSource ? '' : `${formatPercent(objective.sli)} / `}
                target {formatTargetPercent(objective.definition.target)}
              </Typography>
            </Box>
            {!noSource && (
              <>
                <BudgetBar remaining={objective.budget.remaining} />
                <Box mt={0.5}>
                  <StateChip state={objective.state} />
                  <DataQualityChip quality={objective.dataQuality} />
                  {objective.frozen && <FrozenChip />}
                </Box>
              </>
            )}
          </Box>
        ))}
      </Box>
    </InfoCard>
  );
}
