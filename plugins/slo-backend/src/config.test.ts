import { ConfigReader } from '@backstage/config';
import { readSloConfig } from './config';

describe('readSloConfig', () => {
  it('has defaults for everything', () => {
    expect(readSloConfig(new ConfigReader({}))).toEqual({
      cacheTtlMs: 300_000,
      defaultSource: undefined,
      errorBudgetPolicy: {
        freezeWhenExhausted: true,
        deploymentImpactHours: 4,
        productionEnvironments: ['production', 'prod', 'prd', 'live'],
      },
      lowTrafficMinBadEvents: 10,
    });
  });

  it('reads durations as objects or ISO strings', () => {
    const config = readSloConfig(
      new ConfigReader({
        slo: {
          defaultSource: 'prometheus:eu',
          cache: { ttl: 'PT30S' },
          errorBudgetPolicy: {
            freezeWhenExhausted: false,
            deploymentImpactHours: 2,
          },
          lowTrafficMinBadEvents: 5,
        },
      }),
    );
    expect(config).toEqual({
      cacheTtlMs: 30_000,
      defaultSource: 'prometheus:eu',
      errorBudgetPolicy: {
        freezeWhenExhausted: false,
        deploymentImpactHours: 2,
        productionEnvironments: ['production', 'prod', 'prd', 'live'],
      },
      lowTrafficMinBadEvents: 5,
    });
    expect(
      readSloConfig(
        new ConfigReader({ slo: { cache: { ttl: { minutes: 2 } } } }),
      ).cacheTtlMs,
    ).toBe(120_000);
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readSloConfig(
        new ConfigReader({
          slo: { errorBudgetPolicy: { deploymentImpactHours: 100 } },
        }),
      ),
    ).toThrow(/^slo\.errorBudgetPolicy\.deploymentImpactHours: /);
    expect(() =>
      readSloConfig(
        new ConfigReader({ slo: { cache: { ttl: { milliseconds: 10 } } } }),
      ),
    ).toThrow(/^slo\.cache\.ttl: /);
  });
});
