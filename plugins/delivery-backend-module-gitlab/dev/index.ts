/*
 * Runs the delivery backend with this module and the GitLab webhook endpoint (yarn start
 * in this folder, port 7112 or PORT): in-memory SQLite, mocked auth and catalog, no
 * GitLab token (webhooks only, no pull). Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  DEV_WEBHOOK_SECRET as secret,
  startDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

startDevBackend({
  createBackend,
  port: 7112,
  config: {
    // The GitLab events module checks X-Gitlab-Token against webhookSecret.
    events: {
      http: { topics: ['gitlab'] },
      modules: { gitlab: { webhookSecret: secret } },
    },
  },
  components: {
    // The project of GitLab's example delivery (dev/deployment-hook.json).
    'webhooks-demo': {
      'gitlab.com/project-id': '30',
      'gitlab.com/instance': '10.126.0.2:3000',
    },
  },
  features: [
    import('@backstage/plugin-events-backend'),
    import('@backstage/plugin-events-backend-module-gitlab'),
    import('@internal/backstage-plugin-delivery-backend'),
    import('../src'),
  ],
  name: 'GitLab delivery module',
  intro: "GitLab's example Deployment Hook, then the stored deployment:",
  tryThis: base => [
    webhookCurl(base, 'gitlab', {
      headers: [
        `'X-Gitlab-Event: Deployment Hook'`,
        `'X-Gitlab-Token: ${secret}'`,
      ],
      data: '@dev/deployment-hook.json',
    }),
    `curl '${base}/api/delivery/deployments?entityRef=component:default/webhooks-demo'`,
    `curl ${base}/api/delivery/sources`,
  ],
});
