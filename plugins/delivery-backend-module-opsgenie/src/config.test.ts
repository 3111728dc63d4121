import { ConfigReader } from '@backstage/config';
import { readOpsgenieSourceConfig } from './config';

const config = (opsgenie: object) =>
  new ConfigReader({ delivery: { opsgenie } });

describe('readOpsgenieSourceConfig', () => {
  it('is off without an API key, with US defaults', () => {
    const read = readOpsgenieSourceConfig(config({}));
    expect(read.api).toBe(undefined);
    expect(read.lookback.as('days')).toBe(14);
    expect(read.query).toBe(undefined);
  });

  it('picks the EU instance by region, or a base URL', () => {
    expect(
      readOpsgenieSourceConfig(config({ apiKey: 'k', region: 'eu' })).api,
    ).toEqual({ apiKey: 'k', baseUrl: 'https://api.eu.opsgenie.com' });
    expect(readOpsgenieSourceConfig(config({ apiKey: 'k' })).api?.baseUrl).toBe(
      'https://api.opsgenie.com',
    );
    const proxied = readOpsgenieSourceConfig(
      config({
        apiKey: 'k',
        apiBaseUrl: 'https://proxy.acme.example/opsgenie/',
        webUrl: 'https://acme.app.opsgenie.com/',
        query: ' priority: P1 ',
        lookback: 'P30D',
      }),
    );
    expect(proxied.api?.baseUrl).toBe('https://proxy.acme.example/opsgenie');
    expect(proxied.webUrl).toBe('https://acme.app.opsgenie.com');
    expect(proxied.query).toBe('priority: P1');
    expect(proxied.lookback.as('days')).toBe(30);
  });

  it('refuses an unknown region and a base URL that is not one', () => {
    expect(() =>
      readOpsgenieSourceConfig(config({ apiKey: 'k', region: 'apac' })),
    ).toThrow("delivery.opsgenie.region must be 'us' or 'eu', got 'apac'");
    expect(() =>
      readOpsgenieSourceConfig(config({ apiKey: 'k', apiBaseUrl: 'opsgenie' })),
    ).toThrow(
      "delivery.opsgenie.apiBaseUrl must be an http(s) URL, got 'opsgenie'",
    );
  });
});
