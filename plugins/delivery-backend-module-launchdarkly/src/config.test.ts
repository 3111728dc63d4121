import { ConfigReader } from '@backstage/config';
import { readLaunchDarklySourceConfig } from './config';

const config = (launchdarkly?: object) =>
  new ConfigReader(launchdarkly ? { delivery: { launchdarkly } } : {});

describe('readLaunchDarklySourceConfig', () => {
  it('is off without a webhook secret, linking to app.launchdarkly.com', () => {
    expect(readLaunchDarklySourceConfig(config())).toEqual({
      webhookConfigured: false,
      appBaseUrl: 'https://app.launchdarkly.com',
    });
    expect(
      readLaunchDarklySourceConfig(config({ webhook: { secrets: ['  '] } }))
        .webhookConfigured,
    ).toBe(false);
  });

  it('is on with a secret, and links to another app without its trailing slash', () => {
    expect(
      readLaunchDarklySourceConfig(
        config({
          webhook: { secrets: ['s'] },
          appBaseUrl: 'https://app.eu.launchdarkly.com/',
        }),
      ),
    ).toEqual({
      webhookConfigured: true,
      appBaseUrl: 'https://app.eu.launchdarkly.com',
    });
  });

  it('refuses a base URL that is not one', () => {
    expect(() =>
      readLaunchDarklySourceConfig(
        config({ appBaseUrl: 'app.launchdarkly.com' }),
      ),
    ).toThrow(
      "delivery.launchdarkly.appBaseUrl must be an http(s) URL, got 'app.launchdarkly.com'",
    );
  });
});
