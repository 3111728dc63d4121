/*
 * How DORA counts a progressive rollout (a deployment with `phases`). The store applies
 * it to every deployment it is sent, whatever the source, so the DORA engines (the
 * reference `computeDora` and the backend's SQL facts) need no rule of their own:
 *
 * - Aborted after traffic reached the new version (a phase that ran, i.e. not
 *   `pending`, before the first `abort` phase with weight > 0, or a `switch` or
 *   `promote` that succeeded before it): a deployment that failed in production, with
 *   its rollback. The deployment is `success` (it reached production traffic),
 *   finished when the abort started (when it was found bad), and a rollback is
 *   derived: same source, environment and url, id `abortRollbackId(id)`, `rollbackOf`
 *   the deployment, `success`, started when the abort started and finished when it
 *   finished (when it started, if it has no finish: Argo Rollouts sends all traffic
 *   back to the stable version as it aborts), no commits, no version, `triggeredBy`
 *   "rollout abort". So the change failure rate counts the deployment as failed, its
 *   recovery time is the abort's duration, and the rollback is a deployment like any
 *   other rollback. The source's own finishedAt and status are replaced: the abort
 *   decides them.
 * - Aborted before any traffic (weight 0 only, no successful switch): `failure`, no
 *   rollback; it never reached production. finishedAt: the source's, else the abort's.
 * - Promoted (no abort; a `promote` or `switch` phase succeeded): `success`, finished
 *   when the first such phase finished (when it started, without a finish).
 * - Still progressing: a source's `success` becomes `in_progress` (without finishedAt)
 *   until a promote or abort phase says how it ended; other statuses stay as sent.
 *
 * The first abort decides (phases in start order, `orderedPhases`). Instants are
 * never before the deployment's startedAt. When the source itself reports a rollback
 * of the deployment (`supersedesAbortRollback`), no rollback is derived: it would
 * count the same rollback twice.
 */
import { rolloutKey } from '../dora/duplicates';
import { EVENT_LIMITS } from '../events';
import type { DeploymentEvent, DeploymentPhase } from '../events';
import { toMillis } from '../time';
import { orderedPhases } from './rollout';

/** Ends the id of a rollback derived from an aborted rollout. */
export const ABORT_ROLLBACK_SUFFIX = ':abort';

/** `triggeredBy` of a rollback derived from an aborted rollout. */
export const ABORT_ROLLBACK_TRIGGER = 'rollout abort';

/** A deployment as DORA counts it, and the rollback its abort stands for. */
export interface SettledRollout {
  deployment: DeploymentEvent;
  /** Only for a rollout aborted after traffic reached the new version. */
  abortRollback?: DeploymentEvent;
}

// FNV-1a, 32 bits: the same in browsers and Node, enough to tell long ids apart.
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The id of the rollback derived from the aborted rollout `id`: `${id}:abort`, or for
 * an id too long for that (over EVENT_LIMITS.id), its start, `~`, a hash of the whole
 * id and `:abort`, never splitting a surrogate pair.
 */
export function abortRollbackId(id: string): string {
  const plain = `${id}${ABORT_ROLLBACK_SUFFIX}`;
  if (plain.length <= EVENT_LIMITS.id) return plain;
  const tag = `~${fnv1a(id)}`;
  let keep = EVENT_LIMITS.id - ABORT_ROLLBACK_SUFFIX.length - tag.length;
  const last = id.charCodeAt(keep - 1);
  if (last >= 0xd800 && last <= 0xdbff) keep--;
  return `${id.slice(0, keep)}${tag}${ABORT_ROLLBACK_SUFFIX}`;
}

/** The later of two instants, as given (the first on a tie). */
const later = (a: string, b: string) => (toMillis(b) > toMillis(a) ? b : a);

/** Did production traffic reach the new version during this phase? */
const carriedTraffic = (phase: DeploymentPhase) =>
  phase.status !== 'pending' &&
  ((phase.weight ?? 0) > 0 ||
    ((phase.kind === 'switch' || phase.kind === 'promote') &&
      phase.status === 'succeeded'));

