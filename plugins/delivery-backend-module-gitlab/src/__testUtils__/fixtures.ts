/*
 * GitLab's own examples, copied from its documentation; tests edit deep copies of them
 * (`clone`), never these.
 *
 * - Webhook payloads: "Webhook events", https://docs.gitlab.com/user/project/integrations/webhook_events/
 *   ("Deployment events", "Pipeline events").
 * - API answers: "Deployments API", https://docs.gitlab.com/api/deployments/ ("Get a
 *   specific deployment"); "Pipelines API", https://docs.gitlab.com/api/pipelines/
 *   ("List project pipelines", "Get a single pipeline"); "Commits API",
 *   https://docs.gitlab.com/api/commits/ ("List repository commits", "Get a single
 *   commit", in the version kept in gitlabhq/gitlabhq doc/api/commits.md); "Projects API", https://docs.gitlab.com/api/projects/ (a project as
 *   "List all projects" shows it, which "Get a single project" extends).
 */

/** A deep copy a test may edit. */
export const clone = <T>(value: T): T => structuredClone(value);

/** "Deployment events" payload example, verbatim. Request header `X-Gitlab-Event: Deployment Hook`. */
export const deploymentHookExample = {
  object_kind: 'deployment',
  status: 'success',
  status_changed_at: '2021-04-28 21:50:00 +0200',
  deployment_id: 15,
  deployable_id: 796,
  deployable_url:
    'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
  environment: 'staging',
  environment_tier: 'staging',
  environment_slug: 'staging',
  environment_external_url: 'https://staging.example.com',
  project: {
    id: 30,
    name: 'test-deployment-webhooks',
    description: '',
    web_url: 'http://10.126.0.2:3000/root/test-deployment-webhooks',
    avatar_url: null,
    git_ssh_url: 'ssh://vlad@10.126.0.2:2222/root/test-deployment-webhooks.git',
    git_http_url: 'http://10.126.0.2:3000/root/test-deployment-webhooks.git',
    namespace: 'Administrator',
    visibility_level: 0,
    path_with_namespace: 'root/test-deployment-webhooks',
    default_branch: 'master',
    ci_config_path: '',
    homepage: 'http://10.126.0.2:3000/root/test-deployment-webhooks',
    url: 'ssh://vlad@10.126.0.2:2222/root/test-deployment-webhooks.git',
    ssh_url: 'ssh://vlad@10.126.0.2:2222/root/test-deployment-webhooks.git',
    http_url: 'http://10.126.0.2:3000/root/test-deployment-webhooks.git',
  },
  short_sha: '279484c0',
  user: {
    id: 1,
    name: 'Administrator',
    username: 'root',
    avatar_url:
      'https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon',
    email: 'admin@example.com',
  },
  user_url: 'http://10.126.0.2:3000/root',
  commit_url:
    'http://10.126.0.2:3000/root/test-deployment-webhooks/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468',
  commit_title: 'Add new file',
};

const pipelineBuildUser = {
  id: 1,
  name: 'Administrator',
  username: 'root',
  avatar_url:
    'http://www.gravatar.com/avatar/e32bd13e2add097461cb96824b7a829c?s=80\u0026d=identicon',
  email: 'admin@example.com',
};

const sharedRunner = (tags: string[]) => ({
  id: 380987,
  description: 'shared-runners-manager-6.gitlab.com',
  active: true,
  runner_type: 'instance_type',
  is_shared: true,
  tags,
});

/** A job of the pipeline hook (`builds[]`). */
export interface PipelineBuild {
  id: number;
  stage: string;
  name: string;
  status: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration: number | null;
  queued_duration: number | null;
  failure_reason: string | null;
  when: string;
  manual: boolean;
  allow_failure: boolean;
  user: typeof pipelineBuildUser;
  runner: ReturnType<typeof sharedRunner> | null;
  artifacts_file: { filename: null; size: null };
  environment: { name: string; action: string; deployment_tier: string } | null;
}

