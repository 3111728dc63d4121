/*
 * GET /timeline?entityRef=&from=&to=[&buckets=N]: what the deployment chart draws for a
 * component, a system or a group over [from, to), without shipping every deployment:
 *
 *   {
 *     entityRef, from, to, components: [componentRef...],
 *     bucketMs,                      // width of one bucket
 *     environments: [{               // production environments first
 *       environment, production, total, outcomes: {success: n, failure: n, ...},
 *       mode: 'deployments' | 'buckets',
 *       deployments?: [...],         // mode 'deployments': each one, oldest first
 *       buckets: [{start, end, total, outcomes}]  // non-empty buckets, oldest first
 *     }],
 *     incidents: [...], incidentsTruncated: boolean   // spans overlapping the window
 *   }
 *
 * A lane lists its deployments one by one when no two of them fall into the same bucket
 * (the client picks `buckets` so that a bucket is about a marker wide); otherwise the chart
 * draws counts per bucket and outcome. Outcomes: success, failure, cancelled, in_progress,
 * rolled_back (a later deployment rolled it back), rollback, remediation.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  deliveryEventsReadPermission,
  toMillis,
  toUtcIso,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  countTimelineDeployments,
  loadTimelineDeployments,
  loadTimelineIncidents,
} from '../database/timelineReads';
import { DeliveryService } from './DeliveryService';
import { resolveComponents } from './entityScope';
import { bucketGrid, planLanes } from './timelineBuckets';

/** Longest window one request may cover (the chart's widest preset is 90 days). */
const MAX_WINDOW_DAYS = 400;
export const DEFAULT_BUCKETS = 120;
export const MAX_BUCKETS = 1000;
/** Incident spans per answer; the most recent win. */
const MAX_INCIDENTS = 500;

const isoInstant = (field: string) =>
  z
    .string({ error: `${field} is required (ISO-8601 date-time)` })
    .refine(value => DateTime.fromISO(value, { setZone: true }).isValid, {
      message: `${field} must be an ISO-8601 date-time, e.g. 2026-01-01T00:00:00Z`,
    })
    .transform(value => toUtcIso(value));

const timelineQuerySchema = z
  .object({
    entityRef: z
      .string({ error: 'entityRef is required' })
      .min(1, 'entityRef is required'),
    from: isoInstant('from'),
    to: isoInstant('to'),
    buckets: z.coerce
      .number({ error: 'buckets must be a number' })
      .int('buckets must be a whole number')
      .min(1)
      .max(MAX_BUCKETS)
      .default(DEFAULT_BUCKETS),
  })
  .refine(q => toMillis(q.from) < toMillis(q.to), {
    message: 'from must be before to',
    path: ['from'],
  })
  .refine(
    q => toMillis(q.to) - toMillis(q.from) <= MAX_WINDOW_DAYS * 86_400_000,
    {
      message: `the window may cover at most ${MAX_WINDOW_DAYS} days`,
      path: ['to'],
    },
  );

export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

export function parseTimelineQuery(query: unknown): TimelineQuery {
  const result = timelineQuerySchema.safeParse(query);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(issue =>
          issue.path.length > 0
            ? `${issue.path.join('.')}: ${issue.message}`
            : issue.message,
        )
        .join('; '),
    );
  }
  return result.data;
}

export class TimelineService {
  constructor(
    private readonly options: {
      knex: Knex;
      service: Pick<DeliveryService, 'authorize'>;
      catalog: CatalogService;
      productionEnvironments: string[];
    },
  ) {}

  async timeline(query: TimelineQuery, credentials: BackstageCredentials) {
    const { knex, service, catalog, productionEnvironments } = this.options;
    await service.authorize(deliveryEventsReadPermission, credentials);
    const components = await resolveComponents(
      query.entityRef,
      catalog,
      credentials,
    );
    const grid = bucketGrid(
      toMillis(query.from),
      toMillis(query.to),
      query.buckets,
    );
    const scope = { entityRefs: components, from: query.from, to: query.to };
    const [counts, incidents] = await Promise.all([
      countTimelineDeployments(knex, {
        ...scope,
        fromMs: grid.fromMs,
        bucketMs: grid.bucketMs,
      }),
      loadTimelineIncidents(knex, { ...scope, limit: MAX_INCIDENTS }),
    ]);
    const lanes = planLanes(counts, grid, productionEnvironments);
    const sparse = lanes.filter(lane => lane.mode === 'deployments');
    const deployments = await loadTimelineDeployments(knex, {
      ...scope,
      environments: sparse.map(lane => lane.environment),
      // A sparse lane holds at most one deployment per bucket.
      limit: sparse.length * grid.count,
    });
    const iso = (ms: number) =>
      DateTime.fromMillis(ms, { zone: 'utc' }).toISO()!;
    return {
      entityRef: query.entityRef,
      from: query.from,
      to: query.to,
      components,
      bucketMs: grid.bucketMs,
      environments: lanes.map(lane => ({
        environment: lane.environment,
        production: lane.production,
        total: lane.total,
        outcomes: lane.outcomes,
        mode: lane.mode,
        ...(lane.mode === 'deployments'
          ? {
              deployments: deployments.filter(
                d => d.environment === lane.environment,
              ),
            }
          : {}),
        buckets: lane.buckets.map(bucket => ({
          start: iso(bucket.startMs),
          end: iso(bucket.endMs),
          total: bucket.total,
          outcomes: bucket.outcomes,
        })),
      })),
      incidents: incidents.items,
      incidentsTruncated: incidents.truncated,
    };
  }
}
