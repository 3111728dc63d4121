import { toMillis } from '../time';
import type { DoraDeployment } from './types';

/**
 * One rollout reported by two sources (say GitHub Actions runs the deploy job and
 * Argo CD syncs the same commit) must count once. The rule:
 *
 * Two successful deployments (status `success`, `finishedAt` set) report the same
 * rollout when they have the same entityRef, the same environment (compared
 * lower-cased), DIFFERENT sources, at least one commit sha in common, and finish at
 * most `windowMs` apart (`delivery.dora.duplicateRolloutWindow`, default 10 minutes;
 * 0 turns merging off). Two runs of one source are always two rollouts.
 *
 * Deployments are ordered by (finishedAt, source, id). A deployment is a duplicate
 * when an earlier one in that order matches it; its primary is the root of that
 * chain (the first earlier match, followed while that one is itself a duplicate).
 * The order is a property of the deployments, not of their arrival, so the result
 * does not depend on the order events arrive in.
 *
 * DORA then counts the primary only: a duplicate is not a deployment (frequency,
 * change failure rate, rework); its commits are the primary's (a sha both report
 * keeps the earlier commit time); whatever names a duplicate (an incident's
 * deploymentId, a rollbackOf, a remediation of such an incident) names the primary;
 * and the duplicate's own rollbackOf and remediates are the primary's too.
 */

/** Default of `delivery.dora.duplicateRolloutWindow`. */
export const DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES = 10;

/** The identity of a deployment (or incident) across sources: `source` NUL `id`. */
export const rolloutKey = (source: string, id: string) =>
  `${source}\u0000${id}`;

/** What the rule reads of a deployment. */
export type DuplicateCandidate = Pick<
  DoraDeployment,
  'source' | 'id' | 'entityRef' | 'environment' | 'status' | 'finishedAt'
> & { commits: { sha: string }[] };

interface Finished {
  key: string;
  source: string;
  id: string;
  finishedAt: number;
  shas: Set<string>;
}

// Code-unit order, not locale order: the same on every machine and database.
const compareText = (a: string, b: string) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

const byRolloutOrder = (a: Finished, b: Finished) =>
  a.finishedAt - b.finishedAt ||
  compareText(a.source, b.source) ||
  compareText(a.id, b.id);

function sharesSha(a: Finished, b: Finished): boolean {
  const [small, large] = a.shas.size <= b.shas.size ? [a, b] : [b, a];
  for (const sha of small.shas) if (large.shas.has(sha)) return true;
  return false;
}

/**
 * The duplicates among `deployments` under the rule above: duplicate key -> primary
 * key (keys from `rolloutKey`). Deployments that are not successful never match.
 */
export function findDuplicateRollouts(
  deployments: DuplicateCandidate[],
  windowMs: number,
): Map<string, string> {
  const duplicateOf = new Map<string, string>();
  if (!(windowMs > 0)) return duplicateOf;

  // Only deployments of one component and environment can match.
  const groups = new Map<string, Finished[]>();
  for (const d of deployments) {
    if (d.status !== 'success' || !d.finishedAt) continue;
    const group = `${d.entityRef}\u0000${d.environment.toLowerCase()}`;
    const list = groups.get(group) ?? [];
    list.push({
      key: rolloutKey(d.source, d.id),
      source: d.source,
      id: d.id,
      finishedAt: toMillis(d.finishedAt),
      shas: new Set(d.commits.map(c => c.sha)),
    });
    groups.set(group, list);
  }

  for (const group of groups.values()) {
    group.sort(byRolloutOrder);
    let earliest = 0; // the first deployment finished within the window before `i`
    for (let i = 0; i < group.length; i++) {
      const d = group[i];
      while (group[earliest].finishedAt < d.finishedAt - windowMs) earliest++;
      for (let j = earliest; j < i; j++) {
        const before = group[j];
        if (before.source !== d.source && sharesSha(before, d)) {
          duplicateOf.set(d.key, duplicateOf.get(before.key) ?? before.key);
          break;
        }
      }
    }
  }
  return duplicateOf;
}

/**
 * The deployments without the duplicates named in `duplicateOf`; a primary gets the
 * commits of its duplicates (per sha, the earlier commit time).
 */
export function applyDuplicateRollouts<T extends DoraDeployment>(
  deployments: T[],
  duplicateOf: ReadonlyMap<string, string>,
): T[] {
  const extraCommits = new Map<string, DoraDeployment['commits']>();
  for (const d of deployments) {
    const primary = duplicateOf.get(rolloutKey(d.source, d.id));
    if (primary === undefined) continue;
    extraCommits.set(primary, [
      ...(extraCommits.get(primary) ?? []),
      ...d.commits,
    ]);
  }
  return deployments.flatMap(d => {
    const key = rolloutKey(d.source, d.id);
    if (duplicateOf.has(key)) return [];
    const extra = extraCommits.get(key);
    if (!extra) return [d];
    const bySha = new Map<string, DoraDeployment['commits'][number]>();
    for (const commit of [...d.commits, ...extra]) {
      const seen = bySha.get(commit.sha);
      if (!seen || toMillis(commit.committedAt) < toMillis(seen.committedAt)) {
        bySha.set(commit.sha, commit);
      }
    }
    return [{ ...d, commits: [...bySha.values()] }];
  });
}

/**
 * Merges the reports of one rollout by several sources (see the rule above): the
 * kept deployments (primaries carry their duplicates' commits) and the alias map
 * duplicate key -> primary key.
 */
export function mergeDuplicateRollouts<T extends DoraDeployment>(
  deployments: T[],
  windowMs: number,
): { deployments: T[]; duplicateOf: Map<string, string> } {
  const duplicateOf = findDuplicateRollouts(deployments, windowMs);
  return {
    deployments: applyDuplicateRollouts(deployments, duplicateOf),
    duplicateOf,
  };
}
