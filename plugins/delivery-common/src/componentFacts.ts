import type { Band } from './dora/types';

/** At most this many entity refs per `POST /component-facts`. */
export const MAX_COMPONENT_FACTS_REFS = 500;

/** Days of the default window of `POST /component-facts`. */
export const COMPONENT_FACTS_DAYS = 90;

/**
 * One component's delivery over a window, as `POST /api/delivery/component-facts`
 * answers it for a batch (the maturity backend's delivery facts): the DORA figures of
 * the scorecards, and what else its checks read.
 */
export interface ComponentDeliveryFacts {
  /** Its earliest successful production deployment or incident; null without any. */
  dataSince: string | null;
  /** Deployments finished in the window, any environment and status, by source. */
  deploymentsBySource: Record<string, number>;
  /** Successful production deployments (DORA's deployments). */
  productionDeployments: number;
  /** Successful deployments to an environment that is not production. */
  preProductionDeployments: number;
  deploymentsPerDay: number;
  leadTimeMedianHours: number | null;
  changeFailureRate: { ratio: number | null; band: Band };
  recovery: {
    failures: number;
    unrecovered: number;
    medianHours: number | null;
    band: Band;
  };
  /**
   * Production deployments finished in the window that carry phases (canary steps, a
   * blue-green switch...), any outcome, one per rollout; not the rollbacks derived
   * from aborted ones.
   */
  phasedDeployments: number;
  /** Flag releases (a flag serving 0% before, more after) in production in the window. */
  flagReleases: number;
}

/** Answer of `POST /api/delivery/component-facts {entityRefs, from?, to?}`. */
export interface ComponentDeliveryFactsResponse {
  from: string;
  to: string;
  windowDays: number;
  /** Null for refs that are not components the caller may see. */
  items: Record<string, ComponentDeliveryFacts | null>;
}
