import type {
  CatalogDeliveryHealthResponse,
  DeploymentEvent,
  DeploymentStatus,
  IncidentEvent,
} from '@internal/backstage-plugin-delivery-common';

export type {
  CatalogDeliveryHealthResponse,
  DeploymentEvent,
  DeploymentStatus,
  IncidentEvent,
};

/**
 * What a deployment marker's colour says (the backend's `/timeline` uses the same names):
 * runs that did not succeed keep their status; a successful one was rolled back later, is
 * itself a rollback, remediates an incident, or is a plain success.
 *
 * @public
 */
export type DeploymentOutcome =
  | DeploymentStatus
  | 'rolled_back'
  | 'rollback'
  | 'remediation';

/** @public */
export type OutcomeCounts = Partial<Record<DeploymentOutcome, number>>;

/** One page of `GET /deployments` or `GET /incidents`, newest first. @public */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A deployment as `GET /timeline` draws it (no commits). @public */
export interface TimelineDeployment {
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  status: DeploymentStatus;
  startedAt: string;
  finishedAt?: string;
  version?: string;
  url?: string;
  rollbackOf?: string;
  remediates?: string;
  /** Who or what started the run, when the source told. */
  triggeredBy?: string;
  /** A later deployment of the same source rolled this one back. */
  rolledBack: boolean;
  /** Other sources' reports of the same rollout (one marker for all). */
  alsoReportedBy?: AlsoReportedBy[];
}

/** Another source's report of the same rollout. @public */
export interface AlsoReportedBy {
  source: string;
  id: string;
  url?: string;
}

/** A deployment of `GET /deployments`: one per rollout. @public */
export type ListedDeployment = DeploymentEvent & {
  alsoReportedBy?: AlsoReportedBy[];
  /**
   * DORA lead time of this row (hours): the median over the commits this rollout was
   * the first successful production deployment of. Absent for other runs and for
   * runs that only re-shipped commits already in production.
   */
  leadTimeHours?: number;
  /** How many commits `leadTimeHours` is the median of. */
  leadTimeChanges?: number;
};

/** @public */
export interface TimelineBucket {
  start: string;
  end: string;
  total: number;
  outcomes: OutcomeCounts;
}

/** One lane of the chart. @public */
export interface TimelineEnvironment {
  environment: string;
  production: boolean;
  total: number;
  outcomes: OutcomeCounts;
  /** `deployments`: each one is listed; `buckets`: markers would overlap, counts only. */
  mode: 'deployments' | 'buckets';
  deployments?: TimelineDeployment[];
  buckets: TimelineBucket[];
}

/** Answer of `GET /api/delivery/timeline`. @public */
export interface Timeline {
  entityRef: string;
  from: string;
  to: string;
  components: string[];
  bucketMs: number;
  environments: TimelineEnvironment[];
  incidents: IncidentEvent[];
  incidentsTruncated: boolean;
}

/**
 * Freshness of one source, from `GET /api/delivery/sources` (expected shape; the route
 * arrives with another issue, until then the client answers `undefined`).
 *
 * @public
 */
export interface SourceStatus {
  id: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
  stale: boolean;
  /** Set when the source is off until configured; it is never stale then. */
  disabled?: boolean;
  /** Why it is off, e.g. "not configured: no token for gitlab.com in integrations.gitlab". */
  disabledReason?: string;
}

/** @public */
export interface ListDeploymentsRequest {
  entityRef: string;
  from?: string;
  to?: string;
  environment?: string;
  /** The table's filters, applied by the backend before paging. */
  source?: string;
  outcome?: DeploymentOutcome;
  /** Part of a version, or the start of a commit sha. */
  search?: string;
  limit?: number;
  cursor?: string;
}

/** @public */
export interface TimelineRequest {
  entityRef: string;
  from: string;
  to: string;
  buckets?: number;
}

/** The delivery backend as the frontend uses it. @public */
export interface DeliveryApi {
  getTimeline(request: TimelineRequest): Promise<Timeline>;
  listDeployments(
    request: ListDeploymentsRequest,
  ): Promise<Page<ListedDeployment>>;
  /** Per-source freshness, or `undefined` when the backend does not report it. */
  getSourceStatus(): Promise<SourceStatus[] | undefined>;
  /** The catalog table's delivery columns for some components, in one request. */
  getCatalogHealth(
    entityRefs: string[],
  ): Promise<CatalogDeliveryHealthResponse>;
}

/**
 * Seam for the SLO plugin: flags deployments made while the service's error budget was
 * exhausted. Register an API for {@link deploymentFlagsApiRef} to light it up; without
 * one, nothing is flagged.
 *
 * @public
 */
export interface DeploymentFlagsApi {
  /** Flags by deployment key (`source/id`); deployments without flags may be left out. */
  getFlags(request: {
    entityRef: string;
    deployments: Array<
      Pick<DeploymentEvent, 'source' | 'id' | 'environment' | 'startedAt'>
    >;
  }): Promise<Record<string, DeploymentFlags>>;
}

/** @public */
export interface DeploymentFlags {
  errorBudgetExhausted?: boolean;
}