/** A job of the pipeline example: created with it, by its user, not run unless `fields` say. */
const pipelineBuild = ({
  id,
  stage,
  name,
  status,
  ...fields
}: Pick<PipelineBuild, 'id' | 'stage' | 'name' | 'status'> &
  Partial<PipelineBuild>): PipelineBuild => ({
  id,
  stage,
  name,
  status,
  created_at: '2016-08-12 15:23:28 UTC',
  started_at: null,
  finished_at: null,
  duration: null,
  queued_duration: null,
  failure_reason: null,
  when: 'on_success',
  manual: false,
  allow_failure: false,
  user: pipelineBuildUser,
  runner: null,
  artifacts_file: { filename: null, size: null },
  environment: null,
  ...fields,
});

/** A job's run: the example's jobs all took 17 s after 196 s in the queue. */
const ran = (started_at: string, finished_at: string) => ({
  started_at,
  finished_at,
  duration: 17.0,
  queued_duration: 196.0,
});

/** "Pipeline events" payload example, verbatim. Request header `X-Gitlab-Event: Pipeline Hook`. */
export const pipelineHookExample = {
  object_kind: 'pipeline',
  object_attributes: {
    id: 31,
    iid: 3,
    name: 'Pipeline for branch: master',
    ref: 'master',
    tag: false,
    sha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
    before_sha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
    source: 'merge_request_event',
    status: 'success',
    stages: ['build', 'test', 'deploy'],
    created_at: '2016-08-12 15:23:28 UTC',
    finished_at: '2016-08-12 15:26:29 UTC',
    duration: 63,
    variables: [{ key: 'NESTOR_PROD_ENVIRONMENT', value: 'us-west-1' }],
    url: 'http://example.com/gitlab-org/gitlab-test/-/pipelines/31',
  },
  merge_request: {
    id: 1,
    iid: 1,
    title: 'Test',
    source_branch: 'test',
    source_project_id: 1,
    target_branch: 'master',
    target_project_id: 1,
    state: 'opened',
    merge_status: 'can_be_merged',
    detailed_merge_status: 'mergeable',
    url: 'http://192.168.64.1:3005/gitlab-org/gitlab-test/merge_requests/1',
  },
  user: {
    id: 1,
    name: 'Administrator',
    username: 'root',
    avatar_url:
      'http://www.gravatar.com/avatar/e32bd13e2add097461cb96824b7a829c?s=80\u0026d=identicon',
    email: 'user_email@gitlab.com',
  },
  project: {
    id: 1,
    name: 'Gitlab Test',
    description: 'Atque in sunt eos similique dolores voluptatem.',
    web_url: 'http://192.168.64.1:3005/gitlab-org/gitlab-test',
    avatar_url: null,
    git_ssh_url: 'git@192.168.64.1:gitlab-org/gitlab-test.git',
    git_http_url: 'http://192.168.64.1:3005/gitlab-org/gitlab-test.git',
    namespace: 'Gitlab Org',
    visibility_level: 20,
    path_with_namespace: 'gitlab-org/gitlab-test',
    default_branch: 'master',
  },
  commit: {
    id: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
    message: 'test\n',
    timestamp: '2016-08-12T17:23:21+02:00',
    url: 'http://example.com/gitlab-org/gitlab-test/commit/bcbb5ec396a2c0f828686f14fac9b80b780504f2',
    author: { name: 'User', email: 'user@gitlab.com' },
  },
  source_pipeline: {
    project: {
      id: 41,
      web_url: 'https://gitlab.example.com/gitlab-org/upstream-project',
      path_with_namespace: 'gitlab-org/upstream-project',
    },
    pipeline_id: 30,
    job_id: 3401,
  },
  builds: [
    pipelineBuild({
      id: 380,
      stage: 'deploy',
      name: 'production',
      status: 'skipped',
      when: 'manual',
      manual: true,
      environment: {
        name: 'production',
        action: 'start',
        deployment_tier: 'production',
      },
    }),
    pipelineBuild({
      id: 377,
      stage: 'test',
      name: 'test-image',
      status: 'success',
      ...ran('2016-08-12 15:26:12 UTC', '2016-08-12 15:26:29 UTC'),
      runner: sharedRunner(['linux', 'docker', 'shared-runner']),
    }),
    pipelineBuild({
      id: 378,
      stage: 'test',
      name: 'test-build',
      status: 'failed',
      ...ran('2016-08-12 15:26:12 UTC', '2016-08-12 15:26:29 UTC'),
      failure_reason: 'script_failure',
      runner: sharedRunner(['linux', 'docker']),
    }),
    pipelineBuild({
      id: 376,
      stage: 'build',
      name: 'build-image',
      status: 'success',
      ...ran('2016-08-12 15:24:56 UTC', '2016-08-12 15:25:26 UTC'),
      runner: sharedRunner(['linux', 'docker']),
    }),
    pipelineBuild({
      id: 379,
      stage: 'deploy',
      name: 'staging',
      status: 'created',
      environment: {
        name: 'staging',
        action: 'start',
        deployment_tier: 'staging',
      },
    }),
  ],
};

