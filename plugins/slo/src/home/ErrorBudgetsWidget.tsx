import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import type { PolicyResponse } from '@internal/backstage-plugin-slo-common';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sloApiRef } from '../api/SloClient';
import { BudgetBar } from '../components/BudgetBar';
import { FrozenChip, StaleChip, StateChip } from '../components/chips';
import { NoSlos } from '../components/notices';
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

/**
 * A component's row: its link, what the section says of it, a link to its burn-down,
 * and optionally a line below.
 */
function ComponentItem(props: {
  testId: string;
  entityRef: string;
  link: string;
  /** data-* attributes of the row, for the end-to-end tests. */
  data?: Record<string, string>;
  /** Lays the row out on these grid columns instead of in one line. */
  columns?: string;
  children: ReactNode;
  /** A line under the row (the row then stacks it below). */
  below?: ReactNode;
}) {
  const { testId, entityRef, link, data, columns, children, below } = props;
  return (
    <ListItem
      disableGutters
      data-testid={testId}
      data-entity-ref={entityRef}
      {...data}
      style={below ? { display: 'block' } : undefined}
    >
      <Box
        display={columns ? 'grid' : 'flex'}
        width={columns ? '100%' : undefined}
        alignItems="center"
        style={{ gridTemplateColumns: columns, gap: 8 }}
      >
        <EntityRefLink entityRef={entityRef} defaultKind="component" />
        {children}
        <Link to={link}>burn-down</Link>
      </Box>
      {below}
    </ListItem>
  );
}

/** Frozen, and since when once its policy is known. */
function FrozenSince(props: { policy?: PolicyResponse }) {
  const { policy } = props;
  return (
    <>
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
    </>
  );
}

/** Why the policy froze the component, once its policy is known. */
function PolicyReason(props: { policy?: PolicyResponse }) {
  if (!props.policy) return null;
  return (
    <Typography variant="caption" color="textSecondary" component="div">
      {props.policy.reason}
    </Typography>
  );
}

/** A titled list of components, or a sentence when it has none. */
function Section<T extends { entityRef: string }>(props: {
  title: string;
  empty: string;
  items: T[];
  /** The test id of each row. */
  testId: string;
  columns?: string;
  data?: (item: T) => Record<string, string>;
  below?: (item: T) => ReactNode;
  /** What the row says of the component. */
  children: (item: T) => ReactNode;
}) {
  const { title, empty, items, testId, columns, data, below, children } = props;
  const tabLink = useSloTabLink();
  return (
    <>
      <Typography variant="subtitle2" style={{ marginTop: 8 }}>
        {title}
      </Typography>
      {items.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {empty}
        </Typography>
      ) : (
        <List dense disablePadding>
          {items.map(item => (
            <ComponentItem
              key={item.entityRef}
              testId={testId}
              entityRef={item.entityRef}
              link={tabLink(item.entityRef)}
              columns={columns}
              data={data?.(item)}
              below={below?.(item)}
            >
              {children(item)}
            </ComponentItem>
          ))}
        </List>
      )}
    </>
  );
}

/**
 * Home widget: the scope's components frozen by the error budget policy (since when,
 * why, a link to their burn-down) and the budgets at risk, least left first.
 */
export function ErrorBudgetsWidget(props: HomeWidgetProps) {
  const refs = props.scope?.entityRefs ?? [];
  const api = useApi(sloApiRef);
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
      <NoSlos
        testId="home-slo-empty"
        title="No SLOs here yet"
        description="None of these services declares an objective; a component's SLOs tab shows how to add one."
      />
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
      <Section
        title="Frozen now"
        empty="Nothing frozen: every budget has something left."
        items={summary.frozen}
        testId="home-frozen"
        below={c => <PolicyReason policy={policies.get(c.entityRef)} />}
      >
        {c => <FrozenSince policy={policies.get(c.entityRef)} />}
      </Section>
      <Section
        title="Burning fastest (last hour)"
        empty="No budget is burning faster than its window allows."
        items={summary.burning.slice(0, MAX_AT_RISK)}
        testId="home-burning"
        data={c => ({ 'data-burn-rate': String(c.fastestBurnRate) })}
      >
        {c => (
          <Typography variant="body2">
            burn rate {formatBurnRate(c.fastestBurnRate!)}
          </Typography>
        )}
      </Section>
      <Section
        title="Budgets at risk (least left first)"
        empty="No known budget is below a quarter left."
        items={summary.atRisk.slice(0, MAX_AT_RISK)}
        testId="home-at-risk"
        columns="1fr auto 140px auto"
        data={c => ({ 'data-budget': String(c.worstBudgetRemaining) })}
      >
        {c => (
          <>
            <StateChip state={c.state} />
            <BudgetBar remaining={c.worstBudgetRemaining} />
          </>
        )}
      </Section>
    </Box>
  );
}
