/*
 * Runs the events backend with this module (yarn start in this folder, port 7118 or
 * PORT): the Opsgenie webhook endpoint with the token `dev-token`, and a subscriber
 * that logs what the endpoint publishes on the `opsgenie` topic. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  eventsWebhookDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const token = 'dev-token';
const data = '@dev/alert-created.json';

eventsWebhookDevBackend({
  createBackend,
  port: 7118,
  config: { delivery: { opsgenie: { webhook: { token } } } },
  module: import('../src'),
  topic: 'opsgenie',
  name: 'Opsgenie webhook endpoint',
  intro: 'With the token (202, logged as published), then without (403):',
  tryThis: base => [
    webhookCurl(base, 'opsgenie', {
      headers: [`'X-Opsgenie-Token: ${token}'`],
      data,
    }),
    webhookCurl(base, 'opsgenie', { data }),
  ],
});
