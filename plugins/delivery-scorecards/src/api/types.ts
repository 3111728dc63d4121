import type {
  Band,
  BandPreset,
  DeploymentEvent,
  DoraFigures,
  DoraSeriesPoint,
  IncidentEvent,
} from '@internal/backstage-plugin-delivery-common';

export type {
  Band,
  BandPreset,
  DeploymentEvent,
  DoraFigures,
  DoraSeriesPoint,
  IncidentEvent,
};

/** The figures a scorecard shows; keys of `changes` in `GET /scorecards/entity`. @public */
export type ScorecardMetric =
  | 'deploymentFrequency'
  | 'leadTimeMedian'
  | 'leadTimeP90'
  | 'changeFailureRate'
  | 'failedDeploymentRecoveryTime'
  | 'deploymentReworkRate'
  | 'timeToRestoreService';

/** A metric's change against the previous period, computed by the backend. @public */
export interface MetricChange {
  current: number | null;
  previous: number | null;
  changeRatio: number | null;
  trend: 'better' | 'worse' | 'same' | 'unknown';
  /**
   * Why no change is given although both values exist: the previous period is not
   * comparable (too little of it covered by data, or too few events behind it).
   */
  withheld?: string;
}

/** Answer of `GET /api/delivery/scorecards/entity`. @public */
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

/** One team of `GET /api/delivery/scorecards`. @public */
export interface TeamScorecard {
  entityRef: string;
  title: string;
  parent?: string;
  components: string[];
  systems: string[];
  figures: DoraFigures;
}

/** One service of a team (`GET /api/delivery/scorecards?team=`). @public */
export interface ServiceScorecard {
  entityRef: string;
  title: string;
  owner?: string;
  system?: string;
  figures: DoraFigures;
}

/** @public */
export interface FilterOption {
  entityRef: string;
  title: string;
}

/** Answer of `GET /api/delivery/scorecards`. @public */
export interface Scorecards {
  from: string;
  to: string;
  bands: BandPreset;
  filters: { parents: FilterOption[]; systems: FilterOption[] };
  teams: TeamScorecard[];
  services?: ServiceScorecard[];
}

/** @public */
export interface ScorecardsRequest {
  from: string;
  to: string;
  parent?: string;
  system?: string;
  team?: string;
}

/** Freshness of one source, from `GET /api/delivery/sources`. @public */
export interface SourceStatus {
  id: string;
  source: string;
  instance?: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
  lagSeconds?: number;
  stale: boolean;
  staleSince?: string;
  failing: string[];
  /** Set when the source is off until configured; it is never stale then. */
  disabled?: boolean;
  /** Why it is off, e.g. "not configured: no token for gitlab.com in integrations.gitlab". */
  disabledReason?: string;
}

/** One page of `GET /deployments` or `GET /incidents`, newest first. @public */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** @public */
export interface ListEventsRequest {
  entityRef: string;
  from?: string;
  to?: string;
  limit?: number;
}

/**
 * A deployment of `GET /deployments`, with the DORA lead time the backend gives each
 * row (median over the commits it first brought to production). @public
 */
export type ListedDeployment = DeploymentEvent & {
  leadTimeHours?: number;
  leadTimeChanges?: number;
};

/** The delivery backend as the scorecards use it. @public */
export interface DoraScorecardsApi {
  getScorecards(request: ScorecardsRequest): Promise<Scorecards>;
  getEntityScorecard(request: {
    entityRef: string;
    from: string;
    to: string;
  }): Promise<EntityScorecard>;
  /** Per-source freshness, or `undefined` when the backend does not report it. */
  getSourceStatus(): Promise<SourceStatus[] | undefined>;
  listDeployments(request: ListEventsRequest): Promise<Page<ListedDeployment>>;
  listIncidents(request: ListEventsRequest): Promise<Page<IncidentEvent>>;
}

/**
 * Seam for the SLO plugin: each service's SLO status and error budget left. Nothing is
 * shown while no plugin provides it.
 *
 * @public
 */
export interface ServiceSloApi {
  getSloSummaries(
    entityRefs: string[],
  ): Promise<
    Record<
      string,
      { status: 'ok' | 'warning' | 'breached'; errorBudgetRemaining: number }
    >
  >;
}

/**
 * Seam for the golden-path plugin: the template a service was started from and its
 * version. Nothing is shown while no plugin provides it.
 *
 * @public
 */
export interface GoldenPathApi {
  getGoldenPaths(
    entityRefs: string[],
  ): Promise<
    Record<
      string,
      { template: string; version?: string; latestVersion?: string }
    >
  >;
}
