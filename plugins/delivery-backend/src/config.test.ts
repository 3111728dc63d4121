import { ConfigReader } from '@backstage/config';
import { bandPresets } from '@internal/backstage-plugin-delivery-common';
import { readDeliveryConfig } from './config';

describe('readDeliveryConfig', () => {
  it('has sensible defaults', () => {
    const { dora, demo } = readDeliveryConfig(new ConfigReader({}));
    expect(dora).toEqual({
      productionEnvironments: ['production', 'prod', 'prd', 'live'],
      bands: bandPresets.default,
      incidentAttributionWindowHours: undefined,
      duplicateRolloutWindowMinutes: 10,
    });
    expect(demo).toBeUndefined();
  });

  it('reads environments, band preset, attribution window and demo file', () => {
    const { dora, demo } = readDeliveryConfig(
      new ConfigReader({
        delivery: {
          productionEnvironments: ['prod-eu', 'prod-us'],
          dora: {
            bands: 'dora-2019',
            incidentAttributionWindow: { hours: 1, minutes: 30 },
            duplicateRolloutWindow: 'PT5M',
          },
          demo: { enabled: true, file: 'demo.yaml' },
        },
      }),
    );
    expect(dora.productionEnvironments).toEqual(['prod-eu', 'prod-us']);
    expect(dora.bands).toBe(bandPresets['dora-2019']);
    expect(dora.incidentAttributionWindowHours).toBe(1.5);
    expect(dora.duplicateRolloutWindowMinutes).toBe(5);
    expect(demo).toEqual({ file: 'demo.yaml' });
  });

  it('names the field and the choices for an unknown band preset', () => {
    expect(() =>
      readDeliveryConfig(
        new ConfigReader({ delivery: { dora: { bands: 'dora-2099' } } }),
      ),
    ).toThrow(
      "delivery.dora.bands: unknown preset 'dora-2099'; use one of default, dora-2019",
    );
  });
});
