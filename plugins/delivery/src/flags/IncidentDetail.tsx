import { useMemo } from 'react';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import type {
  FlagEvent,
  IncidentEvent,
} from '@internal/backstage-plugin-delivery-common';
import {
  deliveryApiRef,
  formatExact,
} from '@internal/backstage-plugin-delivery-react';
import { formatDuration } from '../chart/model';
import { describeFlag } from './flagMarks';
import {
  FLAGS_BEFORE_INCIDENT_MS,
  flagOffset,
  incidentFlags,
  incidentFlagWindow,
} from './incidentFlags';

/** Flag changes asked for around one incident. */
const FLAG_LIMIT = 100;

function FlagList(props: {
  flags: FlagEvent[];
  incident: IncidentEvent;
  empty: string;
  testId: string;
}) {
  if (props.flags.length === 0) {
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
      {props.flags.map(flag => (
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
              {flag.environment},{' '}
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
 * around it from `GET /flags`: those just before it opened, those turning a flag off
 * while it was open, and a flag that did both ("released by flag, rolled back by flag").
 */
export function IncidentDetail(props: {
  incident: IncidentEvent;
  isProduction: (environment: string) => boolean;
  /** The current time (tests); an open incident lasts until then. */
  now?: number;
}) {
  const { incident, isProduction } = props;
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
    // The window moves with `now` only while the incident is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      api,
      incident.entityRef,
      incident.source,
      incident.id,
      incident.resolvedAt,
    ],
  );
  const around = useMemo(
    () =>
      page.value
        ? incidentFlags(incident, page.value.items, { now, isProduction })
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [page.value, incident, isProduction],
  );
  const hoursBefore = FLAGS_BEFORE_INCIDENT_MS / 3_600_000;
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
      {around && (
        <>
          {around.releasedAndRolledBack.map(pair => (
            <Typography
              key={`${pair.environment}/${pair.flagKey}`}
              variant="body2"
              color="error"
              data-testid="delivery-released-rolled-back"
            >
              Released by flag, rolled back by flag: <code>{pair.flagKey}</code>{' '}
              in {pair.environment} was released just before the incident and
              turned off during it.
            </Typography>
          ))}
          <Box mt={1}>
            <Typography variant="body2">
              Flag changes in the {hoursBefore} h before it opened
            </Typography>
            <FlagList
              flags={around.before}
              incident={incident}
              empty="None in production."
              testId="delivery-flags-before"
            />
          </Box>
          <Box mt={1}>
            <Typography variant="body2">
              Flags turned off while it was open
            </Typography>
            <FlagList
              flags={around.turnedOffDuring}
              incident={incident}
              empty="None in production."
              testId="delivery-flags-off-during"
            />
          </Box>
          {page.value?.nextCursor && (
            <Typography variant="caption" color="textSecondary">
              Only the latest {FLAG_LIMIT} flag changes around it are shown.
            </Typography>
          )}
        </>
      )}
    </Box>
  );
}
