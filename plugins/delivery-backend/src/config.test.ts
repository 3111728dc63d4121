import { ConfigReader } from '@backstage/config';
import { bandPresets } from '@internal/backstage-plugin-delivery-common';
import { readDeliveryConfig, readDeploymentHealthConfig } from './config';

describe('readDeliveryConfig', () => {
  it('has sensible defaults', () => {
    const { dora, demo } = readDeliveryConfig(new ConfigReader({}));
    expect(dora).toEqual({
      productionEnvironments: ['production', 'prod', 'prd', 'live'],
      bands: bandPresets.default,
      incidentAttributionWindowHours: undefined,
      duplicateRolloutWindowMinutes: 10,
      countFlagReleasesAsDeployments: false,
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
            countFlagReleasesAsDeployments: true,
          },
          demo: { enabled: true, file: 'demo.yaml' },
        },
      }),
    );
    expect(dora.productionEnvironments).toEqual(['prod-eu', 'prod-us']);
    expect(dora.bands).toBe(bandPresets['dora-2019']);
    expect(dora.incidentAttributionWindowHours).toBe(1.5);
    expect(dora.duplicateRolloutWindowMinutes).toBe(5);
    expect(dora.countFlagReleasesAsDeployments).toBe(true);
    expect(demo).toEqual({ file: 'demo.yaml' });
  });

  it('names the field and the choices for an unknown band preset', () => {
    expect(() =>
      readDeliveryConfig(
        new ConfigReader({ delivery: { dora: { bands: 'dora-2099' } } }),
      ),
    ).toThrow(
      "delivery.dora.bands: unknown preset 'dora-2099'; use one of default, dora-2019, dora-2021, dora-2022, dora-2023, dora-2024, or an object of custom thresholds",
    );
  });

  it('reads custom band thresholds and names a wrong field', () => {
    const custom = {
      name: 'acme-2026',
      deploymentFrequencyPerDay: { elite: 2, high: 0.5, medium: 0.1 },
      leadTimeHours: { high: 48, medium: 336 },
      changeFailureRate: { elite: 0.02, high: 0.08, medium: 0.2 },
      recoveryTimeHours: { elite: 0.5, high: 4, medium: 48 },
    };
    const { dora } = readDeliveryConfig(
      new ConfigReader({ delivery: { dora: { bands: custom } } }),
    );
    expect(dora.bands).toEqual({
      ...custom,
      leadTimeHours: { elite: null, high: 48, medium: 336 },
    });
    expect(() =>
      readDeliveryConfig(
        new ConfigReader({
          delivery: {
            dora: {
              bands: {
                ...custom,
                recoveryTimeHours: { elite: 0.5, high: 'one day', medium: 48 },
              },
            },
          },
        }),
      ),
    ).toThrow(/^delivery\.dora\.bands\.recoveryTimeHours\.high: /);
  });
});

describe('readDeploymentHealthConfig', () => {
  const read = (deploymentHealth: unknown) => () =>
    readDeploymentHealthConfig(
      new ConfigReader({ delivery: { deploymentHealth } } as any),
    );

  it('defaults to 2 hours, ailing from +1% of the budget, unhealthy from +4%', () => {
    expect(readDeliveryConfig(new ConfigReader({})).deploymentHealth).toEqual({
      hours: 2,
      ailingBudgetShare: 0.01,
      unhealthyBudgetShare: 0.04,
      sloTimeoutMs: 10_000,
    });
    expect(
      read({ hours: 4, unhealthyBudgetShare: 0.1, sloTimeout: 'PT2.5S' })(),
    ).toEqual({
      hours: 4,
      ailingBudgetShare: 0.01,
      unhealthyBudgetShare: 0.1,
      sloTimeoutMs: 2500,
    });
  });

  it('names the offending field', () => {
    expect(read({ hours: 0 })).toThrow(
      'delivery.deploymentHealth.hours: hours must be above 0',
    );
    expect(read({ hours: 72 })).toThrow(
      "delivery.deploymentHealth.hours: hours must be at most 48 (the SLO backend's limit)",
    );
    expect(read({ ailingBudgetShare: 'much' })).toThrow(
      'delivery.deploymentHealth.ailingBudgetShare: ailingBudgetShare must be a number',
    );
    expect(read({ unhealthyBudgetShare: 2 })).toThrow(
      'delivery.deploymentHealth.unhealthyBudgetShare: unhealthyBudgetShare must be at most 1 (the whole budget)',
    );
    // ailing from +5% with the default unhealthy +4%: the order is wrong
    expect(read({ ailingBudgetShare: 0.05 })).toThrow(
      'delivery.deploymentHealth.unhealthyBudgetShare: unhealthyBudgetShare must be above ailingBudgetShare',
    );
    expect(read({ sloTimeout: { seconds: 0 } })).toThrow(
      'delivery.deploymentHealth.sloTimeout: must be longer than zero',
    );
    expect(read('strict')).toThrow(
      'delivery.deploymentHealth: must be an object {hours, ailingBudgetShare, unhealthyBudgetShare}',
    );
  });
});
