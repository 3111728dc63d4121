import type {
  DeploymentHealthResponse,
  ListedDeployment,
  SourceStatus,
  Timeline,
} from '@internal/backstage-plugin-delivery-common';
import { deploymentKey, outcomeOf, rolledBackKeys } from '../chart/model';
import { healthByKey, VerdictState } from '../health/verdict';

/** The production lanes the backend named (its configured production list). */
export function productionEnvironments(timeline: Timeline): string[] {
  return timeline.environments
    .filter(lane => lane.production)
    .map(lane => lane.environment);
}

/** Failures, rolled-back deployments and rollbacks: what needs a look first. */
const NEEDS_A_LOOK = new Set(['failure', 'rolled_back', 'rollback']);

/**
 * The cockpit's list: each rollout once (a component under two of the scope's groups
 * is listed by both), failures and rollbacks first, then the rest; newest first within
 * each; at most `limit`. Rolled-back marks come from the rollbacks among the rows.
 */
export function failuresFirst(
  deployments: ListedDeployment[],
  limit: number,
): { rows: ListedDeployment[]; rolledBack: Set<string> } {
  const unique = new Map(deployments.map(d => [deploymentKey(d), d]));
  const all = [...unique.values()];
  const rolledBack = rolledBackKeys(all);
  const urgent = (d: ListedDeployment) =>
    NEEDS_A_LOOK.has(outcomeOf(d, rolledBack)) ? 0 : 1;
  const at = (d: ListedDeployment) => Date.parse(d.finishedAt ?? d.startedAt);
  const rows = all
    .sort(
      (a, b) =>
        urgent(a) - urgent(b) ||
        at(b) - at(a) ||
        deploymentKey(a).localeCompare(deploymentKey(b)),
    )
    .slice(0, limit);
  return { rows, rolledBack };
}

/**
 * The stale sources that feed these deployments: a source is matched by its name
 * (`id` is `<source>` or `<source>/<instance>`). Sources that fed none of them are
 * left out, so an unconfigured or unrelated source raises no alarm here.
 */
export function staleFeedingSources(
  statuses: SourceStatus[] | undefined,
  deployments: Array<Pick<ListedDeployment, 'source'>>,
): SourceStatus[] {
  const feeding = new Set(deployments.map(d => d.source));
  return (statuses ?? []).filter(
    status => status.stale && feeding.has(status.id.split('/')[0]),
  );
}

/**
 * The verdicts of the scope's groups in one lookup. Every row of the widget is a
 * production deployment. A group whose verdicts failed gives none: its rows show a
 * dash saying why (the first error), never a verdict.
 */
export function pooledHealth(
  answers: Array<DeploymentHealthResponse | Error>,
): VerdictState {
  const responses = answers.filter(
    (a): a is DeploymentHealthResponse => !(a instanceof Error),
  );
  const error = answers.find((a): a is Error => a instanceof Error);
  return {
    isProduction: () => true,
    loading: false,
    error,
    response: responses[0],
    byKey: healthByKey({ items: responses.flatMap(r => r.items) }),
  };
}
