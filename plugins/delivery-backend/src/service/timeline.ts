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
 *     flags: [...], flagsTruncated: boolean   // flag changes at [from, to), oldest first
 *   }
 *
 * A lane lists its deployments one by one when no two of them fall into the same bucket
 * (the client picks `buckets` so that a bucket is about a marker wide); otherwise the chart
 * draws counts per bucket and outcome. Outcomes: success, failure, cancelled, in_progress,
 * rolled_back (a later deployment rolled it back), rollback, remediation.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  deliveryEventsReadPermission,
  toMillis,
} from '@internal/backstage-plugin-delivery-common';
import type { Timeline } from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { TimelineReadStore } from '../database/stores';
import { DeliveryService } from './DeliveryService';
import { resolveComponents } from './entityScope';
import { checkWindow, parse, windowFields } from './requests';
import { bucketGrid, planLanes } from './timelineBuckets';

export const DEFAULT_BUCKETS = 120;
export const MAX_BUCKETS = 1000;
/** Incident spans per answer; the most recent win. */
const MAX_INCIDENTS = 500;
/** Flag markers per answer (ramps make several per release); the most recent win. */
const MAX_FLAGS = 1000;

const timelineQuerySchema = z
  .object({
    ...windowFields,
    buckets: z.coerce
      .number({ error: 'buckets must be a number' })
      .int('buckets must be a whole number')
      .min(1)
      .max(MAX_BUCKETS)
      .default(DEFAULT_BUCKETS),
  })
  .superRefine(checkWindow);

export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

export function parseTimelineQuery(query: unknown): TimelineQuery {
  return parse(timelineQuerySchema, query);
}

export class TimelineService {
  constructor(
    private readonly options: {
      store: TimelineReadStore;
      service: Pick<DeliveryService, 'authorize'>;
      catalog: CatalogService;
      productionEnvironments: string[];
    },
  ) {}

  async timeline(
    query: TimelineQuery,
    credentials: BackstageCredentials,
  ): Promise<Timeline> {
    const { store, service, catalog, productionEnvironments } = this.options;
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
    const [counts, incidents, flags] = await Promise.all([
      store.countTimelineDeployments({
        ...scope,
        fromMs: grid.fromMs,
        bucketMs: grid.bucketMs,
      }),
      store.loadTimelineIncidents({ ...scope, limit: MAX_INCIDENTS }),
      store.loadTimelineFlags({ ...scope, limit: MAX_FLAGS }),
    ]);
    const lanes = planLanes(counts, grid, productionEnvironments);
    const sparse = lanes.filter(lane => lane.mode === 'deployments');
    const deployments = await store.loadTimelineDeployments({
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
      flags: flags.items,
      flagsTruncated: flags.truncated,
    };
  }
}
