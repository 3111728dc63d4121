/*
 * What services may ask of the delivery store: reads (DORA aggregates, raw-event lists,
 * timeline, catalog columns) and writes (ingestion). A service depends on the side it
 * needs, so a read-only API cannot write and tests can fake either side.
 */
import {
  DeliveryEvent,
  FlagEvent,
  IncidentEvent,
  LatestProductionDeployment,
} from '@internal/backstage-plugin-delivery-common';
import { ChangeListQuery } from './changeLists';
import { DeploymentFilters } from './deploymentFilters';
import {
  aggregateDeployments,
  FactsScope,
  loadComponentFacts,
} from './doraReads';
import {
  FailureScope,
  loadFailureEvents,
  loadWindowIncidents,
} from './failureReads';
import { FlagListQuery, FlagReleaseFacts } from './flagReads';
import {
  BucketedScope,
  TimelineCountRow,
  TimelineDeployment,
  TimelineScope,
} from './timelineReads';

import type {
  AlsoReportedBy,
  ChangeSizeClass,
  LeadTimeBreakdown,
  ListedChange,
  ListedDeployment,
} from '@internal/backstage-plugin-delivery-common';

export type UpsertOutcome = 'inserted' | 'updated';

// The wire types of GET /deployments (see delivery-common's client types).
export type { AlsoReportedBy, ListedDeployment };

export interface ListQuery extends DeploymentFilters {
  entityRefs: string[];
  from?: string;
  to?: string;
  environment?: string;
  limit: number;
  cursor?: ListPosition;
}

/** Where a page of newest-first results ends: the last row's time and pk. */
export interface ListPosition {
  at: string;
  pk: number;
}

/** An event no entity claimed, counted per (source, key). */
export interface UnmatchedEvent {
  source: string;
  key: string;
  reason: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

type Answer<F extends (...args: any[]) => any> = Awaited<ReturnType<F>>;

/** The reads behind GET /timeline (the deployment chart). */
export interface TimelineReadStore {
  /** Deployments started in the window, counted per environment, bucket and outcome. */
  countTimelineDeployments(scope: BucketedScope): Promise<TimelineCountRow[]>;
  /** The deployments of some environments in the window, oldest first. */
  loadTimelineDeployments(
    scope: TimelineScope & { environments: string[]; limit: number },
  ): Promise<TimelineDeployment[]>;
  /** Incidents overlapping the window, oldest first, at most `limit`. */
  loadTimelineIncidents(
    scope: TimelineScope & { limit: number },
  ): Promise<{ items: IncidentEvent[]; truncated: boolean }>;
  /** Flag changes in the window, oldest first, at most `limit` (the latest win). */
  loadTimelineFlags(
    scope: TimelineScope & { limit: number },
  ): Promise<{ items: FlagEvent[]; truncated: boolean }>;
}

/** The reads behind GET /lead-time-breakdown, /change-flow and /changes. */
export interface ChangeReadStore {
  /** The lead-time breakdown of a window (bucket 0), or of each of its ISO weeks. */
  aggregateChanges(scope: FactsScope): Promise<Map<number, LeadTimeBreakdown>>;
  /** Changes deployed in the window by size class. */
  countChangeSizes(
    scope: Omit<FactsScope, 'weekStart'>,
  ): Promise<Record<ChangeSizeClass | 'unknown', number>>;
  /** Changes newest first, with their stages and deployment. */
  listChanges(
    query: ChangeListQuery,
  ): Promise<{ items: ListedChange[]; next?: ListPosition }>;
}

/** Every read services make of the delivery store. */
export interface DeliveryReadStore extends TimelineReadStore, ChangeReadStore {
  /** Deployment counts and lead-time quantiles of a window, or of each of its weeks. */
  aggregateDeployments(
    scope: FactsScope,
  ): Promise<Answer<typeof aggregateDeployments>>;
  /** Per-component counts and lead times, or undefined above `limit` changes. */
  loadComponentFacts(
    scope: Omit<FactsScope, 'weekStart'>,
    limit: number,
  ): Promise<Answer<typeof loadComponentFacts>>;
  /** The events that decide which deployments of a window failed and recovered. */
  loadFailureEvents(
    scope: FailureScope,
  ): Promise<Answer<typeof loadFailureEvents>>;
  /** Incidents of the scope opened in the window. */
  loadWindowIncidents(
    scope: FactsScope,
  ): Promise<Answer<typeof loadWindowIncidents>>;
  /** Deployments newest first, one entry per rollout, for the raw-events API. */
  listDeployments(
    query: ListQuery,
  ): Promise<{ items: ListedDeployment[]; next?: ListPosition }>;
  /** Flag changes newest first (by `at`), for GET /flags. */
  listFlags(
    query: FlagListQuery,
  ): Promise<{ items: FlagEvent[]; next?: ListPosition }>;
  /**
   * The production flag releases of a window per component and bucket (ISO weeks
   * from `weekStart`, else one bucket 0): DORA with countFlagReleasesAsDeployments.
   */
  loadFlagReleaseFacts(scope: FactsScope): Promise<FlagReleaseFacts>;
  /** Incidents newest first (by opening time), for the raw-events API. */
  listIncidents(
    query: ListQuery,
  ): Promise<{ items: IncidentEvent[]; next?: ListPosition }>;
  /** The incidents with source id `id` of some entities, newest first, at most 20. */
  findIncidents(query: {
    entityRefs: string[];
    id: string;
  }): Promise<IncidentEvent[]>;
  /** Events no entity claimed, most recently seen first. */
  listUnmatched(): Promise<UnmatchedEvent[]>;
  /** Epoch ms of the components' earliest production deployment or incident. */
  earliestEventAt(entityRefs: string[]): Promise<number | undefined>;
  /** Each component's latest production deployment (absent if it never had one). */
  latestProductionDeployments(
    entityRefs: string[],
  ): Promise<Map<string, LatestProductionDeployment>>;
}

/** The ingestion side of the delivery store. */
export interface DeliveryWriteStore {
  /**
   * Stores validated events; answers per event whether it was new or replaced an
   * earlier version. The DORA facts are kept in step in the same transaction, as are
   * deployments' phases: each deployment is stored settled (delivery-common
   * `settleRollout`), with the rollback an abort stands for (not among the answers).
   */
  upsert(events: DeliveryEvent[]): Promise<UpsertOutcome[]>;
  /** Counts an event no entity claims; the latest reason wins. */
  reportUnmatched(event: {
    source: string;
    key: string;
    reason: string;
  }): Promise<void>;
}
