import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import type {
  DeploymentPhase,
  ListedDeployment,
  PhaseBurn,
} from '@internal/backstage-plugin-delivery-common';
import {
  deliveryApiRef,
  formatExact,
  useMeasuredWidth,
} from '@internal/backstage-plugin-delivery-react';
import { formatDuration } from '../chart/model';
import { phaseBurnPhrase, rolloutOutcomeLabels } from './phrases';
import { Ramp, rolloutRamp } from './ramp';
import { isoOf, RampChart } from './RampChart';

const useStyles = makeStyles({
  row: { '& td': { whiteSpace: 'nowrap' } },
});

/** The deployment whose rollout is shown. */
export type RolloutDeployment = Pick<
  ListedDeployment,
  'entityRef' | 'source' | 'id' | 'startedAt' | 'finishedAt' | 'phases'
>;

/** What the header says of the rollout's end: the switch, the abort, or how far it got. */
function RolloutSummary(props: { ramp: Ramp }) {
  const { ramp } = props;
  if (ramp.outcome === 'aborted' && ramp.abortAt !== undefined) {
    const abort = ramp.phases.find(p => p.phase.kind === 'abort');
    return (
      <Typography
        variant="body2"
        color="error"
        data-testid="delivery-rollout-aborted"
      >
        Aborted at {formatExact(isoOf(ramp.abortAt))}
        {abort ? ` (phase ${abort.number}, “${abort.phase.name}”)` : ''}:
        traffic back to the stable version.
      </Typography>
    );
  }
  if (ramp.strategy === 'blue-green') {
    return (
      <Typography variant="body2" data-testid="delivery-rollout-switch">
        {ramp.switchAt !== undefined
          ? `Switched all traffic to the new version at ${formatExact(
              isoOf(ramp.switchAt),
            )}.`
          : 'Not switched yet: the stable version still serves all traffic.'}
      </Typography>
    );
  }
  const current = ramp.points[ramp.points.length - 1].weight;
  return (
    <Typography variant="body2">
      {ramp.outcome === 'promoted'
        ? 'Promoted: the new version serves all traffic.'
        : `In progress: ${current}% of the traffic on the new version.`}
    </Typography>
  );
}

/**
 * A progressive rollout's detail: the traffic ramp over time (canary steps, or the
 * blue-green switch), an abort drawn as traffic back to the stable version, and each
 * phase's error budget burn from `GET /rollout-burn`, with its loading, no-SLO and
 * error states. The ramp is drawn from the deployment's own phases while the burn loads.
 */
export function RolloutRamp(props: {
  deployment: RolloutDeployment;
  /** The current time (tests); a running rollout's ramp ends there. */
  now?: number;
}) {
  const { deployment } = props;
  const api = useApi(deliveryApiRef);
  const classes = useStyles();
  const { ref, width } = useMeasuredWidth(640);
  const { entityRef, source, id } = deployment;
  const burn = useAsync(
    () => api.getRolloutBurn({ entityRef, source, id }),
    [api, entityRef, source, id],
  );
  const now = props.now ?? Date.now();

  // The burn's phases are the deployment's, each with what it consumed.
  const phases: Array<DeploymentPhase & Partial<PhaseBurn>> | undefined = burn
    .value?.phases.length
    ? burn.value.phases
    : deployment.phases;
  const ramp = useMemo(
    () => rolloutRamp(phases, deployment, now),
    // `now` only matters for a running rollout, drawn again when its data changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [phases, deployment.startedAt, deployment.finishedAt],
  );
  if (!ramp) return null;

  const noSlo = burn.value && !burn.value.sloAvailable;
  const consumedOf = (phase: Partial<PhaseBurn>) => {
    if (!burn.value) return undefined;
    if (noSlo) return null;
    return phase.consumed === undefined ? null : phase.consumed;
  };

  return (
    <Box
      mb={1}
      data-testid="delivery-rollout-ramp"
      data-strategy={ramp.strategy}
      data-rollout-outcome={ramp.outcome}
    >
      <Typography variant="subtitle2">
        {ramp.strategy === 'blue-green'
          ? 'Blue-green switch'
          : 'Canary ramp: traffic on the new version'}{' '}
        · {rolloutOutcomeLabels[ramp.outcome]}
      </Typography>
      <RolloutSummary ramp={ramp} />
      <div ref={ref}>
        <RampChart ramp={ramp} width={width} />
      </div>
      {burn.loading && (
        <Typography
          variant="caption"
          color="textSecondary"
          data-testid="delivery-burn-loading"
        >
          Loading the error budget burn of each phase…
        </Typography>
      )}
      {burn.error && (
        <Typography
          variant="caption"
          color="error"
          display="block"
          data-testid="delivery-burn-error"
        >
          The error budget burn could not be loaded: {burn.error.message}
        </Typography>
      )}
      {noSlo && (
        <Typography
          variant="caption"
          color="textSecondary"
          display="block"
          data-testid="delivery-burn-no-slo"
        >
          No SLO figures for this component: the burn of its phases is unknown.
        </Typography>
      )}
      <Table size="small" aria-label="Rollout phases">
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>Phase</TableCell>
            <TableCell>Started</TableCell>
            <TableCell>Duration</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Error budget</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ramp.phases.map(p => (
            <TableRow
              key={p.number}
              className={classes.row}
              data-testid="delivery-rollout-phase"
              data-kind={p.phase.kind}
            >
              <TableCell>{p.number}</TableCell>
              <TableCell>
                {p.phase.name}{' '}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  {p.phase.kind}
                </Typography>
              </TableCell>
              <TableCell title={formatExact(p.phase.startedAt)}>
                {DateTime.fromISO(p.phase.startedAt).toFormat('HH:mm:ss')}
              </TableCell>
              <TableCell>
                {p.drawn ? formatDuration(p.end - p.start) : '–'}
              </TableCell>
              <TableCell>
                <Typography
                  variant="body2"
                  component="span"
                  color={p.phase.status === 'failed' ? 'error' : 'inherit'}
                >
                  {p.phase.status}
                </Typography>
              </TableCell>
              <TableCell data-testid="delivery-phase-burn">
                {phaseBurnPhrase(p.phase, p.weight, consumedOf(p.phase))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
