import { ConfigReader } from '@backstage/config';
import { readPagerDutyWebhookConfig } from './config';

const config = (pagerduty: object) =>
  new ConfigReader({ delivery: { pagerduty } });

describe('readPagerDutyWebhookConfig', () => {
  it('reads the secrets, dropping blank ones, and the replay window', () => {
    const read = readPagerDutyWebhookConfig(
      config({ webhook: { secrets: ['one', '  ', 'two'], maxAge: '10m' } }),
    );
    expect(read.secrets).toEqual(['one', 'two']);
    expect(read.maxAge.as('minutes')).toBe(10);
    expect(readPagerDutyWebhookConfig(config({})).maxAge.as('minutes')).toBe(
      30,
    );
  });
});