/** "Get a specific deployment" response example, verbatim. */
export const deploymentExample = {
  id: 42,
  iid: 2,
  ref: 'main',
  sha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a',
  created_at: '2016-08-11T11:32:35.444Z',
  updated_at: '2016-08-11T11:34:01.123Z',
  status: 'success',
  user: {
    name: 'Administrator',
    username: 'root',
    id: 1,
    state: 'active',
    avatar_url:
      'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon',
    web_url: 'http://localhost:3000/root',
  },
  environment: {
    id: 9,
    name: 'production',
    external_url: 'https://about.gitlab.com',
  },
  deployable: {
    id: 664,
    status: 'success',
    stage: 'deploy',
    name: 'deploy',
    ref: 'main',
    tag: false,
    coverage: null,
    created_at: '2016-08-11T11:32:24.456Z',
    started_at: null as string | null,
    finished_at: '2016-08-11T11:32:35.145Z',
    project: { ci_job_token_scope_enabled: false },
    user: {
      id: 1,
      name: 'Administrator',
      username: 'root',
      state: 'active',
      avatar_url:
        'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon',
      web_url: 'http://gitlab.dev/root',
      created_at: '2015-12-21T13:14:24.077Z',
      bio: null,
      location: null,
      skype: '',
      linkedin: '',
      twitter: '',
      website_url: '',
      organization: '',
    },
    commit: {
      id: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a',
      short_id: 'a91957a8',
      title: "Merge branch 'rename-readme' into 'main'\r",
      author_name: 'Administrator',
      author_email: 'admin@example.com',
      created_at: '2016-08-11T13:28:26.000+02:00',
      message:
        "Merge branch 'rename-readme' into 'main'\r\n\r\nRename README\r\n\r\n\r\n\r\nSee merge request !2",
    },
    pipeline: {
      created_at: '2016-08-11T07:43:52.143Z',
      id: 42,
      ref: 'main',
      sha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a',
      status: 'success',
      updated_at: '2016-08-11T07:43:52.143Z',
      web_url: 'http://gitlab.dev/root/project/pipelines/5',
    },
    runner: null,
  },
};

/** An item of "List project pipelines", verbatim (the first of the example). */
export const pipelineListItemExample = {
  id: 47,
  iid: 12,
  project_id: 1,
  status: 'pending',
  source: 'push',
  ref: 'new-pipeline',
  sha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a',
  name: 'Build pipeline',
  web_url: 'https://example.com/foo/bar/pipelines/47',
  created_at: '2016-08-11T11:28:34.085Z',
  updated_at: '2016-08-11T11:32:35.169Z',
};

/** "Get a single pipeline" response example, verbatim. */
export const pipelineExample = {
  id: 287,
  iid: 144,
  project_id: 21,
  name: 'Build pipeline',
  sha: '50f0acb76a40e34a4ff304f7347dcc6587da8a14',
  ref: 'main',
  status: 'success',
  source: 'push',
  created_at: '2022-09-21T01:05:07.200Z',
  updated_at: '2022-09-21T01:05:50.185Z',
  web_url: 'http://127.0.0.1:3000/test-group/test-project/-/pipelines/287',
  before_sha: '8a24fb3c5877a6d0b611ca41fc86edc174593e2b',
  tag: false,
  yaml_errors: null,
  user: {
    id: 1,
    username: 'root',
    name: 'Administrator',
    state: 'active',
    avatar_url:
      'https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon',
    web_url: 'http://127.0.0.1:3000/root',
  },
  started_at: '2022-09-21T01:05:14.197Z',
  finished_at: '2022-09-21T01:05:50.175Z',
  committed_at: null,
  duration: 34,
  queued_duration: 6,
  coverage: null,
  detailed_status: {
    icon: 'status_success',
    text: 'passed',
    label: 'passed',
    group: 'success',
    tooltip: 'passed',
    has_details: false,
    details_path: '/test-group/test-project/-/pipelines/287',
    illustration: null,
    favicon:
      '/assets/ci_favicons/favicon_status_success-8451333011eee8ce9f2ab25dc487fe24a8758c694827a582f17f42b0a90446a2.png',
  },
};

