/*
 * Runs the delivery backend with this module and the PagerDuty webhook endpoint (yarn
 * start in this folder, port 7115 or PORT): in-memory SQLite, mocked auth and catalog,
 * no REST API key (webhooks only, no pull). Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  DEV_WEBHOOK_SECRET as secret,
  startDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

startDevBackend({
  createBackend,
  port: 7115,
  config: { delivery: { pagerduty: { webhook: { secrets: [secret] } } } },
  components: { checkout: { 'pagerduty.com/service-id': 'PF9KMXH' } },
  features: [
    import('@backstage/plugin-events-backend'),
    import('@internal/backstage-plugin-events-backend-module-pagerduty'),
    import('@internal/backstage-plugin-delivery-backend'),
    import('../src'),
  ],
  name: 'PagerDuty delivery module',
  intro: 'A signed incident.triggered delivery, then the stored incident:',
  // A delivery must be signed and recent (30 minutes), and each event id is taken
  // once: the shell fills in the template's time and id, and signs the body.
  tryThis: base => [
    `BODY=$(sed "s/OCCURRED_AT/$(date -u +%FT%TZ)/g; s/EVENT_ID/$(date +%s%N)/" dev/incident-triggered.json)`,
    webhookCurl(base, 'pagerduty', {
      headers: [
        `"X-PagerDuty-Signature: v1=$(printf %s "$BODY" | openssl dgst -sha256 -hmac ${secret} | sed 's/.* //')"`,
      ],
      data: '"$BODY"',
    }),
    `curl '${base}/api/delivery/incidents?entityRef=component:default/checkout'`,
    `curl ${base}/api/delivery/sources`,
  ],
});
