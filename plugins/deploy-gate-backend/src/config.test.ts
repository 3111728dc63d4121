import { ConfigReader } from '@backstage/config';
import { readDeployGateConfig } from './config';

describe('readDeployGateConfig', () => {
  it('defaults to production only, warn without figures, a 3 s policy timeout', () => {
    expect(readDeployGateConfig(new ConfigReader({}))).toEqual({
      productionEnvironments: ['production'],
      noFigures: 'warn',
      policyTimeoutMs: 3000,
      appBaseUrl: undefined,
    });
  });

  it('reads every key, durations as objects or ISO strings', () => {
    const config = readDeployGateConfig(
      new ConfigReader({
        app: { baseUrl: 'https://portal.example.com' },
        deployGate: {
          productionEnvironments: ['prod-eu', 'prod-us'],
          noFigures: 'deny',
          policyTimeout: 'PT1.5S',
        },
      }),
    );
    expect(config).toEqual({
      productionEnvironments: ['prod-eu', 'prod-us'],
      noFigures: 'deny',
      policyTimeoutMs: 1500,
      appBaseUrl: 'https://portal.example.com',
    });
    expect(
      readDeployGateConfig(
        new ConfigReader({ deployGate: { policyTimeout: { seconds: 5 } } }),
      ).policyTimeoutMs,
    ).toBe(5000);
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readDeployGateConfig(
        new ConfigReader({ deployGate: { noFigures: 'maybe' } }),
      ),
    ).toThrow("deployGate.noFigures: 'maybe' is not one of allow, warn, deny");
    expect(() =>
      readDeployGateConfig(
        new ConfigReader({ deployGate: { policyTimeout: { seconds: 0 } } }),
      ),
    ).toThrow('deployGate.policyTimeout: must be longer than zero');
  });
});
