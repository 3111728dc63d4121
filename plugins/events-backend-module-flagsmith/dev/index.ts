/*
 * Runs the events backend with this module (yarn start in this folder, port 7125 or
 * PORT): the Flagsmith webhook endpoint with the secret `dev-secret`, and a
 * subscriber that logs what it publishes on the `flagsmith` topic.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  DEV_WEBHOOK_SECRET as secret,
  eventsWebhookDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const file = 'dev/flag-updated.json';

eventsWebhookDevBackend({
  createBackend,
  port: 7125,
  config: { delivery: { flagsmith: { webhook: { secrets: [secret] } } } },
  module: import('../src'),
  topic: 'flagsmith',
  name: 'Flagsmith webhook endpoint',
  intro:
    'A signed FLAG_UPDATED (200, logged as published), then unsigned (401):',
  tryThis: base => [
    webhookCurl(base, 'flagsmith', {
      headers: [
        `"X-Flagsmith-Signature: $(openssl dgst -sha256 -hmac ${secret} ${file} | sed 's/.* //')"`,
      ],
      data: `@${file}`,
    }),
    webhookCurl(base, 'flagsmith', { data: `@${file}` }),
  ],
});
