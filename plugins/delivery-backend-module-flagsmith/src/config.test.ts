import { ConfigReader } from '@backstage/config';
import { isFlagsmithWebhookConfigured } from './config';

describe('isFlagsmithWebhookConfigured', () => {
  it('is configured with a secret that is not blank', () => {
    const config = (secrets?: string[]) =>
      new ConfigReader(
        secrets ? { delivery: { flagsmith: { webhook: { secrets } } } } : {},
      );
    expect(isFlagsmithWebhookConfigured(config(['s']))).toBe(true);
    expect(isFlagsmithWebhookConfigured(config([' ']))).toBe(false);
    expect(isFlagsmithWebhookConfigured(config())).toBe(false);
  });
});
