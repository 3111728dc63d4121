import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import {
  deliveryApiRef,
  RelativeTime,
} from '@internal/backstage-plugin-delivery-react';
import {
  latestPerEnvironment,
  missingEnvironments,
  rolledBackKeys,
} from '../chart/model';
import { OutcomeChip } from './DeploymentsTable';

/** Enough recent deployments to find the latest of every usual environment. */
const RECENT = 100;
/** Environments deployed to within this many days are looked up one by one if needed. */
const LOOKBACK_DAYS = 90;

export interface EntityLastDeploymentsCardProps {
  /** Path of the Deployments tab below the entity page (default `deployments`). */
  tabPath?: string;
}

/**
 * Overview card: the latest deployment of each environment, how long ago, its outcome.
 *
 * @public
 */
export function EntityLastDeploymentsCard(
  props: EntityLastDeploymentsCardProps,
) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(deliveryApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error } = useAsync(async () => {
    const to = DateTime.utc();
    const [recent, timeline] = await Promise.all([
      api.listDeployments({ entityRef, limit: RECENT }),
      // One bucket: only the environments of the last 90 days, no deployments.
      api
        .getTimeline({
          entityRef,
          from: to.minus({ days: LOOKBACK_DAYS }).toISO()!,
          to: to.toISO()!,
          buckets: 1,
        })
        .catch(() => undefined),
    ]);
    const missing = missingEnvironments(
      recent.items,
      timeline?.environments.map(lane => lane.environment) ?? [],
    );
    const older = await Promise.all(
      missing.map(environment =>
        api.listDeployments({ entityRef, environment, limit: 1 }),
      ),
    );
    return { items: [...recent.items, ...older.flatMap(page => page.items)] };
  }, [api, entityRef]);
  const tab = `${entityRoute({
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  })}/${props.tabPath ?? 'deployments'}`;

  const latest = value ? latestPerEnvironment(value.items) : [];
  const rolledBack = rolledBackKeys(value?.items ?? []);
  return (
    <InfoCard
      title="Last deployments"
      deepLink={{ title: 'All deployments', link: tab }}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && latest.length === 0 && (
        <Typography color="textSecondary">
          No deployments reported yet. <Link to={tab}>How to connect one</Link>
        </Typography>
      )}
      {latest.length > 0 && (
        <Table size="small" aria-label="Last deployments">
          <TableBody>
            {latest.map(d => (
              <TableRow key={d.environment} data-testid="delivery-last-row">
                <TableCell>
                  <strong>{d.environment}</strong>
                </TableCell>
                <TableCell>
                  <code>{d.version ?? d.id}</code>
                </TableCell>
                <TableCell>
                  <RelativeTime iso={d.finishedAt ?? d.startedAt} />
                </TableCell>
                <TableCell>
                  <OutcomeChip deployment={d} rolledBack={rolledBack} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
