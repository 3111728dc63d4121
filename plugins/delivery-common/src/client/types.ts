/*
 * The wire types of `/api/delivery`: what the backend answers and what the one client
 * (./DeliveryClient) returns. The backend declares its answers with these types, so a
 * change to the contract shows on both sides.
 */
import type {
  CatalogDeliveryHealthResponse,
  DeploymentRun,
} from '../catalogHealth';
import type {
  ChangeSizeClass,
  ChangeStageHours,
  LeadTimeBreakdown,
} from '../changes';
import type { BandPreset, DoraFigures, DoraSeriesPoint } from '../dora/types';
import type {
  DeploymentEvent,
  DeploymentPhase,
  DeploymentStatus,
  FlagEvent,
  IncidentEvent,
} from '../events';
import type { RolloutOutcome, RolloutStrategy } from '../progressive';

/**
 * What a deployment marker's colour says (the backend's `/timeline` uses the same names):
 * runs that did not succeed keep their status; a successful one was rolled back later, is
 * itself a rollback, remediates an incident, or is a plain success.
 */
export type DeploymentOutcome =
  | DeploymentStatus
  | 'rolled_back'
  | 'rollback'
  | 'remediation';

export type OutcomeCounts = Partial<Record<DeploymentOutcome, number>>;

/** One page of `GET /deployments` or `GET /incidents`, newest first. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Another source's report of the same rollout. */
export interface AlsoReportedBy {
  source: string;
  id: string;
  url?: string;
}

/** A deployment as `GET /timeline` draws it (no commits). */
export interface TimelineDeployment extends DeploymentRun {
  /** Other sources' reports of the same rollout (one marker for all). */
  alsoReportedBy?: AlsoReportedBy[];
  /** The steps of a progressive rollout (canary or blue-green), when it had them. */
  phases?: DeploymentPhase[];
}

/** A deployment of `GET /deployments`: one per rollout, its primary report. */
export type ListedDeployment = DeploymentEvent & {
  /** Present when other sources reported the same rollout. */
  alsoReportedBy?: AlsoReportedBy[];
  /**
   * DORA lead time of this row (hours): the median of finishedAt - committedAt over the
   * commits this rollout was the first successful production deployment of. Absent for
   * other runs and for runs that only re-shipped commits already in production.
   */
  leadTimeHours?: number;
  /** How many commits `leadTimeHours` is the median of. */
  leadTimeChanges?: number;
};

export interface TimelineBucket {
  start: string;
  end: string;
  total: number;
  outcomes: OutcomeCounts;
}

/** One lane of the chart. */
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

/** Answer of `GET /api/delivery/timeline`. */
export interface Timeline {
  entityRef: string;
  from: string;
  to: string;
  components: string[];
  bucketMs: number;
  environments: TimelineEnvironment[];
  incidents: IncidentEvent[];
  incidentsTruncated: boolean;
  /** Feature-flag changes in the window, oldest first, drawn beside the deployments. */
  flags: FlagEvent[];
  flagsTruncated: boolean;
}

/** Freshness of one source (instance), from `GET /api/delivery/sources`. */
export interface SourceStatus {
  /** `source`, or `source/instance` when the source has named instances. */
  id: string;
  source: string;
  instance?: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
  /** Seconds since the last successful sync; absent before the first one. */
  lagSeconds?: number;
  /** True when the latest pull or delivery failed, or no pull succeeded within staleAfter. */
  stale: boolean;
  /** Since when the data has been stale: the last success, or the last failure when it never succeeded. */
  staleSince?: string;
  /** Which ways in are failing now. */
  failing: ('pull' | 'webhook')[];
  /** Set when the source is off until configured; it is never stale then. */
  disabled?: boolean;
  /** Why it is off, e.g. "not configured: no token for gitlab.com in integrations.gitlab". */
  disabledReason?: string;
}

