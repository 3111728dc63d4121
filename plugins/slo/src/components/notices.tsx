import {
  CodeSnippet,
  EmptyState,
  WarningPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  formatDefinitionError,
  SloDefinitionError,
} from '@internal/backstage-plugin-slo-common';
import { OPENSLO_FILE_ANNOTATION, StaleSummary } from '../model/status';
import {
  formatExact,
  formatRelative,
} from '@internal/backstage-plugin-delivery-react';

export const ANNOTATION_SNIPPET = `metadata:
  annotations:
    # OpenSLO v1 file (SLO, SLI, DataSource) next to catalog-info.yaml
    ${OPENSLO_FILE_ANNOTATION}: ./slo.yaml`;

export const OPENSLO_SNIPPET = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 28d
      isRolling: true
  indicator:
    metadata:
      name: checkout-errors
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{job="checkout"}[5m]))
  objectives:
    - displayName: 99.9% of requests succeed
      target: 0.999`;

/** No objective where SLOs were looked for, in the look of every such notice. */
export function NoSlos(props: {
  testId: string;
  title: string;
  description: string;
  action?: JSX.Element;
}) {
  return (
    <Box data-testid={props.testId}>
      <EmptyState
        missing="info"
        title={props.title}
        description={props.description}
        action={props.action}
      />
    </Box>
  );
}

/** The entity declares no objective: how to add one. */
export function EmptySlos(props: { entityRef: string }) {
  return (
    <NoSlos
      testId="slo-empty"
      title="No SLOs defined yet"
      description={`${props.entityRef} has no service level objectives. Point the annotation ${OPENSLO_FILE_ANNOTATION} at an OpenSLO v1 file in the entity's catalog-info.yaml (Pyrra and Sloth definitions are read too, and slo.acme-portal.io/sloth-service lists the SLOs Sloth already runs for a sloth_service):`}
      action={
        <Box data-testid="slo-annotation-snippet">
          <CodeSnippet
            language="yaml"
            text={ANNOTATION_SNIPPET}
            showCopyCodeButton
          />
          <Typography variant="body2" style={{ margin: '12px 0 4px' }}>
            and in <code>slo.yaml</code>, for example:
          </Typography>
          <CodeSnippet
            language="yaml"
            text={OPENSLO_SNIPPET}
            showCopyCodeButton
          />
        </Box>
      }
    />
  );
}

/** Definitions exist but the backend has no metric source to evaluate them with. */
export function NoSourceNotice(props: { reason?: string }) {
  return (
    <Box data-testid="slo-no-source">
      <WarningPanel
        severity="info"
        title="No metric source configured"
        defaultExpanded
      >
        <Typography variant="body2">
          The objectives below are read from their definitions, but the portal
          has no Prometheus to evaluate them against, so no figures are shown.
          Point the SLO backend at one in <code>app-config.yaml</code> (
          <code>slo.prometheus</code>, see the slo-backend-module-prometheus
          README).
        </Typography>
        {props.reason && (
          <Typography variant="body2" color="textSecondary">
            Backend: {props.reason}
          </Typography>
        )}
      </WarningPanel>
    </Box>
  );
}

/** The figures shown are the last good ones: which objectives, since when, why. */
export function StaleNotice(props: { stale: StaleSummary; now?: number }) {
  const { stale } = props;
  const since = stale.since
    ? `last successful evaluation ${formatRelative(
        stale.since,
        props.now,
      )} (${formatExact(stale.since)})`
    : 'never evaluated successfully';
  return (
    <Box data-testid="slo-stale-notice" mb={1}>
      <WarningPanel
        severity="warning"
        title={`Figures may be out of date: ${since}`}
      >
        <Typography variant="body2">
          The metric source did not answer; the figures of{' '}
          {stale.objectives.length === 1
            ? '1 objective are'
            : `${stale.objectives.length} objectives are`}{' '}
          the last good ones.
          {stale.lastError && ` Last error: ${stale.lastError}`}
        </Typography>
      </WarningPanel>
    </Box>
  );
}

/** Problems in the definitions, per field; valid objectives are still shown. */
export function DefinitionErrors(props: { errors: SloDefinitionError[] }) {
  if (props.errors.length === 0) return null;
  return (
    <Box data-testid="slo-definition-errors" mb={1}>
      <WarningPanel
        severity="error"
        title={`${props.errors.length} problem${
          props.errors.length === 1 ? '' : 's'
        } in the SLO definitions`}
      >
        {props.errors.map((error, i) => (
          <Typography key={i} variant="body2">
            Document {error.document + 1}: {formatDefinitionError(error)}
          </Typography>
        ))}
      </WarningPanel>
    </Box>
  );
}
