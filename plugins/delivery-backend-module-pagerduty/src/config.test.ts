import { ConfigReader } from '@backstage/config';
import { DEFAULT_SCHEDULE, readPagerDutySourceConfig } from './config';

const config = (pagerduty: object) =>
  new ConfigReader({ delivery: { pagerduty } });

describe('readPagerDutySourceConfig', () => {
  it('has defaults: no API without a key, 14 days, every 30 minutes', () => {
    const read = readPagerDutySourceConfig(config({}));
    expect(read.api).toBe(undefined);
    expect(read.lookback.as('days')).toBe(14);
    expect(read.schedule).toBe(DEFAULT_SCHEDULE);
  });

  it('reads the key, the EU base URL without its trailing slash, and durations', () => {
    const read = readPagerDutySourceConfig(
      config({
        apiToken: 'u+abc',
        apiBaseUrl: 'https://api.eu.pagerduty.com/',
        lookback: 'P30D',
        schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
      }),
    );
    expect(read.api).toEqual({
      token: 'u+abc',
      baseUrl: 'https://api.eu.pagerduty.com',
    });
    expect(read.lookback.as('days')).toBe(30);
    expect(read.schedule).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 2 },
    });
  });

  it('refuses a lookback the API cannot serve and a base URL that is not one', () => {
    expect(() =>
      readPagerDutySourceConfig(config({ lookback: { days: 181 } })),
    ).toThrow(
      'delivery.pagerduty.lookback must be a positive duration of at most 180 days',
    );
    expect(() =>
      readPagerDutySourceConfig(
        config({ apiToken: 'x', apiBaseUrl: 'api.pagerduty.com' }),
      ),
    ).toThrow(
      "delivery.pagerduty.apiBaseUrl must be a URL, got 'api.pagerduty.com'",
    );
  });
});
