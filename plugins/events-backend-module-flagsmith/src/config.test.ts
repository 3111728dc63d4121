import { ConfigReader } from '@backstage/config';
import { readFlagsmithWebhookSecrets } from './config';

describe('readFlagsmithWebhookSecrets', () => {
  it('reads the secrets, dropping blank ones; none without config', () => {
    expect(
      readFlagsmithWebhookSecrets(
        new ConfigReader({
          delivery: {
            flagsmith: { webhook: { secrets: ['dev', '  ', 'prod'] } },
          },
        }),
      ),
    ).toEqual(['dev', 'prod']);
    expect(readFlagsmithWebhookSecrets(new ConfigReader({}))).toEqual([]);
  });
});
