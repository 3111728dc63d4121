/*
 * Runs the delivery backend with this module and the GitHub webhook endpoint (yarn start
 * in this folder, port 7110 or PORT): in-memory SQLite, mocked auth and catalog, no
 * GitHub token (webhooks only: the pull skips every repository, and deployments are
 * stored without commit times). Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const port = Number(process.env.PORT ?? 7110);
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
      // The GitHub events module checks X-Hub-Signature-256 against webhookSecret.
      events: {
        http: { topics: ['github'] },
        modules: { github: { webhookSecret: secret } },
      },
      // The workflow of GitHub's example run (dev/workflow-run.json) deploys.
      delivery: {
        github: { workflows: [{ name: 'test', environment: 'production' }] },
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
          name: 'hello-world',
          // The repository of GitHub's example deployment status.
          annotations: { 'github.com/project-slug': 'codertocat/hello-world' },
        },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'octo',
          // The repository of GitHub's example workflow run.
          annotations: { 'github.com/project-slug': 'octo-org/octo-repo' },
        },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      },
    ],
  }),
);
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));
backend.add(import('@internal/backstage-plugin-delivery-backend'));
backend.add(import('../src'));

// GitHub signs the body with the webhook secret (HMAC-SHA256); the shell signs the
// file's bytes, which curl then sends unchanged.
const send = (event: string, path: string) =>
  `curl -i -X POST ${base}/api/events/http/github -H 'Content-Type: application/json' \\
    -H 'X-GitHub-Event: ${event}' -H "X-GitHub-Delivery: dev-$(date +%s%N)" \\
    -H "X-Hub-Signature-256: sha256=$(openssl dgst -sha256 -hmac ${secret} < ${path} | sed 's/.* //')" \\
    --data-binary @${path}`;

backend.start().then(() =>
  console.log(`
GitHub delivery module on ${base}. GitHub's example deliveries, signed (needs openssl), then the stored deployments:
  ${send('deployment_status', 'dev/deployment-status.json')}
  ${send('workflow_run', 'dev/workflow-run.json')}
  curl '${base}/api/delivery/deployments?entityRef=component:default/hello-world'
  curl '${base}/api/delivery/deployments?entityRef=component:default/octo'
  curl ${base}/api/delivery/sources
`),
);
