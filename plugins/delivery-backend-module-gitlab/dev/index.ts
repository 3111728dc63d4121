/*
 * Runs the delivery backend with this module and the GitLab webhook endpoint (yarn start
 * in this folder, port 7112 or PORT): in-memory SQLite, mocked auth and catalog, no
 * GitLab token (webhooks only, no pull). Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const port = Number(process.env.PORT ?? 7112);
const base = `http://localhost:${port}`;
const secret = 'dev-secret';

const backend = createBackend();

backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: base,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      // The GitLab events module checks X-Gitlab-Token against webhookSecret.
      events: {
        http: { topics: ['gitlab'] },
        modules: { gitlab: { webhookSecret: secret } },
      },
    },
  }),
);
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'webhooks-demo',
          // The project of GitLab's example delivery (dev/deployment-hook.json).
          annotations: {
            'gitlab.com/project-id': '30',
            'gitlab.com/instance': '10.126.0.2:3000',
          },
        },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      },
    ],
  }),
);
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-gitlab'));
backend.add(import('@internal/backstage-plugin-delivery-backend'));
backend.add(import('../src'));

backend.start().then(() =>
  console.log(`
GitLab delivery module on ${base}. GitLab's example Deployment Hook, then the stored deployment:
  curl -i -X POST ${base}/api/events/http/gitlab -H 'Content-Type: application/json' \\
    -H 'X-Gitlab-Event: Deployment Hook' -H 'X-Gitlab-Token: ${secret}' \\
    --data-binary @dev/deployment-hook.json
  curl '${base}/api/delivery/deployments?entityRef=component:default/webhooks-demo'
  curl ${base}/api/delivery/sources
`),
);
