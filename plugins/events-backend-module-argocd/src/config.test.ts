import { ConfigReader } from '@backstage/config';
import { readRolloutsWebhookSecret, readWebhookSecret } from './config';

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

describe('readRolloutsWebhookSecret', () => {
  it('reads the Argo Rollouts webhook secret, apart from Argo CD’s', () => {
    const config = new ConfigReader({
      delivery: {
        argocd: {
          webhook: { secret: 'cd' },
          rollouts: { webhook: { secret: 'rollouts' } },
        },
      },
    });
    expect(readRolloutsWebhookSecret(config)).toBe('rollouts');
    expect(
      readRolloutsWebhookSecret(
        new ConfigReader({
          delivery: { argocd: { webhook: { secret: 'cd' } } },
        }),
      ),
    ).toBeUndefined();
  });
});
