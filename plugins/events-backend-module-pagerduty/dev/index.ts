/*
 * Runs the events backend with this module (yarn start in this folder, port 7119 or
 * PORT): the PagerDuty webhook endpoint with the signing secret `dev-secret`, and a subscriber
 * that logs what the endpoint publishes on the `pagerduty` topic. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  DEV_WEBHOOK_SECRET as secret,
  eventsWebhookDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const file = 'dev/incident-triggered.json';

eventsWebhookDevBackend({
  createBackend,
  port: 7119,
  config: { delivery: { pagerduty: { webhook: { secrets: [secret] } } } },
  module: import('../src'),
  topic: 'pagerduty',
  name: 'PagerDuty webhook endpoint',
  intro:
    'A signed incident.triggered delivery (202, logged as published), then unsigned (403):',
  // A delivery must be signed and recent (30 minutes), and each event id is taken
  // once: the shell fills in the template's time and id, and signs the body.
  tryThis: base => [
    `BODY=$(sed "s/OCCURRED_AT/$(date -u +%FT%TZ)/g; s/EVENT_ID/$(date +%s%N)/" ${file})`,
    webhookCurl(base, 'pagerduty', {
      headers: [
        `"X-PagerDuty-Signature: v1=$(printf %s "$BODY" | openssl dgst -sha256 -hmac ${secret} | sed 's/.* //')"`,
      ],
      data: '"$BODY"',
    }),
    webhookCurl(base, 'pagerduty', { data: `@${file}` }),
  ],
});
