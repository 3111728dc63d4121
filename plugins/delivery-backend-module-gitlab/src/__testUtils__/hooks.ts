import {
  clone,
  deploymentHookExample,
  mergeRequestApprovalHookExample,
  mergeRequestHookExample,
  mergeRequestNoteHookExample,
  pipelineHookExample,
} from './fixtures';
import { FakeMergeRequest } from './gitlabApi';
import { c4, c5, MONOREPO_WEB, WEB } from './scenario';

/** GitLab's example project block, moved to a project on gitlab.acme.test. */
const movedProject = <P extends object>(
  example: P,
  to: { id: number; path: string; webUrl: string },
) => ({
  ...clone(example),
  id: to.id,
  name: to.path.split('/').pop()!,
  web_url: to.webUrl,
  path_with_namespace: to.path,
  namespace: 'Acme',
  git_ssh_url: `git@gitlab.acme.test:${to.path}.git`,
  git_http_url: `${to.webUrl}.git`,
  default_branch: 'main',
});

/** GitLab's example project block, moved to acme/shop (id 42) on gitlab.acme.test. */
const shopProject = <P extends object>(example: P) =>
  movedProject(example, { id: 42, path: 'acme/shop', webUrl: WEB });

export const SHOP = { id: 42, path: 'acme/shop', webUrl: WEB };
export const MONOREPO = { id: 43, path: 'acme/monorepo', webUrl: MONOREPO_WEB };

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

/**
 * GitLab's "Merge request events" example as a project of the scenario would send
 * it for one of its merge requests; `action` as GitLab sets it (`open`, `update`,
 * `merge`, `approval`, ...).
 */
export function mergeRequestHook(
  { mergeRequest: mr }: FakeMergeRequest,
  options: { action: string; project?: typeof SHOP },
) {
  const to = options.project ?? SHOP;
  const example =
    options.action === 'approval'
      ? clone(mergeRequestApprovalHookExample)
      : clone(mergeRequestHookExample);
  const project = movedProject(example.project, to);
  return {
    ...example,
    project,
    object_attributes: {
      ...example.object_attributes,
      id: mr.id,
      iid: mr.iid,
      title: mr.title,
      target_branch: 'main',
      source_project_id: to.id,
      target_project_id: to.id,
      author_id: mr.author.id,
      created_at: mr.created_at,
      updated_at: mr.updated_at,
      state: mr.state,
      draft: mr.draft,
      work_in_progress: mr.draft,
      url: mr.web_url,
      source: project,
      target: project,
      action: options.action,
    },
  };
}

/** GitLab's "Comment on a merge request" example, as a scenario project would send it. */
export function mergeRequestNoteHook(
  { mergeRequest: mr }: FakeMergeRequest,
  options: { project?: typeof SHOP } = {},
) {
  const to = options.project ?? SHOP;
  const example = clone(mergeRequestNoteHookExample);
  const project = movedProject(example.project, to);
  return {
    ...example,
    project_id: to.id,
    project,
    object_attributes: {
      ...example.object_attributes,
      project_id: to.id,
      noteable_id: mr.id,
      url: `${mr.web_url}#note_1244`,
    },
    merge_request: {
      ...example.merge_request,
      id: mr.id,
      iid: mr.iid,
      title: mr.title,
      author_id: mr.author.id,
      source_project_id: to.id,
      target_project_id: to.id,
      source: project,
      target: project,
    },
  };
}
