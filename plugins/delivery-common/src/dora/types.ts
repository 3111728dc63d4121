import type { DeploymentStatus } from '../events';
import type { FlagChange } from '../flags/history';

/** What every stored deployment answers: whose, where, how it went, when it began. */
export interface DeploymentBasics {
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  status: DeploymentStatus;
  startedAt: string;
}

/** A deployment as the engine reads it from the store. Times are ISO-8601. */
export interface DoraDeployment extends DeploymentBasics {
  finishedAt: string | null;
  rollbackOf?: string | null;
  remediates?: string | null;
  commits: { sha: string; committedAt: string }[];
}

/** An incident as the engine reads it from the store. Times are ISO-8601. */
export interface DoraIncident {
  source: string;
  id: string;
  entityRef: string;
  openedAt: string;
  resolvedAt?: string | null;
  deploymentId?: string | null;
  /**
   * The source of the deployment `deploymentId` names, when the reader resolved it
   * (see `deploymentSourceOf`); absent, the engine resolves it from the input.
   */
  deploymentSource?: string;
}

export type Band = 'elite' | 'high' | 'medium' | 'low' | 'unknown';

/**
 * One metric's thresholds. `elite: null` means the preset has no elite band (DORA's
 * 2022 survey found no elite cluster): no figure is banded elite.
 *
 * By default the values are thresholds and must be ordered: a figure takes the first
 * band (elite, high, medium) whose threshold it reaches, else low. With
 * `rule: 'nearest'` the values are the published clusters' own values, in any order
 * (DORA 2024: high 20% change failures, medium 10%), `low` is the low cluster's value,
 * and a figure takes the band whose value is nearest; a tie goes to the worse band.
 */
export interface BandThresholds {
  elite: number | null;
  high: number;
  medium: number;
  rule?: 'nearest';
  /** The low cluster's value; only (and always) with `rule: 'nearest'`. */
  low?: number;
}

/** Band thresholds; anything missing the `medium` threshold is `low`. */
export interface BandPreset {
  name: string;
  /** Deployments per day, band reached when `>=` the threshold. */
  deploymentFrequencyPerDay: BandThresholds;
  /** Median lead time, band reached when `<` the threshold. */
  leadTimeHours: BandThresholds;
  /** Ratio 0..1, band reached when `<=` the threshold. */
  changeFailureRate: BandThresholds;
  /** Median recovery time, band reached when `<` the threshold. */
  recoveryTimeHours: BandThresholds;
}

export interface DoraOptions {
  /** Compared case-insensitively; default production, prod, prd, live. */
  productionEnvironments?: string[];
  /** Default `defaultBandPreset`. */
  bands?: BandPreset;
  /** Attribute incidents naming no deployment; off when undefined. */
  incidentAttributionWindowHours?: number;
  /**
   * Successful deployments of one component and environment by different sources,
   * sharing a commit and finished at most this far apart, are one rollout (see
   * `findDuplicateRollouts`). Default 10; 0 turns merging off.
   */
  duplicateRolloutWindowMinutes?: number;
  /**
   * Count flag releases (`flagReleases`: a production flag going from serving 0 % to
   * serving more) as deployments: deployment frequency counts them, change failure
   * rate and recovery time include the failed ones, rework rate's denominator
   * includes them; lead time and time to restore are unchanged. Default false.
   */
  countFlagReleasesAsDeployments?: boolean;
}

export interface DoraInput {
  deployments: DoraDeployment[];
  incidents: DoraIncident[];
  /** Window start, inclusive. */
  from: string;
  /** Window end, exclusive. */
  to: string;
  options?: DoraOptions;
  /**
   * Duplicate rollouts already decided by the caller (duplicate key -> primary key,
   * keys from `rolloutKey`), e.g. the store, which keeps them per deployment and loads
   * deployments without commits. When given, the engine uses it instead of comparing
   * commits.
   */
  duplicateOf?: ReadonlyMap<string, string>;
  /**
   * Feature-flag changes, read with `options.countFlagReleasesAsDeployments` only:
   * every change of the flags concerned, earlier ones included (they decide what a
   * flag served before a change in the window).
   */
  flags?: FlagChange[];
}

export interface DoraFigures {
  deploymentFrequency: {
    deployments: number;
    perDay: number;
    band: Band;
    /**
     * Of `deployments`, the flag releases; present only with
     * `countFlagReleasesAsDeployments`.
     */
    flagReleases?: number;
  };
  leadTimeForChanges: {
    changes: number;
    medianHours: number | null;
    p90Hours: number | null;
    band: Band;
  };
  changeFailureRate: {
    deployments: number;
    failed: number;
    ratio: number | null;
    band: Band;
    /**
     * Of `failed`, the flag releases; present only with
     * `countFlagReleasesAsDeployments`.
     */
    failedFlagReleases?: number;
  };
  failedDeploymentRecoveryTime: {
    failures: number;
    unrecovered: number;
    medianHours: number | null;
    band: Band;
  };
  timeToRestoreService: { incidents: number; medianHours: number | null };
  deploymentReworkRate: {
    deployments: number;
    rework: number;
    ratio: number | null;
  };
}

/** Figures for one ISO week of a series; `from`/`to` are UTC ISO strings. */
export interface DoraSeriesPoint extends DoraFigures {
  from: string;
  to: string;
}
