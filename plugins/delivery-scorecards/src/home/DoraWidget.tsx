import { parseEntityRef } from '@backstage/catalog-model';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraScorecardsApiRef } from '../api';
import type { EntityScorecard } from '@internal/backstage-plugin-delivery-common';
import { BandChip } from '../components/BandChip';
import { ChangeIndicator } from '../components/ChangeIndicator';
import { METRICS } from '../components/metrics';
import { lastDays } from '../components/window';
import { HomeWidgetProps } from '@internal/backstage-plugin-delivery-react';

/** The cockpit's period: the last 30 days, against the 30 before (the pages' shortest). */
export const HOME_DORA_DAYS = 30;

function GroupFigures(props: { scorecard: EntityScorecard; link: string }) {
  const { scorecard, link } = props;
  const { name } = parseEntityRef(scorecard.entityRef);
  return (
    <Box mb={1} data-testid="home-dora" data-entity-ref={scorecard.entityRef}>
      <Typography variant="subtitle2">
        <Link to={link}>{name}</Link>{' '}
        <Typography variant="caption" color="textSecondary" component="span">
          {scorecard.components.length} service
          {scorecard.components.length === 1 ? '' : 's'}, last {HOME_DORA_DAYS}{' '}
          days against the {HOME_DORA_DAYS} before
        </Typography>
      </Typography>
      <Table size="small" aria-label={`DORA figures of ${name}`}>
        <TableBody>
          {METRICS.map(metric => {
            const value = metric.value(scorecard);
            return (
              <TableRow
                key={metric.key}
                data-testid={`home-dora-${metric.key}`}
                data-value={value === null ? '' : String(value)}
              >
                <TableCell style={{ paddingLeft: 0 }}>
                  <Link to={link}>{metric.label}</Link>
                </TableCell>
                {/* figures such as "5.4/day" never break inside */}
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {value === null ? (
                    <Typography variant="body2" color="textSecondary">
                      Not enough data
                    </Typography>
                  ) : (
                    <strong>{metric.format(value)}</strong>
                  )}
                </TableCell>
                <TableCell>
                  {metric.band && (
                    <BandChip
                      band={metric.band(scorecard)}
                      metric={metric}
                      preset={scorecard.bands}
                    />
                  )}
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <ChangeIndicator
                    change={scorecard.changes[metric.key]}
                    metric={metric}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * Home widget: DORA figures of each group in the scope (the backend's
 * `/scorecards/entity`: figures, bands and the change against the previous period),
 * each linked to the group's scorecard.
 */
export function DoraWidget(props: HomeWidgetProps) {
  const refs = props.scope?.entityRefs ?? [];
  const api = useApi(doraScorecardsApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const window = useMemo(() => lastDays(HOME_DORA_DAYS), []);
  const { value, loading, error } = useAsync(
    () =>
      Promise.all(
        refs.map(entityRef => api.getEntityScorecard({ entityRef, ...window })),
      ),
    [api, refs.join(','), window],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <></>;
  const link = (ref: string) => {
    const { kind, namespace, name } = parseEntityRef(ref);
    return `${entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    })}/delivery-scorecard`;
  };
  return (
    <Box data-testid="home-dora-widget">
      {value.map(scorecard => (
        <GroupFigures
          key={scorecard.entityRef}
          scorecard={scorecard}
          link={link(scorecard.entityRef)}
        />
      ))}
    </Box>
  );
}
