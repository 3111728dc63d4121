import { useMemo } from 'react';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  DEFAULT_FLAG_LOOKBACK_HOURS,
  FlagEvent,
  FlagStep,
  IncidentEvent,
  incidentFlagContext,
} from '@internal/backstage-plugin-delivery-common';
import {
  deliveryApiRef,
  formatExact,
} from '@internal/backstage-plugin-delivery-react';
import { formatDuration } from '../chart/model';
import { describeFlag } from './flagMarks';
import {
  flagOffset,
  flagStory,
  incidentFlagWindow,
  servedChange,
} from './incidentFlags';

/** Flag changes read around one incident (the backend's page limit). */
const FLAG_LIMIT = 500;

function FlagList(props: {
  steps: FlagStep<FlagEvent>[];
  incident: IncidentEvent;
  empty: string;
  testId: string;
}) {
  if (props.steps.length === 0) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid={props.testId}
      >
        {props.empty}
      </Typography>
    );
  }
  return (
    <Box component="ul" m={0} pl={2} data-testid={props.testId}>
      {props.steps.map(({ change: flag, ...step }) => (
        <li key={`${flag.source}/${flag.id}`}>
          <Typography variant="body2" component="span">
            {flag.url ? (
              <Link to={flag.url}>{describeFlag(flag)}</Link>
            ) : (
              describeFlag(flag)
            )}{' '}
            <Typography
              variant="caption"
              color="textSecondary"
              component="span"
              title={formatExact(flag.at)}
            >
              {flag.environment} · {servedChange(step)} ·{' '}
              {flagOffset(flag, props.incident, formatDuration)}
            </Typography>
          </Typography>
        </li>
      ))}
    </Box>
  );
}

/**
 * An incident's detail: when it opened and closed, and the production flag changes
 * around it (delivery-common's `incidentFlagContext` over `GET /flags`): those just
 * before it opened, those lowering a flag while it was open, and the story they tell
 * ("released by flag, rolled back by flag").
 */
export function IncidentDetail(props: {
  incident: IncidentEvent;
  /** Environments counted as production (the backend's lanes and the defaults). */
  productionEnvironments: string[];
  /** The current time (tests); an open incident lasts until then. */
  now?: number;
}) {
  const { incident, productionEnvironments } = props;
  const api = useApi(deliveryApiRef);
  const now = props.now ?? Date.now();
  const span = incidentFlagWindow(incident, now);
  const page = useAsync(
    () =>
      api.listFlags({
        entityRef: incident.entityRef,
        from: span.from,
        to: span.to,
        limit: FLAG_LIMIT,
      }),
    // The span moves with `now` only while the incident is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      api,
      incident.entityRef,
      incident.source,
      incident.id,
      incident.resolvedAt,
    ],
  );
  const context = useMemo(
    () =>
      page.value
        ? incidentFlagContext(incident, page.value.items, {
            productionEnvironments,
          })
        : undefined,
    [page.value, incident, productionEnvironments],
  );
  const story = context && flagStory(context);
  const duration = formatDuration(
    (incident.resolvedAt ? Date.parse(incident.resolvedAt) : now) -
      Date.parse(incident.openedAt),
  );

  return (
    <Box data-testid="delivery-incident-detail">
      <Typography variant="subtitle2">
        Incident:{' '}
        {incident.url ? (
          <Link to={incident.url}>{incident.title}</Link>
        ) : (
          incident.title
        )}
        {incident.severity ? ` (${incident.severity})` : ''}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Opened {formatExact(incident.openedAt)} ·{' '}
        {incident.resolvedAt
          ? `resolved ${formatExact(incident.resolvedAt)} after ${duration}`
          : `still open after ${duration}`}
        {incident.deploymentId
          ? ` · names deployment ${incident.deploymentId}`
          : ''}
      </Typography>
      {page.loading && (
        <Typography variant="body2" color="textSecondary">
          Loading the flag changes around it…
        </Typography>
      )}
      {page.error && (
        <Typography
          variant="body2"
          color="error"
          data-testid="delivery-incident-flags-error"
        >
          The flag changes could not be loaded: {page.error.message}
        </Typography>
      )}
      {context && (
        <>
          {story && (
            <Typography
              variant="body2"
              color="error"
              data-testid="delivery-flag-story"
            >
              {story}
            </Typography>
          )}
          <Box mt={1}>
            <Typography variant="body2">
              Flag changes in the {DEFAULT_FLAG_LOOKBACK_HOURS} h before it
              opened
            </Typography>
            <FlagList
              steps={context.before}
              incident={incident}
              empty="None in production."
              testId="delivery-flags-before"
            />
          </Box>
          <Box mt={1}>
            <Typography variant="body2">
              Flags lowered or turned off while it was open
            </Typography>
            <FlagList
              steps={context.during}
              incident={incident}
              empty="None in production."
              testId="delivery-flags-during"
            />
          </Box>
          {page.value?.nextCursor && (
            <Typography variant="caption" color="textSecondary">
              Only the latest {FLAG_LIMIT} flag changes before its end were
              read: what a flag served before them is not known.
            </Typography>
          )}
        </>
      )}
    </Box>
  );
}
