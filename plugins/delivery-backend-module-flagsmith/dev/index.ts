/*
 * Runs the delivery backend with this module and the Flagsmith webhook endpoint
 * (yarn start in this folder, port 7124 or PORT): in-memory SQLite, mocked auth and
 * catalog. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  DEV_WEBHOOK_SECRET as secret,
  startDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const file = 'dev/flag-updated.json';

startDevBackend({
  createBackend,
  port: 7124,
  config: { delivery: { flagsmith: { webhook: { secrets: [secret] } } } },
  components: { web: { 'flagsmith.com/project-id': '12' } },
  features: [
    import('@backstage/plugin-events-backend'),
    import('@internal/backstage-plugin-events-backend-module-flagsmith'),
    import('@internal/backstage-plugin-delivery-backend'),
    import('../src'),
  ],
  name: 'Flagsmith delivery module',
  intro: 'The docs’ signed FLAG_UPDATED (200), then the stored flag change:',
  tryThis: base => [
    webhookCurl(base, 'flagsmith', {
      headers: [
        `"X-Flagsmith-Signature: $(openssl dgst -sha256 -hmac ${secret} ${file} | sed 's/.* //')"`,
      ],
      data: `@${file}`,
    }),
    `curl '${base}/api/delivery/flags?entityRef=component:default/web'`,
    `curl ${base}/api/delivery/sources`,
  ],
});
