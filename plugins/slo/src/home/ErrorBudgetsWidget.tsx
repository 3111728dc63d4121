import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import type { PolicyResponse } from '@internal/backstage-plugin-slo-common';
import useAsync from 'react-use/esm/useAsync';
import { sloApiRef } from '../api/SloClient';
import { BudgetBar } from '../components/BudgetBar';
import { FrozenChip, StaleChip, StateChip } from '../components/chips';
import {
  RelativeTime,
  HomeWidgetProps,
} from '@internal/backstage-plugin-delivery-react';
import { useSloTabLink } from '../components/useEntityTab';
import { budgetsAtRisk } from './budgetsAtRisk';
import { formatBurnRate } from '../model/format';

/** At most this many frozen components are asked for their policy (since when, why). */
const MAX_FROZEN = 10;
/** At-risk rows shown. */
const MAX_AT_RISK = 5;

function FrozenItem(props: {
  entityRef: string;
  policy?: PolicyResponse;
  link: string;
}) {
  const { entityRef, policy, link } = props;
  return (
    <ListItem
      disableGutters
      data-testid="home-frozen"
      data-entity-ref={entityRef}
      style={{ display: 'block' }}
    >
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <EntityRefLink entityRef={entityRef} defaultKind="component" />
        <FrozenChip />
        <Typography variant="body2" color="textSecondary">
          {policy?.frozenSince ? (
            <>
              since <RelativeTime iso={policy.frozenSince} />
            </>
          ) : (
            'since: not known'
          )}
        </Typography>
        <Link to={link}>burn-down</Link>
      </Box>
      {policy && (
        <Typography variant="caption" color="textSecondary" component="div">
          {policy.reason}
        </Typography>
      )}
    </ListItem>
  );
}

/**
 * Home widget: the scope's components frozen by the error budget policy (since when,
 * why, a link to their burn-down) and the budgets at risk, least left first.
 */
export function ErrorBudgetsWidget(props: HomeWidgetProps) {
  const refs = props.scope?.entityRefs ?? [];
  const api = useApi(sloApiRef);
  const tabLink = useSloTabLink();
  const { value, loading, error } = useAsync(async () => {
    const rollups = await Promise.all(
      refs.map(entityRef => api.getStatus({ entityRef })),
    );
    const summary = budgetsAtRisk(rollups);
    const policies = await Promise.all(
      summary.frozen
        .slice(0, MAX_FROZEN)
        .map(c => api.getPolicy({ entityRef: c.entityRef })),
    );
    return {
      summary,
      policies: new Map(policies.map(p => [p.entityRef, p])),
    };
  }, [api, refs.join(',')]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <></>;
  const { summary, policies } = value;
  if (summary.covered === 0) {
    return (
      <Box data-testid="home-slo-empty">
        <EmptyState
          missing="info"
          title="No SLOs here yet"
          description="None of these services declares an objective; a component's SLOs tab shows how to add one."
        />
      </Box>
    );
  }
  return (
    <Box data-testid="home-error-budgets" data-covered={summary.covered}>
      <Typography variant="body2" color="textSecondary">
        {summary.covered} service{summary.covered === 1 ? '' : 's'} with SLOs
        {summary.unknownBudget > 0 &&
          `, ${summary.unknownBudget} without figures (no metric data)`}
        {summary.stale && (
          <>
            {' '}
            <StaleChip />
          </>
        )}
      </Typography>
      <Typography variant="subtitle2" style={{ marginTop: 8 }}>
        Frozen now
      </Typography>
      {summary.frozen.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Nothing frozen: every budget has something left.
        </Typography>
      ) : (
        <List dense disablePadding>
          {summary.frozen.map(c => (
            <FrozenItem
              key={c.entityRef}
              entityRef={c.entityRef}
              policy={policies.get(c.entityRef)}
              link={tabLink(c.entityRef)}
            />
          ))}
        </List>
      )}
      <Typography variant="subtitle2" style={{ marginTop: 8 }}>
        Burning fastest (last hour)
      </Typography>
      {summary.burning.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No budget is burning faster than its window allows.
        </Typography>
      ) : (
        <List dense disablePadding>
          {summary.burning.slice(0, MAX_AT_RISK).map(c => (
            <ListItem
              key={c.entityRef}
              disableGutters
              data-testid="home-burning"
              data-entity-ref={c.entityRef}
              data-burn-rate={String(c.fastestBurnRate)}
            >
              <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                <EntityRefLink
                  entityRef={c.entityRef}
                  defaultKind="component"
                />
                <Typography variant="body2">
                  burn rate {formatBurnRate(c.fastestBurnRate!)}
                </Typography>
                <Link to={tabLink(c.entityRef)}>burn-down</Link>
              </Box>
            </ListItem>
          ))}
        </List>
      )}
      <Typography variant="subtitle2" style={{ marginTop: 8 }}>
        Budgets at risk (least left first)
      </Typography>
      {summary.atRisk.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No known budget is below a quarter left.
        </Typography>
      ) : (
        <List dense disablePadding>
          {summary.atRisk.slice(0, MAX_AT_RISK).map(c => (
            <ListItem
              key={c.entityRef}
              disableGutters
              data-testid="home-at-risk"
              data-entity-ref={c.entityRef}
              data-budget={String(c.worstBudgetRemaining)}
            >
              <Box
                display="grid"
                width="100%"
                alignItems="center"
                style={{ gridTemplateColumns: '1fr auto 140px auto', gap: 8 }}
              >
                <EntityRefLink
                  entityRef={c.entityRef}
                  defaultKind="component"
                />
                <StateChip state={c.state} />
                <BudgetBar remaining={c.worstBudgetRemaining} />
                <Link to={tabLink(c.entityRef)}>burn-down</Link>
              </Box>
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
