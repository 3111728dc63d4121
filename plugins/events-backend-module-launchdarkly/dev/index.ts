/*
 * Runs the events backend with this module (yarn start in this folder, port 7121 or
 * PORT): the LaunchDarkly webhook endpoint with the secret `dev-secret`, and a
 * subscriber that logs what it publishes on the `launchdarkly` topic.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  DEV_WEBHOOK_SECRET as secret,
  eventsWebhookDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const file = 'dev/flag-turned-on.json';

eventsWebhookDevBackend({
  createBackend,
  port: 7121,
  config: { delivery: { launchdarkly: { webhook: { secrets: [secret] } } } },
  module: import('../src'),
  topic: 'launchdarkly',
  name: 'LaunchDarkly webhook endpoint',
  intro:
    'A signed audit log entry (202, logged as published), then unsigned (401):',
  tryThis: base => [
    webhookCurl(base, 'launchdarkly', {
      headers: [
        `"X-LD-Signature: $(openssl dgst -sha256 -hmac ${secret} ${file} | sed 's/.* //')"`,
      ],
      data: `@${file}`,
    }),
    webhookCurl(base, 'launchdarkly', { data: `@${file}` }),
  ],
});
