import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { goldenPathsApiRef } from '../api/GoldenPathsClient';
import { describeDrift, shortRef } from '../components/format';
import { driftSummary } from './driftSummary';
import { HomeWidgetProps } from '@internal/backstage-plugin-delivery-react';

const SHOWN = 6;

/**
 * Home widget: the scope's components that are not on their golden path's latest
 * version (teams: components they own; organisation: all), linked to the drift page.
 */
export function GoldenPathDriftWidget(props: HomeWidgetProps) {
  const scope = props.scope;
  const owners = scope?.kind === 'teams' ? scope.entityRefs : undefined;
  const api = useApi(goldenPathsApiRef);
  const { value, loading, error } = useAsync(
    async () =>
      // No team: nothing of theirs (an empty owner filter would mean everyone's).
      owners?.length === 0
        ? { generatedAt: '', templates: [], components: [] }
        : api.getDrift(owners ? { owners } : {}),
    [api, owners?.join(',')],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <></>;
  const summary = driftSummary(value.components);
  if (summary.total === 0) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="home-drift"
      >
        No service here was made from a golden path.{' '}
        <Link to="/create">Start one</Link>
      </Typography>
    );
  }
  return (
    <Box data-testid="home-drift" data-total={summary.total}>
      <Typography variant="body2">
        {summary.current} of {summary.total} on their template's latest version.{' '}
        <Link to="/golden-paths">Drift report</Link>
      </Typography>
      <List dense disablePadding>
        {summary.drifting.slice(0, SHOWN).map(row => (
          <ListItem
            key={row.entityRef}
            disableGutters
            data-testid="home-drift-row"
          >
            <Box display="flex" style={{ gap: 8 }} flexWrap="wrap">
              <EntityRefLink
                entityRef={row.entityRef}
                defaultKind="component"
              />
              <Typography variant="body2" color="textSecondary">
                {shortRef(row.template)} {row.version ?? ''}:{' '}
                {describeDrift(row)}
              </Typography>
            </Box>
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