/** "Get a single commit" response example, verbatim. */
export const commitExample = {
  id: '6104942438c14ec7bd21c6cd5bd995272b3faff6',
  short_id: '6104942438c',
  title: 'Sanitize for network graph',
  author_name: 'randx',
  author_email: 'dmitriy.zaporozhets@gmail.com',
  committer_name: 'Dmitriy',
  committer_email: 'dmitriy.zaporozhets@gmail.com',
  created_at: '2012-09-20T09:06:12+03:00',
  message: 'Sanitize for network graph',
  committed_date: '2012-09-20T09:06:12+03:00',
  authored_date: '2012-09-20T09:06:12+03:00',
  parent_ids: ['ae1d9fb46aa2b07ee9836d49862ec4e2c46fbbba'],
  last_pipeline: {
    id: 8,
    ref: 'master',
    sha: '2dc6aa325a317eda67812f05600bdf0fcdc70ab0',
    status: 'created',
  },
  stats: { additions: 15, deletions: 10, total: 25 },
  status: 'running',
};

/** An item of "List repository commits", verbatim (the first of the example). */
export const commitListItemExample = {
  id: 'ed899a2f4b50b4370feeea94676502b42383c746',
  short_id: 'ed899a2f4b5',
  title: 'Replace sanitize with escape once',
  author_name: 'Dmitriy Zaporozhets',
  author_email: 'dzaporozhets@sphereconsultinginc.com',
  authored_date: '2012-09-20T11:50:22+03:00',
  committer_name: 'Administrator',
  committer_email: 'admin@example.com',
  committed_date: '2012-09-20T11:50:22+03:00',
  created_at: '2012-09-20T11:50:22+03:00',
  message: 'Replace sanitize with escape once',
  parent_ids: ['6104942438c14ec7bd21c6cd5bd995272b3faff6'],
};

/**
 * A project as "List all projects" shows one to an authenticated user (its first
 * example item, without `statistics` and `_links`); "Get a single project" answers
 * the same fields and more.
 */
export const projectExample = {
  id: 4,
  description: null,
  default_branch: 'master',
  visibility: 'private',
  ssh_url_to_repo: 'git@example.com:diaspora/diaspora-client.git',
  http_url_to_repo: 'http://example.com/diaspora/diaspora-client.git',
  web_url: 'http://example.com/diaspora/diaspora-client',
  readme_url:
    'http://example.com/diaspora/diaspora-client/blob/master/README.md',
  tag_list: ['example', 'disapora client'],
  owner: { id: 3, name: 'Diaspora', created_at: '2013-09-30T13:46:02Z' },
  name: 'Diaspora Client',
  name_with_namespace: 'Diaspora / Diaspora Client',
  path: 'diaspora-client',
  path_with_namespace: 'diaspora/diaspora-client',
  issues_enabled: true,
  open_issues_count: 1,
  merge_requests_enabled: true,
  jobs_enabled: true,
  wiki_enabled: true,
  snippets_enabled: false,
  can_create_merge_request_in: true,
  resolve_outdated_diff_discussions: false,
  container_registry_enabled: false,
  created_at: '2013-09-30T13:46:02Z',
  last_activity_at: '2013-09-30T13:46:02Z',
  creator_id: 3,
  namespace: {
    id: 3,
    name: 'Diaspora',
    path: 'diaspora',
    kind: 'group',
    full_path: 'diaspora',
  },
  import_status: 'none',
  archived: false,
  avatar_url: 'http://example.com/uploads/project/avatar/4/uploads/avatar.png',
  shared_runners_enabled: true,
  forks_count: 0,
  star_count: 0,
};