/** Query of `GET /deployments` and `GET /incidents`. */
export interface ListEventsRequest {
  entityRef: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** Query of `GET /deployments`: the table's filters, applied by the backend before paging. */
export interface ListDeploymentsRequest extends ListEventsRequest {
  environment?: string;
  source?: string;
  outcome?: DeploymentOutcome;
  /** Part of a version, or the start of a commit sha. */
  search?: string;
}

export interface TimelineRequest {
  entityRef: string;
  from: string;
  to: string;
  buckets?: number;
}

/** The figures a scorecard shows; keys of `changes` in `GET /scorecards/entity`. */
export type ScorecardMetric =
  | 'deploymentFrequency'
  | 'leadTimeMedian'
  | 'leadTimeP90'
  | 'changeFailureRate'
  | 'failedDeploymentRecoveryTime'
  | 'deploymentReworkRate'
  | 'timeToRestoreService';

export type MetricTrend = 'better' | 'worse' | 'same' | 'unknown';

/** A metric's change against the previous period, computed by the backend. */
export interface MetricChange {
  current: number | null;
  previous: number | null;
  /** (current - previous) / previous; null when either is missing or previous is 0. */
  changeRatio: number | null;
  trend: MetricTrend;
  /**
   * Why no change is given although both values exist: the previous period is not
   * comparable (too little of it covered by data, or too few events behind the
   * figure). Trend is then `unknown` and changeRatio null.
   */
  withheld?: string;
}

/** Answer of `GET /api/delivery/scorecards/entity`. */
export interface EntityScorecard extends DoraFigures {
  entityRef: string;
  from: string;
  to: string;
  components: string[];
  series: DoraSeriesPoint[];
  bands: BandPreset;
  previous: DoraFigures & { entityRef: string; from: string; to: string };
  changes: Record<ScorecardMetric, MetricChange>;
}

/** Query of `GET /api/delivery/scorecards/entity`. */
export interface EntityScorecardRequest {
  entityRef: string;
  from: string;
  to: string;
}

/** One team of `GET /api/delivery/scorecards`. */
export interface TeamScorecard {
  entityRef: string;
  title: string;
  /** The group this team is a child of, if any. */
  parent?: string;
  /** The components pooled into the figures: owned by the team or its descendants. */
  components: string[];
  /** Systems those components are part of. */
  systems: string[];
  figures: DoraFigures;
}

/** One service of a team (`GET /api/delivery/scorecards?team=`). */
export interface ServiceScorecard {
  entityRef: string;
  title: string;
  owner?: string;
  system?: string;
  figures: DoraFigures;
}

export interface FilterOption {
  entityRef: string;
  title: string;
}

/** Answer of `GET /api/delivery/scorecards`. */
export interface Scorecards {
  from: string;
  to: string;
  bands: BandPreset;
  filters: { parents: FilterOption[]; systems: FilterOption[] };
  teams: TeamScorecard[];
  services?: ServiceScorecard[];
}

/** Query of `GET /api/delivery/scorecards`. */
export interface ScorecardsRequest {
  from: string;
  to: string;
  /** Only teams below this group. */
  parent?: string;
  /** Only the components of this system. */
  system?: string;
  /** This team and the teams below it, with a row per service. */
  team?: string;
}

/** Query of `GET /api/delivery/lead-time-breakdown` and `GET /change-flow`. */
export interface LeadTimeBreakdownRequest {
  /** A component, or a group or system whose components are pooled. */
  entityRef: string;
  from: string;
  to: string;
}

/** One ISO week of `GET /change-flow`: the breakdown of changes deployed in it. */
export interface ChangeFlowWeek {
  from: string;
  to: string;
  breakdown: LeadTimeBreakdown;
}

/** Answer of `GET /api/delivery/change-flow`: the stages by week, and change sizes. */
export interface ChangeFlow {
  entityRef: string;
  from: string;
  to: string;
  components: string[];
  weeks: ChangeFlowWeek[];
  /**
   * Counted changes (deployed in [from, to)) by size class of lines changed;
   * `unknown` when the source gave no line counts.
   */
  sizes: Record<ChangeSizeClass | 'unknown', number>;
}

/** Where a listed change stands. */
export type ChangeState = 'deployed' | 'awaiting-deploy' | 'open' | 'closed';

/** One change of `GET /api/delivery/changes`, with its stages and deployment. */
export interface ListedChange {
  source: string;
  id: string;
  entityRef: string;
  number?: number;
  title?: string;
  author?: string;
  url?: string;
  openedAt: string;
  firstCommitAt?: string;
  firstReviewAt?: string;
  mergedAt?: string;
  closedAt?: string;
  mergeCommitSha?: string;
  draft?: boolean;
  additions?: number;
  deletions?: number;
  state: ChangeState;
  /** Reviewed before it merged (firstReviewAt <= mergedAt). */
  reviewed: boolean;
  /** The stages, in hours, once deployed. */
  stages?: ChangeStageHours;
  /** The deployment that shipped it (the first, as the stages define it). */
  deployment?: {
    source: string;
    id: string;
    environment: string;
    finishedAt: string;
    version?: string;
    url?: string;
  };
}

/**
 * Query of `GET /api/delivery/changes`, newest first. With `from`/`to`, the changes
 * the breakdown counts (deployed in the window) and those awaiting deploy (merged in
 * it); with a deployment, the changes it shipped.
 */
export interface ListChangesRequest {
  entityRef: string;
  from?: string;
  to?: string;
  state?: ChangeState;
  deploymentSource?: string;
  deploymentId?: string;
  limit?: number;
  cursor?: string;
}

/** Query of `GET /api/delivery/flags`, newest first. */
export interface ListFlagsRequest extends ListEventsRequest {
  environment?: string;
  flagKey?: string;
}

/**
 * How a production deployment is doing: `healthy`, `ailing` (its error budget burned
 * faster after it than before, past the ailing threshold), `unhealthy` (past the
 * unhealthy threshold, or an incident names it), `unknown` (no SLO figures and no
 * incident: missing data is never a verdict).
 */
export type DeploymentVerdict = 'healthy' | 'ailing' | 'unhealthy' | 'unknown';

/** The verdict of one production deployment, with what it was drawn from. */
export interface DeploymentHealth {
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  finishedAt: string;
  verdict: DeploymentVerdict;
  /** Why, one sentence each (e.g. "incident INC-7 names it"). */
  reasons: string[];
  /** Share of the error budget consumed in the hours after / before (worst objective). */
  consumedAfter: number | null;
  consumedBefore: number | null;
  objectiveId?: string | null;
  /** Ids of the incidents (same source) naming this deployment. */
  incidentIds: string[];
}

/** Query of `GET /api/delivery/deployment-health`: production deployments finished in [from, to). */
export interface DeploymentHealthRequest {
  entityRef: string;
  from: string;
  to: string;
}

/** Answer of `GET /api/delivery/deployment-health`. */
export interface DeploymentHealthResponse {
  entityRef: string;
  from: string;
  to: string;
  /** The span before and after each deployment that the burn compares (hours). */
  hours: number;
  /** False when the SLO backend gave no figures (verdicts then rest on incidents alone). */
  sloAvailable: boolean;
  /**
   * True when the window holds more production deployments than one answer gives
   * verdicts for (the newest ones are answered).
   */
  truncated?: boolean;
  items: DeploymentHealth[];
}

/** Query of `GET /api/delivery/rollout-burn`: one deployment, by its identity. */
export interface RolloutBurnRequest {
  entityRef: string;
  source: string;
  id: string;
}

/** A phase of a rollout with the error budget consumed while it ran. */
export type PhaseBurn = DeploymentPhase & {
  /** Share of the budget consumed during the phase (worst objective), null when unknown. */
  consumed: number | null;
  objectiveId?: string | null;
};

/** Answer of `GET /api/delivery/rollout-burn`. */
export interface RolloutBurn {
  entityRef: string;
  source: string;
  id: string;
  strategy: RolloutStrategy;
  outcome: RolloutOutcome;
  sloAvailable: boolean;
  phases: PhaseBurn[];
}

/** The delivery backend's read API, as the frontend plugins use it. */
export interface DeliveryApi {
  getTimeline(request: TimelineRequest): Promise<Timeline>;
  listDeployments(
    request: ListDeploymentsRequest,
  ): Promise<Page<ListedDeployment>>;
  listIncidents(request: ListEventsRequest): Promise<Page<IncidentEvent>>;
  /** Per-source freshness, or `undefined` when the backend does not report it. */
  getSourceStatus(): Promise<SourceStatus[] | undefined>;
  /** The catalog table's delivery columns for some components, in one request. */
  getCatalogHealth(
    entityRefs: string[],
  ): Promise<CatalogDeliveryHealthResponse>;
  getScorecards(request: ScorecardsRequest): Promise<Scorecards>;
  getEntityScorecard(request: EntityScorecardRequest): Promise<EntityScorecard>;
  getLeadTimeBreakdown(
    request: LeadTimeBreakdownRequest,
  ): Promise<LeadTimeBreakdown>;
  getChangeFlow(request: LeadTimeBreakdownRequest): Promise<ChangeFlow>;
  listChanges(request: ListChangesRequest): Promise<Page<ListedChange>>;
  listFlags(request: ListFlagsRequest): Promise<Page<FlagEvent>>;
  getDeploymentHealth(
    request: DeploymentHealthRequest,
  ): Promise<DeploymentHealthResponse>;
  getRolloutBurn(request: RolloutBurnRequest): Promise<RolloutBurn>;
}
