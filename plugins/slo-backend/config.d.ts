import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the SLO plugin (objectives, error budgets, policy). */
  slo?: {
    /**
     * Metric source for objectives whose entity has no `slo.acme-portal.io/source`
     * annotation, e.g. `prometheus:default`. Default: the first registered source.
     */
    defaultSource?: string;
    cache?: {
      /**
       * How long an evaluated objective (and an entity's definitions) is served from
       * the cache before the metric source is asked again. Default: 5 minutes.
       */
      ttl?: HumanDuration | string;
    };
    /** The error budget policy `GET /api/slo/policy` answers. */
    errorBudgetPolicy?: {
      /**
       * Freeze deploys of a component while one of its objectives has no budget
       * left (remaining <= 0). Default true.
       */
      freezeWhenExhausted?: boolean;
      /**
       * Hours after (and before) a deployment that `GET /deployment-impact` compares.
       * Default 4, at most 48.
       */
      deploymentImpactHours?: number;
      /**
       * Environment names whose successful deployments the `slo:why-frozen` action
       * names as causes of a budget burn, compared without case. Default: production,
       * prod, prd, live (the delivery backend's DORA default).
       */
      productionEnvironments?: string[];
    };
    /**
     * Low traffic is flagged (and page tiers count as warnings) when the window allows
     * fewer bad events than this: B * total < lowTrafficMinBadEvents. Default 10.
     */
    lowTrafficMinBadEvents?: number;
    /**
     * Owner notifications: the owning group's members are told when a burn-rate tier
     * starts or stops firing (topics `slo-burn-page`, high severity, and
     * `slo-burn-ticket`) and when a budget is exhausted and deploys freeze, or it
     * recovers (`slo-budget-freeze`). Once per episode, across replicas.
     */
    notifications?: {
      /** Default true. */
      enabled?: boolean;
      /** How often objectives are evaluated for notifications. Default 5 minutes. */
      frequency?: HumanDuration | string;
      /** Delay after start-up before the first evaluation. Default 1 minute. */
      initialDelay?: HumanDuration | string;
    };
  };
}
