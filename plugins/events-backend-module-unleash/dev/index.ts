/*
 * Runs the events backend with this module (yarn start in this folder, port 7123 or
 * PORT): the Unleash webhook endpoint accepting `Authorization: Bearer dev-token`,
 * and a subscriber that logs what it publishes on the `unleash` topic.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  eventsWebhookDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const authorization = 'Bearer dev-token';
const file = 'dev/strategy-updated.json';

eventsWebhookDevBackend({
  createBackend,
  port: 7123,
  config: { delivery: { unleash: { webhook: { secrets: [authorization] } } } },
  module: import('../src'),
  topic: 'unleash',
  name: 'Unleash webhook endpoint',
  intro:
    'An event with the Authorization (202, logged as published), then without (401):',
  tryThis: base => [
    webhookCurl(base, 'unleash', {
      headers: [`'Authorization: ${authorization}'`],
      data: `@${file}`,
    }),
    webhookCurl(base, 'unleash', { data: `@${file}` }),
  ],
});
