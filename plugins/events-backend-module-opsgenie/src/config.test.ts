import { ConfigReader } from '@backstage/config';
import { readOpsgenieWebhookConfig } from './config';

const config = (opsgenie: object) =>
  new ConfigReader({ delivery: { opsgenie } });

describe('readOpsgenieWebhookConfig', () => {
  it('reads the token and the header, lower-cased as Node gives it', () => {
    expect(
      readOpsgenieWebhookConfig(
        config({ webhook: { token: 's3cret', header: 'X-Hook-Token' } }),
      ),
    ).toEqual({ token: 's3cret', header: 'x-hook-token' });
    expect(readOpsgenieWebhookConfig(config({}))).toEqual({
      token: undefined,
      header: 'x-opsgenie-token',
    });
  });
});
