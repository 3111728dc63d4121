import { ConfigReader } from '@backstage/config';
import { readUnleashWebhookSecrets } from './config';

describe('readUnleashWebhookSecrets', () => {
  it('reads the Authorization values trimmed, dropping blank ones', () => {
    expect(
      readUnleashWebhookSecrets(
        new ConfigReader({
          delivery: {
            unleash: { webhook: { secrets: ['Bearer a ', '  ', 'b'] } },
          },
        }),
      ),
    ).toEqual(['Bearer a', 'b']);
    expect(readUnleashWebhookSecrets(new ConfigReader({}))).toEqual([]);
  });
});
