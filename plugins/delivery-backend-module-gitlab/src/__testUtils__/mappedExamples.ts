/**
 * GitLab's example deliveries (see fixtures.ts) as the webhook maps them on
 * their own, before a component claims them.
 */
export const deploymentHookExampleMapped = {
  kind: 'deployment',
  source: 'gitlab',
  id: '10.126.0.2:3000/deployments/15',
  environment: 'staging',
  status: 'success',
  startedAt: '2021-04-28T21:50:00.000+02:00',
  finishedAt: '2021-04-28T21:50:00.000+02:00',
  version: '279484c0',
  url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
  // user.username of the example delivery.
  triggeredBy: 'root',
};

/** Mapped to production by a rule; without its commits, whose time zone the store folds. */
export const pipelineHookExampleMapped = {
  kind: 'deployment',
  source: 'gitlab',
  id: '192.168.64.1:3005/pipelines/31',
  environment: 'production',
  status: 'success',
  startedAt: '2016-08-12T15:23:28.000Z',
  finishedAt: '2016-08-12T15:26:29.000Z',
  version: 'bcbb5ec3',
  url: 'http://example.com/gitlab-org/gitlab-test/-/pipelines/31',
  // user.username and object_attributes.source of the example delivery.
  triggeredBy: 'root (merge_request_event)',
};
