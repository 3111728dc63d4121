/*
 * Runs the delivery backend with this module and the GitHub webhook endpoint (yarn start
 * in this folder, port 7110 or PORT): in-memory SQLite, mocked auth and catalog, no
 * GitHub token (webhooks only: the pull skips every repository, and deployments are
 * stored without commit times). Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  DEV_WEBHOOK_SECRET as secret,
  startDevBackend,
  webhookCurl,
} from '@internal/backstage-plugin-delivery-node/testUtils';

// GitHub signs the body with the webhook secret (HMAC-SHA256); the shell signs the
// file's bytes, which curl then sends unchanged.
const send = (base: string, event: string, path: string) =>
  webhookCurl(base, 'github', {
    headers: [
      `'X-GitHub-Event: ${event}'`,
      `"X-GitHub-Delivery: dev-$(date +%s%N)"`,
      `"X-Hub-Signature-256: sha256=$(openssl dgst -sha256 -hmac ${secret} < ${path} | sed 's/.* //')"`,
    ],
    data: `@${path}`,
  });

startDevBackend({
  createBackend,
  port: 7110,
  config: {
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
  components: {
    // The repository of GitHub's example deployment status.
    'hello-world': { 'github.com/project-slug': 'codertocat/hello-world' },
    // The repository of GitHub's example workflow run.
    octo: { 'github.com/project-slug': 'octo-org/octo-repo' },
  },
  features: [
    import('@backstage/plugin-events-backend'),
    import('@backstage/plugin-events-backend-module-github'),
    import('@internal/backstage-plugin-delivery-backend'),
    import('../src'),
  ],
  name: 'GitHub delivery module',
  intro:
    "GitHub's example deliveries, signed (needs openssl), then the stored deployments:",
  tryThis: base => [
    send(base, 'deployment_status', 'dev/deployment-status.json'),
    send(base, 'workflow_run', 'dev/workflow-run.json'),
    `curl '${base}/api/delivery/deployments?entityRef=component:default/hello-world'`,
    `curl '${base}/api/delivery/deployments?entityRef=component:default/octo'`,
    `curl ${base}/api/delivery/sources`,
  ],
});
