/*
 * Runs the delivery backend with this module and the LaunchDarkly webhook endpoint
 * (yarn start in this folder, port 7120 or PORT): in-memory SQLite, mocked auth and
 * catalog. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  DEV_WEBHOOK_SECRET as secret,
  startDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const file = 'dev/flag-turned-on.json';

startDevBackend({
  createBackend,
  port: 7120,
  config: { delivery: { launchdarkly: { webhook: { secrets: [secret] } } } },
  components: {
    checkout: {
      'launchdarkly.com/project-key': 'default',
      'launchdarkly.com/flag-prefix': 'checkout-',
    },
  },
  features: [
    import('@backstage/plugin-events-backend'),
    import('@internal/backstage-plugin-events-backend-module-launchdarkly'),
    import('@internal/backstage-plugin-delivery-backend'),
    import('../src'),
  ],
  name: 'LaunchDarkly delivery module',
  intro: 'A signed "turned on the flag" entry, then the stored flag change:',
  tryThis: base => [
    webhookCurl(base, 'launchdarkly', {
      headers: [
        `"X-LD-Signature: $(openssl dgst -sha256 -hmac ${secret} ${file} | sed 's/.* //')"`,
      ],
      data: `@${file}`,
    }),
    `curl '${base}/api/delivery/flags?entityRef=component:default/checkout'`,
    `curl ${base}/api/delivery/sources`,
  ],
});
