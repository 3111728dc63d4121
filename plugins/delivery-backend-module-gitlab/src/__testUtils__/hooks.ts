import { clone, deploymentHookExample, pipelineHookExample } from './fixtures';
import { c4, c5, WEB } from './scenario';

/** GitLab's example project block, moved to acme/shop (id 42) on gitlab.acme.test. */
const shopProject = <P extends object>(example: P) => ({
  ...clone(example),
  id: 42,
  name: 'shop',
  web_url: WEB,
  path_with_namespace: 'acme/shop',
  namespace: 'Acme',
  git_ssh_url: 'git@gitlab.acme.test:acme/shop.git',
  git_http_url: `${WEB}.git`,
  default_branch: 'main',
});

/**
 * GitLab's "Deployment events" example, as acme/shop would send it for a
 * deployment of the scenario (by default `second`, id 101, which shipped c4).
 */
export function shopDeploymentHook(
  changes: Partial<typeof deploymentHookExample> = {},
) {
  const example = clone(deploymentHookExample);
  return {
    ...example,
    deployment_id: 101,
    deployable_id: 501,
    deployable_url: `${WEB}/-/jobs/501`,
    environment: 'production',
    environment_tier: 'production',
    environment_slug: 'production',
    environment_external_url: 'https://shop.acme.test',
    status_changed_at: '2026-01-07 10:12:00 +0100',
    project: shopProject(example.project),
    short_sha: c4.id.slice(0, 8),
    user_url: 'https://gitlab.acme.test/root',
    commit_url: `${WEB}/-/commit/${c4.id}`,
    commit_title: c4.title,
    ...changes,
  };
}

/**
 * GitLab's "Pipeline events" example, as acme/shop would send it for pipeline 202 of
 * the scenario (main, c5).
 */
export function shopPipelineHook() {
  const example = clone(pipelineHookExample);
  return {
    ...example,
    object_attributes: {
      ...example.object_attributes,
      id: 202,
      iid: 12,
      name: null as string | null,
      ref: 'main',
      sha: c5.id,
      before_sha: c4.id,
      source: 'push',
      status: 'success',
      created_at: '2026-01-07 09:35:00 UTC',
      finished_at: '2026-01-07 09:50:00 UTC',
      url: `${WEB}/-/pipelines/202`,
    },
    merge_request: null,
    project: shopProject(example.project),
    commit: {
      ...example.commit,
      id: c5.id,
      message: c5.title,
      timestamp: '2026-01-07T10:30:00+01:00',
      url: `${WEB}/-/commit/${c5.id}`,
      author: { name: 'Linus', email: 'linus@acme.test' },
    },
  };
}
