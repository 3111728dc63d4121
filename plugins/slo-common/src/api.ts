/**
 * The SLO backend's HTTP answers (`/api/slo/...`): the contract between slo-backend and
 * the slo frontend. Times are ISO-8601 strings in UTC; ratios are 0..1; durations in ms.
 * A figure that cannot be computed (no data, no traffic) is `null`, never 0 or 1.
 */
import { BudgetStatus } from './budget';
import { BurnRateTierName } from './model';
import { DataQuality } from './dataQuality';
import { SloDefinitionError, SloObjective } from './model';
import { TierState } from './burnRateTiers';

/**
 * Overall state of one objective:
 * - `ok`: budget left and no paging tier firing;
 * - `warning`: a ticket tier fires, or less than 25% of the budget is left;
 * - `critical`: a page tier fires;
 * - `exhausted`: no budget left (remaining <= 0): the error budget policy freezes;
 * - `unknown`: no usable data (see dataQuality).
 */
export type SloState = 'ok' | 'warning' | 'critical' | 'exhausted' | 'unknown';

/** How a figure was produced, for the "explain" view next to every number. */
export interface FigureExplanation {
  /** e.g. `budget remaining = 1 - error ratio / B = 1 - 0.0004 / 0.001` */
  formula: string;
  /** The window the figure covers. */
  from: string;
  to: string;
  /** Event counts that went into it, when it is event-based. */
  counts?: { good?: number; bad: number; total: number };
  /** The PromQL (or other source queries) that returned those counts. */
  queries: string[];
  /** Budget figures: the budget model that produced the figure, in words. */
  model?: string;
}

export interface BurnRateTierReport {
  tier: BurnRateTierName;
  severity: 'page' | 'ticket';
  longWindowMs: number;
  shortWindowMs: number;
  threshold: number;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  state: TierState;
  /** Set when the tier can never fire for this target (threshold * B >= 1). */
  warning?: string;
}

export interface SeriesPoint {
  /** End of the step. */
  t: string;
  value: number | null;
}

export interface BurndownPoint {
  t: string;
  /** Budget remaining (share, may go below 0) from window start up to t. */
  remaining: number | null;
  /** Linear ideal from 1 at window start to 0 at window end. */
  ideal: number;
}

export interface CompliancePeriod {
  /** e.g. `2026-10` or `2026-Q3`. */
  period: string;
  from: string;
  to: string;
  /** Indicator value over the period; null without data. */
  value: number | null;
  met: boolean | null;
  /** `month` or `quarter`. */
  kind?: 'month' | 'quarter';
  /** True for the period that contains `evaluatedAt` (value so far). */
  inProgress?: boolean;
}

export interface SourceFreshness {
  /** When the last evaluation against the source succeeded. */
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** True when the figures shown are the last good ones, not current. */
  stale: boolean;
}

/**
 * Which budget model produced the budget figures (see the package README):
 * - `rolling`: the last W, remaining = 1 - error ratio / B;
 * - `calendar`: the whole period's budget, events so far extrapolated to the period,
 *   remaining = 1 - (error ratio / B) * (elapsed / period);
 * - `timeslices`: clock-aligned slices, the whole window's slices budgeted,
 *   remaining = 1 - bad slices / (B * slices in the window).
 */
export type BudgetModelKind = 'rolling' | 'calendar' | 'timeslices';

export interface ObjectiveReport {
  id: string;
  entityRef: string;
  definition: SloObjective;
  /** Metric source the objective is evaluated against, e.g. `prometheus:default`. */
  source: { id: string; type: string; url?: string };
  window: { from: string; to: string };
  evaluatedAt: string;
  dataQuality: DataQuality;
  /** The budget model every budget figure of this report comes from. */
  budgetModel?: BudgetModelKind;
  /** Good/bad/total summed over the window; null without data. */
  counts: { good: number; bad: number; total: number } | null;
  /** Indicator value (1 - error ratio) over the window. */
  sli: number | null;
  budget: {
    /** B = 1 - target. */
    total: number;
    consumed: number | null;
    remaining: number | null;
    /** B * total - bad. */
    badEventsLeft: number | null;
    timeLeftMs: number | null;
    timeToExhaustionMs: number | null;
    /** Burn rate over the whole window and the current (1h) one. */
    windowBurnRate: number | null;
    currentBurnRate: number | null;
  };
  burnRates: BurnRateTierReport[];
  state: SloState;
  /** Error budget policy: true when the budget is exhausted and deploys should stop. */
  frozen: boolean;
  burndown: BurndownPoint[];
  indicatorSeries: SeriesPoint[];
  compliance: CompliancePeriod[];
  /** Keyed by figure: sli, errorRatio, budgetRemaining, burnRate, badEventsLeft, ... */
  explanations: Record<string, FigureExplanation>;
  freshness: SourceFreshness;
  /**
   * Timeslices objectives: slices elapsed in the window (good, bad, and missing: no
   * data, neither good nor bad) and how many the whole window holds;
   * `budget.badEventsLeft` then counts bad slices.
   */
  slices?: { good: number; bad: number; missing: number; inWindow: number };
  /** Start of the current run of burndown steps with no budget left, if exhausted. */
  exhaustedSince?: string | null;
}

/** `GET /api/slo/objectives?entityRef=` */
export interface ObjectivesResponse {
  entityRef: string;
  /** Where the definitions came from (annotation, file URL, Pyrra/Sloth). */
  definitionSources: string[];
  objectives: ObjectiveReport[];
  /** Problems in the definitions, per field; valid objectives are still evaluated. */
  definitionErrors: SloDefinitionError[];
  /**
   * False when the backend has no metric source (e.g. `yarn start` without Prometheus):
   * objectives are listed from their definitions, without figures. The frontend also
   * treats objectives whose `source.type` is `none` as unconfigured.
   */
  metricSourceConfigured?: boolean;
}

