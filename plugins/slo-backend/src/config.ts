import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';

export interface SloConfig {
  /** How long an evaluated report is served from the cache. */
  cacheTtlMs: number;
  /** Metric source for objectives without `slo.acme-portal.io/source`. */
  defaultSource?: string;
  errorBudgetPolicy: {
    /** Exhausted budget (remaining <= 0) freezes deploys. */
    freezeWhenExhausted: boolean;
    /** Hours after (and before) a deployment compared by /deployment-impact. */
    deploymentImpactHours: number;
    /**
     * Environment names whose deployments `slo:why-frozen` names as causes of a burn,
     * compared without case.
     */
    productionEnvironments: string[];
  };
  /** Low traffic when the window allows fewer bad events than this. */
  lowTrafficMinBadEvents: number;
}

export const DEFAULT_CACHE_TTL_MS = 5 * 60_000;
export const DEFAULT_DEPLOYMENT_IMPACT_HOURS = 4;
/** As the delivery backend's DORA default (DESIGN.md). */
export const DEFAULT_PRODUCTION_ENVIRONMENTS = [
  'production',
  'prod',
  'prd',
  'live',
];

export function readSloConfig(config: Config): SloConfig {
  const ttlKey = 'slo.cache.ttl';
  const cacheTtlMs = config.has(ttlKey)
    ? Duration.fromObject(
        readDurationFromConfig(config, { key: ttlKey }),
      ).toMillis()
    : DEFAULT_CACHE_TTL_MS;
  if (!(cacheTtlMs >= 1000)) {
    throw new Error(`${ttlKey}: must be at least 1 second`);
  }
  const hours =
    config.getOptionalNumber('slo.errorBudgetPolicy.deploymentImpactHours') ??
    DEFAULT_DEPLOYMENT_IMPACT_HOURS;
  if (!(hours > 0 && hours <= 48)) {
    throw new Error(
      'slo.errorBudgetPolicy.deploymentImpactHours: must be above 0 and at most 48',
    );
  }
  const minBad = config.getOptionalNumber('slo.lowTrafficMinBadEvents') ?? 10;
  if (!(minBad >= 0)) {
    throw new Error('slo.lowTrafficMinBadEvents: must be 0 or more');
  }
  return {
    cacheTtlMs,
    defaultSource: config.getOptionalString('slo.defaultSource'),
    errorBudgetPolicy: {
      freezeWhenExhausted:
        config.getOptionalBoolean(
          'slo.errorBudgetPolicy.freezeWhenExhausted',
        ) ?? true,
      deploymentImpactHours: hours,
      productionEnvironments:
        config.getOptionalStringArray(
          'slo.errorBudgetPolicy.productionEnvironments',
        ) ?? DEFAULT_PRODUCTION_ENVIRONMENTS,
    },
    lowTrafficMinBadEvents: minBad,
  };
}
