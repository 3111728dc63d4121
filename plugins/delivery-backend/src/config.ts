import { Config, readDurationFromConfig } from '@backstage/config';
import {
  BandPreset,
  DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES,
  resolveBandPreset,
} from '@internal/backstage-plugin-delivery-common';
import { Duration } from 'luxon';

/** Environment names that count as production when config names none. */
export const DEFAULT_PRODUCTION_ENVIRONMENTS = [
  'production',
  'prod',
  'prd',
  'live',
];

/** A pull that has not succeeded for this long marks its source stale (pulls run every 30 min by default). */
export const DEFAULT_STALE_AFTER = Duration.fromObject({ hours: 2 });

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
    },
    sources: {
      staleAfterMs: config.has('delivery.sources.staleAfter')
        ? Duration.fromObject(
            readDurationFromConfig(config, {
              key: 'delivery.sources.staleAfter',
            }),
          ).toMillis()
        : DEFAULT_STALE_AFTER.toMillis(),
    },
    demo: demoEnabled
      ? { file: config.getString('delivery.demo.file') }
      : undefined,
  };
}

/**
 * `delivery.dora.bands`: a preset's name (default 'default') or an object of custom
 * thresholds; an error names the offending field.
 */
export function readBandPreset(config: Config): BandPreset {
  return resolveBandPreset(config.getOptional('delivery.dora.bands'));
}
