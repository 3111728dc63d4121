/*
 * Chart buckets for the deployment timeline, as pure functions: the store counts
 * deployments per (environment, bucket, outcome); this module decides, per environment,
 * whether the chart can draw every deployment as its own marker or must show counts per
 * bucket because markers would overlap.
 */
import { DeploymentStatus } from '@internal/backstage-plugin-delivery-common';
import { DeploymentOutcome } from '../database/deploymentFilters';

export interface OutcomeFlags {
  status: DeploymentStatus;
  /** The deployment rolls back another one (`rollbackOf` is set). */
  isRollback: boolean;
  /** The deployment remediates an incident (`remediates` is set). */
  isRemediation: boolean;
  /** A later deployment of the same source names this one in `rollbackOf`. */
  rolledBack: boolean;
}

/**
 * What a marker's colour says (one of `deploymentOutcomes`, which the table filters
 * on too). A finished run that was not successful keeps its status; a successful one
 * is, in this order: rolled back later, itself a rollback, a remediation of an
 * incident, or a plain success.
 */
export function deploymentOutcome(flags: OutcomeFlags): DeploymentOutcome {
  if (flags.status !== 'success') return flags.status;
  if (flags.rolledBack) return 'rolled_back';
  if (flags.isRollback) return 'rollback';
  if (flags.isRemediation) return 'remediation';
  return 'success';
}

/** Bucket geometry of a window [fromMs, toMs) cut into at most `buckets` equal parts. */
export interface BucketGrid {
  fromMs: number;
  toMs: number;
  /** Width of one bucket in milliseconds (whole milliseconds, at least 1). */
  bucketMs: number;
  /** Number of buckets actually needed to cover the window. */
  count: number;
}

export function bucketGrid(
  fromMs: number,
  toMs: number,
  buckets: number,
): BucketGrid {
  if (!(toMs > fromMs)) {
    throw new RangeError('the window is empty');
  }
  if (!Number.isInteger(buckets) || buckets < 1) {
    throw new RangeError('buckets must be a positive integer');
  }
  const bucketMs = Math.max(1, Math.ceil((toMs - fromMs) / buckets));
  return {
    fromMs,
    toMs,
    bucketMs,
    count: Math.ceil((toMs - fromMs) / bucketMs),
  };
}

/** Index of the bucket holding an instant of the window. */
export function bucketIndex(grid: BucketGrid, atMs: number): number {
  return Math.floor((atMs - grid.fromMs) / grid.bucketMs);
}

/** One row of the store's aggregation. */
export interface DeploymentCount extends OutcomeFlags {
  environment: string;
  bucket: number;
  count: number;
}

export type OutcomeCounts = Partial<Record<DeploymentOutcome, number>>;

export interface TimelineBucket {
  /** Start of the bucket, epoch milliseconds. */
  startMs: number;
  /** End of the bucket (exclusive), epoch milliseconds; never after the window's end. */
  endMs: number;
  total: number;
  outcomes: OutcomeCounts;
}

export interface LanePlan {
  environment: string;
  production: boolean;
  /** Deployments of this environment started in the window. */
  total: number;
  outcomes: OutcomeCounts;
  /**
   * `deployments`: few enough that no two share a bucket, the chart draws each one (the
   * caller loads them). `buckets`: markers would overlap, the chart draws counts.
   */
  mode: 'deployments' | 'buckets';
  /** Non-empty buckets in time order (both modes; the chart uses them in `buckets`). */
  buckets: TimelineBucket[];
}

/**
 * Lanes in display order: production environments first (in the order of the
 * configured list), then the others by name.
 */
export function planLanes(
  counts: DeploymentCount[],
  grid: BucketGrid,
  productionEnvironments: string[],
): LanePlan[] {
  const production = productionEnvironments.map(e => e.toLowerCase());
  const lanes = new Map<
    string,
    {
      total: number;
      outcomes: OutcomeCounts;
      buckets: Map<number, TimelineBucket>;
    }
  >();
  for (const row of counts) {
    const count = Number(row.count);
    if (!(count > 0)) continue;
    const index = Math.min(Math.max(Number(row.bucket), 0), grid.count - 1);
    let lane = lanes.get(row.environment);
    if (!lane) {
      lane = { total: 0, outcomes: {}, buckets: new Map() };
      lanes.set(row.environment, lane);
    }
    let bucket = lane.buckets.get(index);
    if (!bucket) {
      const startMs = grid.fromMs + index * grid.bucketMs;
      bucket = {
        startMs,
        endMs: Math.min(startMs + grid.bucketMs, grid.toMs),
        total: 0,
        outcomes: {},
      };
      lane.buckets.set(index, bucket);
    }
    const outcome = deploymentOutcome(row);
    bucket.total += count;
    bucket.outcomes[outcome] = (bucket.outcomes[outcome] ?? 0) + count;
    lane.total += count;
    lane.outcomes[outcome] = (lane.outcomes[outcome] ?? 0) + count;
  }

  const rank = (environment: string) => {
    const i = production.indexOf(environment.toLowerCase());
    return i === -1 ? production.length : i;
  };
  return [...lanes.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || Number(a > b) - Number(a < b))
    .map(([environment, lane]) => {
      const buckets = [...lane.buckets.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, bucket]) => bucket);
      return {
        environment,
        production: rank(environment) < production.length,
        total: lane.total,
        outcomes: lane.outcomes,
        mode: buckets.every(b => b.total <= 1) ? 'deployments' : 'buckets',
        buckets,
      };
    });
}
