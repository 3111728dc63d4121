/*
 * Runs the events backend with this module (yarn start in this folder, port 7117 or
 * PORT): the Argo CD webhook endpoint with the secret `dev-secret`, and a subscriber
 * that logs what the endpoint publishes on the `argocd` topic. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  DEV_WEBHOOK_SECRET as secret,
  eventsWebhookDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const data = '@dev/sync-succeeded.json';

eventsWebhookDevBackend({
  createBackend,
  port: 7117,
  config: { delivery: { argocd: { webhook: { secret } } } },
  module: import('../src'),
  topic: 'argocd',
  name: 'Argo CD webhook endpoint',
  intro: 'With the secret (202, logged as published), then without (403):',
  tryThis: base => [
    webhookCurl(base, 'argocd', {
      headers: [`'X-Delivery-Webhook-Secret: ${secret}'`],
      data,
    }),
    webhookCurl(base, 'argocd', { data }),
  ],
});
