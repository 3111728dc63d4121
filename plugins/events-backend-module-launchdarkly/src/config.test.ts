import { ConfigReader } from '@backstage/config';
import { readLaunchDarklyWebhookSecrets } from './config';

describe('readLaunchDarklyWebhookSecrets', () => {
  it('reads the secrets, dropping blank ones; none without config', () => {
    expect(
      readLaunchDarklyWebhookSecrets(
        new ConfigReader({
          delivery: { launchdarkly: { webhook: { secrets: ['a', ' ', 'b'] } } },
        }),
      ),
    ).toEqual(['a', 'b']);
    expect(readLaunchDarklyWebhookSecrets(new ConfigReader({}))).toEqual([]);
  });
});
