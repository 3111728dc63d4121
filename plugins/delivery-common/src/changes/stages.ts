import { quantile } from '../dora/quantile';
import type { DoraDeployment } from '../dora/types';
import type { ChangeEvent } from '../events';
import { productionEnvironmentSet } from '../production';
import { toMillis } from '../time';

/*
 * Lead-time stages of pull and merge requests, as the design's "Changes and lead-time
 * stages" defines them. Instants are compared as instants (offsets honoured); stages
 * are in hours.
 */

const HOUR_MS = 3_600_000;

export const leadTimeStages = ['coding', 'pickup', 'review', 'deploy'] as const;

/** @public */
export type LeadTimeStage = (typeof leadTimeStages)[number];

/** One stage of one change, in hours; null when the change has no such stage. */
export type ChangeStageHours = Record<LeadTimeStage, number | null>;

/** What the stages read of a change. */
export type ChangeInput = Pick<
  ChangeEvent,
  | 'source'
  | 'id'
  | 'entityRef'
  | 'openedAt'
  | 'firstCommitAt'
  | 'firstReviewAt'
  | 'mergedAt'
  | 'mergeCommitSha'
> & { commits: { sha: string; committedAt: string }[] };

/** What the stages read of a deployment. */
export type ChangeDeploymentInput = Pick<
  DoraDeployment,
  'source' | 'id' | 'entityRef' | 'environment' | 'status' | 'finishedAt'
> & { commits: { sha: string }[] };

/** firstCommitAt if given, else the earliest committedAt of its commits (ms). */
export function firstCommitMillis(change: ChangeInput): number | null {
  if (change.firstCommitAt) return toMillis(change.firstCommitAt);
  if (change.commits.length === 0) return null;
  return Math.min(...change.commits.map(c => toMillis(c.committedAt)));
}

/** Whether the change was reviewed before it merged (firstReviewAt <= mergedAt). */
export function isReviewed(change: ChangeInput): boolean {
  return (
    !!change.firstReviewAt &&
    !!change.mergedAt &&
    toMillis(change.firstReviewAt) <= toMillis(change.mergedAt)
  );
}

/**
 * The deployment that shipped a merged change: the first successful production
 * deployment of the same component (earliest finishedAt; ties by source, then id) whose
 * commits include mergeCommitSha or any of the change's shas, finished at or after
 * mergedAt. Undefined for an unmerged change or while none has shipped it.
 */
export function changeDeployment<D extends ChangeDeploymentInput>(
  change: ChangeInput,
  deployments: D[],
  production: Set<string> = productionEnvironmentSet(),
): D | undefined {
  if (!change.mergedAt) return undefined;
  const mergedAt = toMillis(change.mergedAt);
  const shas = new Set(change.commits.map(c => c.sha));
  if (change.mergeCommitSha) shas.add(change.mergeCommitSha);
  let first: { deployment: D; finishedAt: number } | undefined;
  for (const deployment of deployments) {
    if (
      deployment.entityRef !== change.entityRef ||
      deployment.status !== 'success' ||
      !deployment.finishedAt ||
      !production.has(deployment.environment.toLowerCase())
    ) {
      continue;
    }
    const finishedAt = toMillis(deployment.finishedAt);
    if (finishedAt < mergedAt) continue;
    if (!deployment.commits.some(c => shas.has(c.sha))) continue;
    if (
      !first ||
      finishedAt < first.finishedAt ||
      (finishedAt === first.finishedAt &&
        (deployment.source < first.deployment.source ||
          (deployment.source === first.deployment.source &&
            deployment.id < first.deployment.id)))
    ) {
      first = { deployment, finishedAt };
    }
  }
  return first?.deployment;
}

/**
 * The stages of a change shipped by a deployment that finished at
 * `deploymentFinishedAt` (ms): coding = openedAt - firstCommit (0 if negative, null
 * without commits), pickup = firstReviewAt - openedAt and review = mergedAt -
 * firstReviewAt for reviewed changes (null otherwise), deploy = finishedAt - mergedAt.
 */
export function changeStages(
  change: ChangeInput,
  deploymentFinishedAt: number,
): ChangeStageHours {
  const opened = toMillis(change.openedAt);
  const merged = toMillis(change.mergedAt!);
  const firstCommit = firstCommitMillis(change);
  const reviewed = isReviewed(change);
  const firstReview = reviewed ? toMillis(change.firstReviewAt!) : null;
  return {
    coding:
      firstCommit === null ? null : Math.max(0, opened - firstCommit) / HOUR_MS,
    pickup: firstReview === null ? null : (firstReview - opened) / HOUR_MS,
    review: firstReview === null ? null : (merged - firstReview) / HOUR_MS,
    deploy: (deploymentFinishedAt - merged) / HOUR_MS,
  };
}

