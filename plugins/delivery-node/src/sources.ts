import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DeliveryEvent } from '@internal/backstage-plugin-delivery-common';

/** What the store did with one batch of events. */
export interface IngestResult {
  /** Events stored for the first time. */
  accepted: number;
  /** Events that replaced an earlier version with the same (source, id). */
  updated: number;
  /** Events that failed validation; `index` is their position in the batch. */
  rejected: { index: number; error: string }[];
}

/**
 * Where a source module hands its normalised events. Events are validated and
 * upserted by (source, id): re-sending an event updates it, never duplicates it.
 */
export interface DeliveryEventSink {
  ingest(events: unknown[]): Promise<IngestResult>;
  /**
   * Records an event that no catalog entity claims (e.g. a repository no component is
   * annotated with), so it is reported rather than silently dropped. Repeated reports
   * of the same (source, key) are counted, not duplicated.
   */
  reportUnmatched(event: UnmatchedEvent): Promise<void>;
  /**
   * Records how a pull or a webhook delivery of a source went, so
   * `GET /api/delivery/sources` can say which source is stale and since when. Call it
   * once per pull run (per instance) and for webhook deliveries the module rejects or
   * fails to process. A failure never removes what was stored before.
   */
  reportSync(report: SourceSyncReport): Promise<void>;
}

/** How one pull run or webhook delivery of a source went. */
export interface SourceSyncReport {
  /** The source id, e.g. `gitlab`. */
  source: string;
  /**
   * Which instance or host, when a source can have several (an Argo CD instance name,
   * a GitLab host). Empty or absent for a single one.
   */
  instance?: string;
  /** `pull` for a scheduled read of the source's API, `webhook` for a push delivery. */
  via: 'pull' | 'webhook';
  /**
   * Absent on success. On failure a short message for a platform engineer, e.g.
   * `GET /api/v4/projects/42/deployments: 503 Service Unavailable`; never a secret.
   */
  error?: string;
  /** When it happened; default now. */
  at?: Date;
  /**
   * Set when the source (instance) is off until someone configures it, e.g. a GitLab
   * host without a token: why, in words for a platform engineer. Neither a success nor
   * a failure: `GET /sources` lists it as disabled, never as stale. Report it when the
   * module connects (every replica does), from configuration alone.
   */
  disabled?: string;
}

/** The store keys unmatched events by at most this many characters. */
export const UNMATCHED_KEY_MAX_LENGTH = 300;

/** An event a source could not attribute to any catalog entity. */
export interface UnmatchedEvent {
  source: string;
  /**
   * What the source could not match, e.g. the repository `acme/unknown-repo`; at
   * most {@link UNMATCHED_KEY_MAX_LENGTH} characters.
   */
  key: string;
  /** Why, in words for a platform engineer. */
  reason: string;
}

/** A source of deployments and incidents, registered by a backend module. */
export interface DeliverySource {
  /** Stable id, also the `source` field of the events it produces (e.g. `github`). */
  id: string;
  /**
   * Called once when the delivery backend starts. Pull sources schedule their work
   * with the scheduler service here; push sources subscribe to their webhooks.
   */
  connect(sink: DeliveryEventSink): Promise<void>;
}

/** @public */
export interface DeliverySourcesExtensionPoint {
  addSource(source: DeliverySource): void;
}

/**
 * Source modules register through this extension point:
 *
 * ```ts
 * env.registerInit({
 *   deps: { sources: deliverySourcesExtensionPoint },
 *   async init({ sources }) { sources.addSource(mySource); },
 * });
 * ```
 *
 * @public
 */
export const deliverySourcesExtensionPoint =
  createExtensionPoint<DeliverySourcesExtensionPoint>({
    id: 'delivery.sources',
  });

export type { DeliveryEvent };
