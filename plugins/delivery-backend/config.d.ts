import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the delivery plugin (deployments, incidents, DORA). */
  delivery?: {
    /**
     * Environment names that count as production for DORA, compared without case.
     * Default: production, prod, prd, live.
     */
    productionEnvironments?: string[];
    /**
     * Demo data: 90 days of generated events for the demo catalog, fed through the
     * ingestion path at start and daily. Keep it off in production.
     */
    demo?: {
      /** Default false. */
      enabled?: boolean;
      /** Profiles file (examples/delivery-demo.yaml), relative to the backend's working directory. */
      file?: string;
    };
    /** Limits on `POST /api/delivery/events`. */
    ingestion?: {
      /**
       * Largest request body accepted, e.g. '10mb' or '512kb'; larger bodies get 413
       * naming the limit. Default: '10mb' (a full batch of 1,000 events with commits).
       */
      bodyLimit?: string;
      /**
       * Requests per caller (the user, or the service / external-access subject the
       * token names) within `window`, as a token bucket: a caller may burst up to
       * `requests`, then keeps the average. Beyond it: 429 with Retry-After.
       * Counted per backend replica: N replicas allow up to N times this.
       */
      rateLimit?: {
        /** Default 600; 0 turns the limit off. */
        requests?: number;
        /** Default: 1 minute. Example: `{ seconds: 10 }` or `PT10S`. */
        window?: HumanDuration | string;
      };
    };
    sources?: {
      /**
       * A source whose scheduled pull has not succeeded for this long is reported stale
       * by `GET /api/delivery/sources` (also when its latest pull or webhook delivery
       * failed). Default: 2 hours. Example: `{ hours: 6 }` or `PT6H`.
       */
      staleAfter?: HumanDuration | string;
    };
    /**
     * Owner notifications: the owning teams of the components a source has sent events
     * for are told when it has been stale (see `sources.staleAfter`) for
     * `staleSourceAfter`, and when it is fresh again (topic `delivery-source-stale`).
     * Once per episode, across replicas.
     */
    notifications?: {
      /** Default true. */
      enabled?: boolean;
      /**
       * How long a source must have been stale (since its last success) before its
       * teams are told. Default: 2 hours. Example: `{ hours: 6 }` or `PT6H`.
       */
      staleSourceAfter?: HumanDuration | string;
      /** How often sources are checked for notifications. Default 5 minutes. */
      frequency?: HumanDuration | string;
      /** Delay after start-up before the first check. Default 1 minute. */
      initialDelay?: HumanDuration | string;
    };
    /**
     * The health verdict of each production deployment (`GET
     * /api/delivery/deployment-health`): the share of the error budget its component's
     * objectives burned in the `hours` after it against the same span before it (the
     * SLO backend's deployment impact), and the incidents and rollbacks naming it.
     */
    deploymentHealth?: {
      /** The span compared before and after each deployment, in hours. Default 2, at most 48. */
      hours?: number;
      /**
       * A deployment is ailing when an objective burned at least this share of its
       * budget (0.01 = 1%) more after it than before. Default 0.01.
       */
      ailingBudgetShare?: number;
      /**
       * ... and unhealthy from this much more (above `ailingBudgetShare`, at most 1).
       * Default 0.04: with 2 hours on a 30-day window, 14.4 times the sustainable burn
       * beyond the burn before (the rate of the fast page alert).
       */
      unhealthyBudgetShare?: number;
      /**
       * How long to wait for the SLO backend's figures; slower answers leave the
       * verdicts to incidents alone (`sloAvailable: false`). Default 10 seconds.
       */
      sloTimeout?: HumanDuration | string;
    };
    dora?: {
      /**
       * The band preset that grades DORA figures, shown on hover of every band chip.
       * Either a preset's name: 'default' (DESIGN.md's table), or DORA's published
       * tables 'dora-2019', 'dora-2021', 'dora-2022' (no elite cluster that year:
       * nothing is banded elite), 'dora-2023' and 'dora-2024' (change failure rate by
       * the nearest cluster: its clusters are not ordered). Published tables count a
       * month as 730 hours. Or custom thresholds, e.g.
       * `{ name: acme, deploymentFrequencyPerDay: { elite: 1, high: 0.2, medium: 0.05 },
       * leadTimeHours: {...}, changeFailureRate: {...}, recoveryTimeHours: {...} }`:
       * frequency is reached at `>=`, change failure rate (0..1) at `<=`, lead and
       * recovery time (hours) at `<`; `elite` may be left out for "no elite band";
       * thresholds must be ordered (elite better than high better than medium).
       * A metric whose published clusters are not ordered takes `rule: nearest` with
       * each cluster's value, `low` included (e.g. `{ rule: nearest, elite: 0.05,
       * high: 0.2, medium: 0.1, low: 0.4 }`): a figure takes the band of the nearest
       * value, a tie the lower-ranked band.
       * Default: 'default'.
       */
      bands?:
        | string
        | {
            /** Shown as the preset's name. Default: 'custom'. */
            name?: string;
            deploymentFrequencyPerDay: BandThresholdsConfig;
            leadTimeHours: BandThresholdsConfig;
            changeFailureRate: BandThresholdsConfig;
            recoveryTimeHours: BandThresholdsConfig;
          };
      /**
       * Attribute an incident that names no deployment to the latest deployment of the
       * same component that finished within this duration before the incident opened.
       * Off unless set. Example: `{ hours: 2 }` or `PT2H`.
       */
      incidentAttributionWindow?: HumanDuration | string;
      /**
       * Successful deployments of one component and environment reported by different
       * sources (e.g. GitHub Actions and Argo CD), sharing a commit and finished at most
       * this far apart, are one rollout: counted once, listed once with `alsoReportedBy`.
       * Default: 10 minutes; `{ minutes: 0 }` turns merging off.
       */
      duplicateRolloutWindow?: HumanDuration | string;
      /**
       * Count feature-flag releases as deployments. A flag release is a flag change
       * in a production environment (`productionEnvironments`) that takes the flag
       * from serving 0 % to serving more (`on`, or a `rollout` above 0, after `off`
       * or with no earlier change); the ramp steps after it are not new releases.
       * When on: deployment frequency counts releases at their `at`; change failure
       * rate counts a release as failed when the flag was turned off (served 0 again)
       * while an incident of the component was open that opened during the release;
       * recovery time runs from the release to that off; the rework rate's
       * denominator includes releases; lead time and time to restore are unchanged.
       * Default false.
       */
      countFlagReleasesAsDeployments?: boolean;
    };
  };
}

/** One metric's band thresholds (or cluster values with `rule: nearest`). */
export interface BandThresholdsConfig {
  elite?: number;
  high: number;
  medium: number;
  /** Band by the nearest cluster value instead of ordered thresholds. */
  rule?: 'nearest';
  /** The low cluster's value; only with `rule: nearest`. */
  low?: number;
}