/** One stage over the counted changes that have it; quantiles null when none do. */
export interface StageFigure {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

/** Answer of `GET /api/delivery/lead-time-breakdown`. */
export interface LeadTimeBreakdown {
  /** Merged changes whose deployment finished in [from, to). */
  changes: number;
  reviewed: number;
  unreviewed: number;
  /** Changes merged in [from, to) with no deployment finished before `to`. */
  awaitingDeploy: number;
  stages: Record<LeadTimeStage, StageFigure>;
}

export interface LeadTimeBreakdownInput {
  changes: ChangeInput[];
  deployments: ChangeDeploymentInput[];
  /** Window start (inclusive), ISO-8601. */
  from: string;
  /** Window end (exclusive), ISO-8601. */
  to: string;
  /** Compared case-insensitively; default production, prod, prd, live. */
  productionEnvironments?: string[];
}

/** Median and p90 of hours, as every DORA quantile (linear between closest ranks). */
export function stageFigure(hours: number[]): StageFigure {
  const sorted = [...hours].sort((a, b) => a - b);
  return {
    count: sorted.length,
    medianHours: quantile(sorted, 0.5),
    p90Hours: quantile(sorted, 0.9),
  };
}

/**
 * The lead-time breakdown of the given changes (a component's, or every component's of
 * a group or system: pooled, never averaged) in the window [from, to).
 */
export function leadTimeBreakdown(
  input: LeadTimeBreakdownInput,
): LeadTimeBreakdown {
  const from = toMillis(input.from);
  const to = toMillis(input.to);
  const production = productionEnvironmentSet(input.productionEnvironments);
  const byEntity = new Map<string, ChangeDeploymentInput[]>();
  for (const d of input.deployments) {
    const list = byEntity.get(d.entityRef) ?? [];
    list.push(d);
    byEntity.set(d.entityRef, list);
  }
  const hours: Record<LeadTimeStage, number[]> = {
    coding: [],
    pickup: [],
    review: [],
    deploy: [],
  };
  let changes = 0;
  let reviewed = 0;
  let awaitingDeploy = 0;
  for (const change of input.changes) {
    if (!change.mergedAt) continue;
    const deployment = changeDeployment(
      change,
      byEntity.get(change.entityRef) ?? [],
      production,
    );
    const finishedAt = deployment ? toMillis(deployment.finishedAt!) : null;
    const merged = toMillis(change.mergedAt);
    if (
      merged >= from &&
      merged < to &&
      (finishedAt === null || finishedAt >= to)
    ) {
      awaitingDeploy += 1;
    }
    if (finishedAt === null || finishedAt < from || finishedAt >= to) continue;
    changes += 1;
    if (isReviewed(change)) reviewed += 1;
    const stages = changeStages(change, finishedAt);
    for (const stage of leadTimeStages) {
      const value = stages[stage];
      if (value !== null) hours[stage].push(value);
    }
  }
  return {
    changes,
    reviewed,
    unreviewed: changes - reviewed,
    awaitingDeploy,
    stages: {
      coding: stageFigure(hours.coding),
      pickup: stageFigure(hours.pickup),
      review: stageFigure(hours.review),
      deploy: stageFigure(hours.deploy),
    },
  };
}

/** Size classes of a change by lines changed (additions + deletions). */
export const changeSizeClasses = [
  { name: 'XS', below: 10 },
  { name: 'S', below: 100 },
  { name: 'M', below: 400 },
  { name: 'L', below: 1000 },
  { name: 'XL', below: Infinity },
] as const;

/** @public */
export type ChangeSizeClass = (typeof changeSizeClasses)[number]['name'];

/** The size class of a change, undefined when its source gave no line counts. */
export function changeSizeClass(change: {
  additions?: number | null;
  deletions?: number | null;
}): ChangeSizeClass | undefined {
  const known = (lines?: number | null) =>
    lines !== null && lines !== undefined;
  if (!known(change.additions) && !known(change.deletions)) return undefined;
  const lines = (change.additions ?? 0) + (change.deletions ?? 0);
  return changeSizeClasses.find(c => lines < c.below)!.name;
}
