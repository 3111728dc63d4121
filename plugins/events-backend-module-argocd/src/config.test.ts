import { ConfigReader } from '@backstage/config';
import { readWebhookSecret } from './config';

describe('readWebhookSecret', () => {
  it('reads the webhook secret', () => {
    expect(
      readWebhookSecret(
        new ConfigReader({
          delivery: { argocd: { webhook: { secret: 's3' } } },
        }),
      ),
    ).toBe('s3');
    expect(readWebhookSecret(new ConfigReader({}))).toBeUndefined();
  });
});