/** A deployment (with or without phases) as DORA counts it; see the rule above. */
export function settleRollout(event: DeploymentEvent): SettledRollout {
  if (!event.phases || event.phases.length === 0) return { deployment: event };
  const phases = orderedPhases(event.phases);
  const sent = { ...event, phases };
  const abortIndex = phases.findIndex(p => p.kind === 'abort');

  if (abortIndex >= 0) {
    const abort = phases[abortIndex];
    if (!phases.slice(0, abortIndex).some(carriedTraffic)) {
      const end = abort.finishedAt ?? abort.startedAt;
      return {
        deployment: {
          ...sent,
          status: 'failure',
          finishedAt: event.finishedAt ?? later(event.startedAt, end),
        },
      };
    }
    const foundBadAt = later(event.startedAt, abort.startedAt);
    const restoredAt = later(foundBadAt, abort.finishedAt ?? abort.startedAt);
    return {
      deployment: { ...sent, status: 'success', finishedAt: foundBadAt },
      abortRollback: {
        kind: 'deployment',
        source: event.source,
        id: abortRollbackId(event.id),
        entityRef: event.entityRef,
        environment: event.environment,
        status: 'success',
        startedAt: foundBadAt,
        finishedAt: restoredAt,
        ...(event.url ? { url: event.url } : {}),
        commits: [],
        rollbackOf: event.id,
        triggeredBy: ABORT_ROLLBACK_TRIGGER,
      },
    };
  }

  const promotion = phases.find(
    p =>
      (p.kind === 'promote' || p.kind === 'switch') && p.status === 'succeeded',
  );
  if (promotion) {
    return {
      deployment: {
        ...sent,
        status: 'success',
        finishedAt: later(
          event.startedAt,
          promotion.finishedAt ?? promotion.startedAt,
        ),
      },
    };
  }
  if (event.status === 'success') {
    const { finishedAt: _unfinished, ...progressing } = sent;
    return { deployment: { ...progressing, status: 'in_progress' } };
  }
  return { deployment: sent };
}

/**
 * Whether `other`, reported by the source, is the rollback of the aborted `canary`
 * already: a successful deployment of the same source and environment (compared
 * lower-cased) with `rollbackOf` naming it. Then no rollback is derived, and the
 * source's marks the failure and its recovery.
 */
export function supersedesAbortRollback(
  canary: Pick<DeploymentEvent, 'source' | 'id' | 'environment'>,
  other: Pick<
    DeploymentEvent,
    'source' | 'environment' | 'status' | 'rollbackOf'
  >,
): boolean {
  return (
    other.source === canary.source &&
    other.rollbackOf === canary.id &&
    other.status === 'success' &&
    other.environment.toLowerCase() === canary.environment.toLowerCase()
  );
}

/**
 * The deployments as the store keeps them: each settled (`settleRollout`), plus the
 * rollbacks derived from aborts that no reported deployment supersedes or already
 * holds the id of. `deployments` are what sources sent, one per (source, id).
 */
export function settleRollouts(
  deployments: DeploymentEvent[],
): DeploymentEvent[] {
  const settled = deployments.map(settleRollout);
  const reported = settled.map(s => s.deployment);
  const taken = new Set(reported.map(d => rolloutKey(d.source, d.id)));
  const rollbacksOf = new Map<string, DeploymentEvent[]>();
  for (const d of reported) {
    if (d.rollbackOf === undefined) continue;
    const key = rolloutKey(d.source, d.rollbackOf);
    rollbacksOf.set(key, [...(rollbacksOf.get(key) ?? []), d]);
  }
  const derived = settled.flatMap(({ deployment, abortRollback }) => {
    if (!abortRollback) return [];
    if (taken.has(rolloutKey(abortRollback.source, abortRollback.id))) {
      return [];
    }
    const rollbacks =
      rollbacksOf.get(rolloutKey(deployment.source, deployment.id)) ?? [];
    return rollbacks.some(r => supersedesAbortRollback(deployment, r))
      ? []
      : [abortRollback];
  });
  return [...reported, ...derived];
}
