import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';

/** Environment names that count as production when config names none. */
export const DEFAULT_PRODUCTION_ENVIRONMENTS = [
  'production',
  'prod',
  'prd',
  'live',
];

export function readDeliveryConfig(config: Config) {
  const attributionKey = 'delivery.dora.incidentAttributionWindow';
  const demoEnabled =
    config.getOptionalBoolean('delivery.demo.enabled') ?? false;
  return {
    dora: {
      productionEnvironments:
        config.getOptionalStringArray('delivery.productionEnvironments') ??
        DEFAULT_PRODUCTION_ENVIRONMENTS,
      incidentAttributionWindowHours: config.has(attributionKey)
        ? Duration.fromObject(
            readDurationFromConfig(config, { key: attributionKey }),
          ).as('hours')
        : undefined,
    },
    demo: demoEnabled
      ? { file: config.getString('delivery.demo.file') }
      : undefined,
  };
}
