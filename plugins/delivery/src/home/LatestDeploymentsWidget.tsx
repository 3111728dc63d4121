import { parseEntityRef } from '@backstage/catalog-model';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink, entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import {
  deliveryApiRef,
  FreshnessNotice,
  RelativeTime,
  HomeWidgetProps,
} from '@internal/backstage-plugin-delivery-react';
import { OutcomeChip } from '../components/DeploymentsTable';
import { VerdictChip } from '../health/VerdictChip';
import { verdictCell } from '../health/verdict';
import {
  failuresFirst,
  pooledHealth,
  productionEnvironments,
  staleFeedingSources,
} from './latestDeployments';

/** The cockpit looks at the last week of production deployments. */
export const HOME_DEPLOYMENT_DAYS = 7;
/** Rows fetched per production environment and group, and rows shown. */
const PER_ENVIRONMENT = 50;
const SHOWN = 8;

/**
 * Home widget: the latest production deployments across the scope's services, failures
 * and rollbacks first, each with its health verdict, and the stale sources that fed them.
 */
export function LatestDeploymentsWidget(props: HomeWidgetProps) {
  const refs = props.scope?.entityRefs ?? [];
  const api = useApi(deliveryApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error } = useAsync(async () => {
    const to = DateTime.utc();
    const from = to.minus({ days: HOME_DEPLOYMENT_DAYS }).toISO()!;
    const [pages, sources, health] = await Promise.all([
      Promise.all(
        refs.map(async entityRef => {
          // One bucket: which environments had deployments, and which are production.
          const timeline = await api.getTimeline({
            entityRef,
            from,
            to: to.toISO()!,
            buckets: 1,
          });
          return Promise.all(
            productionEnvironments(timeline).map(environment =>
              api.listDeployments({
                entityRef,
                environment,
                from,
                limit: PER_ENVIRONMENT,
              }),
            ),
          );
        }),
      ),
      api.getSourceStatus().catch(() => undefined),
      // The verdicts of the same week, one request per group of the scope; a group
      // whose verdicts cannot be read shows dashes, never a verdict.
      Promise.all(
        refs.map(entityRef =>
          api
            .getDeploymentHealth({ entityRef, from, to: to.toISO()! })
            .catch((failure: Error) => failure),
        ),
      ),
    ]);
    const items = pages.flat().flatMap(page => page.items);
    return {
      ...failuresFirst(items, SHOWN),
      verdicts: pooledHealth(health),
      total: items.length,
      // A page that hit its limit: there were more than `total`.
      more: pages.flat().some(page => page.nextCursor !== undefined),
      stale: staleFeedingSources(sources, items),
    };
  }, [api, refs.join(',')]);

  const tab = (ref: string) => {
    const { kind, namespace, name } = parseEntityRef(ref, {
      defaultKind: 'component',
    });
    return `${entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    })}/deployments`;
  };

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <></>;
  return (
    <Box data-testid="home-deployments">
      <FreshnessNotice
        sources={value.stale}
        subject="Data"
        testIdPrefix="delivery"
      />
      {value.rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No production deployment reported in the last {HOME_DEPLOYMENT_DAYS}{' '}
          days.
        </Typography>
      ) : (
        <Table size="small" aria-label="Latest production deployments">
          <TableBody>
            {value.rows.map(d => (
              <TableRow
                key={`${d.source}/${d.id}`}
                data-testid="home-deployment"
                data-id={d.id}
              >
                {/* names and versions never break mid-word; a long version is cut, whole on hover */}
                <TableCell style={{ paddingLeft: 0, whiteSpace: 'nowrap' }}>
                  <EntityRefLink
                    entityRef={d.entityRef}
                    defaultKind="component"
                  />
                </TableCell>
                <TableCell
                  style={{
                    maxWidth: 180,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                  }}
                  title={d.version ?? d.id}
                >
                  <Link to={tab(d.entityRef)}>
                    <code>{d.version ?? d.id}</code>
                  </Link>
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {d.environment}
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <RelativeTime iso={d.finishedAt ?? d.startedAt} />
                </TableCell>
                <TableCell>
                  <OutcomeChip deployment={d} rolledBack={value.rolledBack} />
                </TableCell>
                <TableCell style={{ paddingRight: 0 }}>
                  <VerdictChip cell={verdictCell(d, value.verdicts)} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="caption" color="textSecondary" component="div">
        {value.rows.length} of {value.total}
        {value.more ? '+' : ''} production deployments of the last{' '}
        {HOME_DEPLOYMENT_DAYS} days.{' '}
        {refs.map(ref => (
          <span key={ref}>
            <Link to={tab(ref)}>All of {parseEntityRef(ref).name}</Link>{' '}
          </span>
        ))}
      </Typography>
    </Box>
  );
}