export interface ComponentSloStatus {
  entityRef: string;
  state: SloState;
  objectives: number;
  /** Lowest budget remaining of its objectives. */
  worstBudgetRemaining: number | null;
  /**
   * Highest current (1 h) burn rate of its objectives: 1 spends the budget exactly
   * over the window, above 1 faster. Null when no objective has a current figure.
   */
  fastestBurnRate?: number | null;
  frozen: boolean;
  /** True when some of its figures are the last good ones: the metric source failed since. */
  stale?: boolean;
}

/** `GET /api/slo/status?entityRef=` for a component, system or group (roll-up). */
export interface StatusResponse {
  entityRef: string;
  /** Worst state of the components covered. */
  state: SloState;
  frozen: boolean;
  /** True when any component's figures are stale (see ComponentSloStatus.stale). */
  stale?: boolean;
  components: ComponentSloStatus[];
}

/** At most this many entity refs per `POST /api/slo/catalog-health`. */
export const MAX_CATALOG_HEALTH_REFS = 100;

/**
 * `POST /api/slo/catalog-health` `{entityRefs}`: the catalog table's error budget column
 * for the rows on screen; per requested ref (lower-cased) its status, or null when it is
 * not a component the caller can see.
 */
export interface CatalogSloHealthResponse {
  items: Record<string, ComponentSloStatus | null>;
}

/** `GET /api/slo/policy?entityRef=`: the error budget policy verdict. */
export interface PolicyResponse {
  entityRef: string;
  frozen: boolean;
  /** Objectives whose budget is exhausted. */
  exhaustedObjectives: string[];
  /** Since when the budget has been exhausted, when known. */
  frozenSince: string | null;
  reason: string;
  /** Objectives evaluated for the verdict (all components covered by the entity). */
  objectives?: Array<{ entityRef: string; id: string; state: SloState }>;
}

/**
 * `GET /api/slo/deployment-impact?entityRef=&deployments=<id>@<finishedAt>,...`: how much
 * budget each deployment burned (budget consumed in the hours after it, against the
 * same length before it), and whether it was made while the budget was exhausted.
 */
export interface DeploymentImpact {
  deploymentId: string;
  finishedAt: string;
  /**
   * The objective the top-level figures belong to: the one that burned the largest
   * share of its budget after the deployment. Before and after are that objective's
   * (never maxima of different objectives); null when no objective has figures.
   */
  objectiveId?: string | null;
  /** Share of the budget consumed in the hours after / before the deployment. */
  consumedAfter: number | null;
  consumedBefore: number | null;
  /** The span asked for, before and after. */
  hours: number;
  /**
   * Hours the after-span really covers: less than `hours` when it is cut short by now
   * (then `afterPartial` is true and the after figure is not comparable to the before).
   */
  afterHours?: number;
  afterPartial?: boolean;
  /** True when an objective's budget was exhausted (with enough traffic) at the deployment. */
  madeWhileFrozen: boolean;
  /** Per objective, each with its own before and after. */
  objectives?: Array<{
    objectiveId: string;
    consumedAfter: number | null;
    consumedBefore: number | null;
    /** Budget remaining of the window ending at the deployment. */
    remainingAtDeployment: number | null;
    /** Too few events at the deployment for a verdict: never counts as frozen. */
    lowTraffic?: boolean;
  }>;
}

export interface DeploymentImpactResponse {
  entityRef: string;
  impacts: DeploymentImpact[];
}

/** At most this many intervals per `POST /api/slo/interval-burn` (a rollout's phases). */
export const MAX_BURN_INTERVALS = 500;

/** The earliest and latest instants of one `POST /api/slo/interval-burn` at most this far apart. */
export const MAX_BURN_SPAN_DAYS = 60;

/**
 * `POST /api/slo/interval-burn` `{entityRef, intervals: [{id, from, to}]}`: the share of
 * the error budget each interval burned (e.g. each phase of a canary rollout). Times
 * are ISO-8601 with offset.
 */
export interface IntervalBurnRequest {
  entityRef: string;
  intervals: Array<{ id: string; from: string; to: string }>;
}

/** One interval's burn, worst objective on top. */
export interface IntervalBurn {
  id: string;
  /**
   * What was measured: the interval widened to whole steps and cut at now (the last
   * whole step); `from` equals `to` when none of it has passed yet.
   */
  from: string;
  to: string;
  /**
   * Share of the budget consumed during the interval by the objective that consumed
   * the largest share: (bad / total) / B * (length / window). Null when no objective
   * had traffic in it (or none of it has passed).
   */
  consumed: number | null;
  objectiveId: string | null;
  /** Per objective, each with its own share. */
  objectives: Array<{ objectiveId: string; consumed: number | null }>;
}

/** Answer of `POST /api/slo/interval-burn`, intervals in the order asked. */
export interface IntervalBurnResponse {
  entityRef: string;
  /** The step the counts were read at (ms): intervals are measured in whole steps. */
  stepMs: number;
  intervals: IntervalBurn[];
}

/** Re-exported so clients need only this module. */
export type { BudgetStatus };

/**
 * The signal channel the SLO backend publishes on (to every open page) when a
 * component's error budget policy starts or stops freezing deploys; SLO pages showing
 * that component read their figures again.
 */
export const SLO_POLICY_SIGNAL_CHANNEL = 'slo-policy';

/** The message of `SLO_POLICY_SIGNAL_CHANNEL`. */
export type SloPolicySignal = {
  entityRef: string;
  frozen: boolean;
};
