/*
 * Runs the delivery backend with this module (yarn start in this folder, port 7113 or
 * PORT): in-memory SQLite, mocked auth and catalog, and a Jenkins faked in-process (msw)
 * with a `shop` deploy job of three builds, pulled 2 seconds after start. Try the printed curls.
 */
import { createBackend } from '@backstage/backend-defaults';
import { startDevBackend } from '@internal/backstage-plugin-delivery-node/testUtils';
import { setupServer } from 'msw/node';
import {
  basicAuth,
  fakeJenkins,
  JENKINS,
  jobUrl,
  pipelineBuild,
} from '../src/__testUtils__/jenkinsApi';

const hoursAgo = (hours: number) =>
  new Date(Date.now() - hours * 3_600_000).toISOString();

// The job's builds, newest first as Jenkins lists them; every other request goes out as usual.
const build = (
  number: number,
  result: 'SUCCESS' | 'FAILURE',
  hours: number,
  env: string,
) =>
  pipelineBuild({
    jobUrl: jobUrl(JENKINS, 'shop'),
    number,
    result,
    startedAt: hoursAgo(hours),
    duration: 240_000,
    parameters: { DEPLOY_ENV: env, VERSION: `1.${number}.0` },
    changes: [
      {
        commitId: `${number}`.padStart(40, 'c'),
        at: hoursAgo(hours + 1),
        msg: `Change shipped by build ${number}`,
        authorEmail: 'jane@example.com',
        fullName: 'Jane Doe',
      },
    ],
  });
setupServer(
  fakeJenkins({
    baseUrl: JENKINS,
    authorization: basicAuth('backstage', 'dev-token'),
    items: {
      shop: {
        kind: 'job',
        builds: [
          build(3, 'SUCCESS', 2, 'production'),
          build(2, 'FAILURE', 5, 'production'),
          build(1, 'SUCCESS', 26, 'staging'),
        ],
      },
    },
  }).handler,
).listen({ onUnhandledRequest: 'bypass' });

startDevBackend({
  createBackend,
  port: 7113,
  config: {
    jenkins: { baseUrl: JENKINS, username: 'backstage', apiKey: 'dev-token' },
    delivery: {
      jenkins: {
        deployments: [
          { job: 'shop', parameter: 'DEPLOY_ENV', versionParameter: 'VERSION' },
        ],
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 2 },
        },
      },
    },
  },
  components: { shop: { 'jenkins.io/job-full-name': 'shop' } },
  features: [
    import('@internal/backstage-plugin-delivery-backend'),
    import('../src'),
  ],
  name: 'Jenkins delivery module',
  intro: "The deployments pulled from the fake Jenkins, and the pull's status:",
  tryThis: base => [
    `curl '${base}/api/delivery/deployments?entityRef=component:default/shop'`,
    `curl ${base}/api/delivery/sources`,
  ],
});
