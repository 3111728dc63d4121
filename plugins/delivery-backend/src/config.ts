import { Config, readDurationFromConfig } from '@backstage/config';
import {
  BandPreset,
  DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES,
  DEFAULT_PRODUCTION_ENVIRONMENTS,
  DEFAULT_VERDICT_HOURS,
  DEFAULT_VERDICT_THRESHOLDS,
  resolveBandPreset,
} from '@internal/backstage-plugin-delivery-common';
import { Duration } from 'luxon';
import { z } from 'zod';

/** A pull that has not succeeded for this long marks its source stale (pulls run every 30 min by default). */
export const DEFAULT_STALE_AFTER = Duration.fromObject({ hours: 2 });

/** A source stale this long (since its last success) is told to the owners it feeds. */
export const DEFAULT_STALE_SOURCE_NOTIFY_AFTER = Duration.fromObject({
  hours: 2,
});

export function readDeliveryConfig(config: Config) {
  const attributionKey = 'delivery.dora.incidentAttributionWindow';
  const duplicateKey = 'delivery.dora.duplicateRolloutWindow';
  const demoEnabled =
    config.getOptionalBoolean('delivery.demo.enabled') ?? false;
  return {
    dora: {
      productionEnvironments:
        config.getOptionalStringArray('delivery.productionEnvironments') ??
        DEFAULT_PRODUCTION_ENVIRONMENTS,
      bands: readBandPreset(config),
      incidentAttributionWindowHours: config.has(attributionKey)
        ? Duration.fromObject(
            readDurationFromConfig(config, { key: attributionKey }),
          ).as('hours')
        : undefined,
      duplicateRolloutWindowMinutes: config.has(duplicateKey)
        ? Duration.fromObject(
            readDurationFromConfig(config, { key: duplicateKey }),
          ).as('minutes')
        : DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES,
      countFlagReleasesAsDeployments:
        config.getOptionalBoolean(
          'delivery.dora.countFlagReleasesAsDeployments',
        ) ?? false,
    },
    sources: {
      staleAfterMs: config.has('delivery.sources.staleAfter')
        ? Duration.fromObject(
            readDurationFromConfig(config, {
              key: 'delivery.sources.staleAfter',
            }),
          ).toMillis()
        : DEFAULT_STALE_AFTER.toMillis(),
      notifyAfterMs: config.has('delivery.notifications.staleSourceAfter')
        ? Duration.fromObject(
            readDurationFromConfig(config, {
              key: 'delivery.notifications.staleSourceAfter',
            }),
          ).toMillis()
        : DEFAULT_STALE_SOURCE_NOTIFY_AFTER.toMillis(),
    },
    ingestion: readIngestionConfig(config),
    deploymentHealth: readDeploymentHealthConfig(config),
    demo: demoEnabled
      ? { file: config.getString('delivery.demo.file') }
      : undefined,
  };
}

/** Default body size limit of POST /events (a full batch of 1,000 events with commits fits). */
export const DEFAULT_BODY_LIMIT = '10mb';

/** Default per-caller rate limit of POST /events: 600 requests a minute (10 a second). */
export const DEFAULT_RATE_LIMIT = { requests: 600, window: { minutes: 1 } };

function readIngestionConfig(config: Config) {
  const bodyLimit =
    config.getOptionalString('delivery.ingestion.bodyLimit') ??
    DEFAULT_BODY_LIMIT;
  if (!/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i.test(bodyLimit)) {
    throw new Error(
      `delivery.ingestion.bodyLimit: '${bodyLimit}' is not a size like 10mb or 512kb`,
    );
  }
  const rateKey = 'delivery.ingestion.rateLimit';
  const requests =
    config.getOptionalNumber(`${rateKey}.requests`) ??
    DEFAULT_RATE_LIMIT.requests;
  if (!Number.isInteger(requests) || requests < 0) {
    throw new Error(
      `${rateKey}.requests: must be a whole number, 0 for no limit`,
    );
  }
  const windowMs = config.has(`${rateKey}.window`)
    ? Duration.fromObject(
        readDurationFromConfig(config, { key: `${rateKey}.window` }),
      ).toMillis()
    : Duration.fromObject(DEFAULT_RATE_LIMIT.window).toMillis();
  if (!(windowMs > 0)) {
    throw new Error(`${rateKey}.window: must be longer than zero`);
  }
  return { bodyLimit, rateLimit: { requests, windowMs } };
}

/**
 * `delivery.dora.bands`: a preset's name (default 'default') or an object of custom
 * thresholds; an error names the offending field.
 */
export function readBandPreset(config: Config): BandPreset {
  return resolveBandPreset(config.getOptional('delivery.dora.bands'));
}

/** How long verdicts wait for the SLO backend's figures before going without. */
export const DEFAULT_SLO_TIMEOUT = Duration.fromObject({ seconds: 10 });

const budgetShare = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .positive(`${field} must be above 0`)
    .max(1, `${field} must be at most 1 (the whole budget)`);

const deploymentHealthSchema = z
  .object(
    {
      hours: z
        .number({ error: 'hours must be a number' })
        .positive('hours must be above 0')
        .max(48, "hours must be at most 48 (the SLO backend's limit)")
        .default(DEFAULT_VERDICT_HOURS),
      ailingBudgetShare: budgetShare('ailingBudgetShare').default(
        DEFAULT_VERDICT_THRESHOLDS.ailingBudgetShare,
      ),
      unhealthyBudgetShare: budgetShare('unhealthyBudgetShare').default(
        DEFAULT_VERDICT_THRESHOLDS.unhealthyBudgetShare,
      ),
    },
    {
      error:
        'must be an object {hours, ailingBudgetShare, unhealthyBudgetShare}',
    },
  )
  .refine(c => c.unhealthyBudgetShare > c.ailingBudgetShare, {
    message: 'unhealthyBudgetShare must be above ailingBudgetShare',
    path: ['unhealthyBudgetShare'],
  });

/**
 * `delivery.deploymentHealth`: the span compared before and after each production
 * deployment and the verdict thresholds; an error names the offending field.
 */
export function readDeploymentHealthConfig(config: Config) {
  const key = 'delivery.deploymentHealth';
  const raw = config.getOptional(key) ?? {};
  // sloTimeout is a duration, read as the other durations are.
  const { sloTimeout, ...thresholds } =
    typeof raw === 'object' && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : { sloTimeout: undefined };
  const result = deploymentHealthSchema.safeParse(
    typeof raw === 'object' && !Array.isArray(raw) ? thresholds : raw,
  );
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new Error(`${[key, ...issue.path].join('.')}: ${issue.message}`);
  }
  const timeoutKey = `${key}.sloTimeout`;
  const sloTimeoutMs =
    sloTimeout === undefined
      ? DEFAULT_SLO_TIMEOUT.toMillis()
      : Duration.fromObject(
          readDurationFromConfig(config, { key: timeoutKey }),
        ).toMillis();
  if (!(sloTimeoutMs > 0)) {
    throw new Error(`${timeoutKey}: must be longer than zero`);
  }
  return { ...result.data, sloTimeoutMs };
}
