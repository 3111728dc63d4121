import { ConfigReader } from '@backstage/config';
import { readUnleashSourceConfig } from './config';

const config = (unleash?: object) =>
  new ConfigReader(unleash ? { delivery: { unleash } } : {});

describe('readUnleashSourceConfig', () => {
  it('is off without a webhook secret, and links nowhere without a base URL', () => {
    expect(readUnleashSourceConfig(config())).toEqual({
      webhookConfigured: false,
    });
  });

  it('is on with a secret, linking to the instance without its trailing slash', () => {
    expect(
      readUnleashSourceConfig(
        config({
          webhook: { secrets: ['Bearer s3cret'] },
          baseUrl: 'https://unleash.acme.example/',
        }),
      ),
    ).toEqual({
      webhookConfigured: true,
      baseUrl: 'https://unleash.acme.example',
    });
  });

  it('refuses a base URL that is not one', () => {
    expect(() =>
      readUnleashSourceConfig(config({ baseUrl: 'unleash.acme.example' })),
    ).toThrow(
      "delivery.unleash.baseUrl must be an http(s) URL, got 'unleash.acme.example'",
    );
  });
});
