/*
 * GitLab's own examples, copied from its documentation; tests edit deep copies of them
 * (`clone`), never these.
 *
 * - Webhook payloads: "Webhook events", https://docs.gitlab.com/user/project/integrations/webhook_events/
 *   ("Deployment events", "Pipeline events", "Merge request events", "Comment on a
 *   merge request"; in the version kept in gitlabhq/gitlabhq
 *   doc/user/project/integrations/webhook_events.md).
 * - API answers: "Deployments API", https://docs.gitlab.com/api/deployments/ ("Get a
 *   specific deployment"); "Pipelines API", https://docs.gitlab.com/api/pipelines/
 *   ("List project pipelines", "Get a single pipeline"); "Commits API",
 *   https://docs.gitlab.com/api/commits/ ("List repository commits", "Get a single
 *   commit", in the version kept in gitlabhq/gitlabhq doc/api/commits.md); "Projects API", https://docs.gitlab.com/api/projects/ (a project as
 *   "List all projects" shows it, which "Get a single project" extends); "Merge
 *   requests API", https://docs.gitlab.com/api/merge_requests/ ("Get single MR",
 *   "Get single merge request commits", "List merge request diffs"); "Notes API",
 *   https://docs.gitlab.com/api/notes/ ("Get single merge request note").
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

/** The label of GitLab's merge request and work item examples. */
const apiLabel = {
  id: 206,
  title: 'API',
  color: '#ffffff',
  project_id: 14,
  created_at: '2013-12-03T17:15:43Z',
  updated_at: '2013-12-03T17:15:43Z',
  template: false,
  description: 'API related issues',
  type: 'ProjectLabel',
  group_id: 41,
};

/** `source` and `target` of the "Merge request events" example (the same project). */
const awesomeProject = {
  name: 'Awesome Project',
  description: 'Aut reprehenderit ut est.',
  web_url: 'http://example.com/awesome_space/awesome_project',
  avatar_url: null,
  git_ssh_url: 'git@example.com:awesome_space/awesome_project.git',
  git_http_url: 'http://example.com/awesome_space/awesome_project.git',
  namespace: 'Awesome Space',
  visibility_level: 20,
  path_with_namespace: 'awesome_space/awesome_project',
  default_branch: 'master',
  homepage: 'http://example.com/awesome_space/awesome_project',
  url: 'http://example.com/awesome_space/awesome_project.git',
  ssh_url: 'git@example.com:awesome_space/awesome_project.git',
  http_url: 'http://example.com/awesome_space/awesome_project.git',
};

const user1 = {
  id: 6,
  name: 'User1',
  username: 'user1',
  avatar_url:
    'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon',
};

/**
 * "Merge request events" payload example, verbatim. Request header
 * `X-Gitlab-Event: Merge Request Hook`. GitLab sends the same payload when someone
 * approves (`object_attributes.action` `approval`, or `approved` once all required
 * approvals are given) or unapproves; the documentation lists those actions
 * without a separate example (see mergeRequestApprovalHookExample).
 */
export const mergeRequestHookExample = {
  object_kind: 'merge_request',
  event_type: 'merge_request',
  user: {
    id: 1,
    name: 'Administrator',
    username: 'root',
    avatar_url:
      'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon',
    email: 'admin@example.com',
  },
  project: {
    id: 1,
    name: 'Gitlab Test',
    description: 'Aut reprehenderit ut est.',
    web_url: 'http://example.com/gitlabhq/gitlab-test',
    avatar_url: null,
    git_ssh_url: 'git@example.com:gitlabhq/gitlab-test.git',
    git_http_url: 'http://example.com/gitlabhq/gitlab-test.git',
    namespace: 'GitlabHQ',
    visibility_level: 20,
    path_with_namespace: 'gitlabhq/gitlab-test',
    default_branch: 'master',
    ci_config_path: '',
    homepage: 'http://example.com/gitlabhq/gitlab-test',
    url: 'http://example.com/gitlabhq/gitlab-test.git',
    ssh_url: 'git@example.com:gitlabhq/gitlab-test.git',
    http_url: 'http://example.com/gitlabhq/gitlab-test.git',
  },
  repository: {
    name: 'Gitlab Test',
    url: 'http://example.com/gitlabhq/gitlab-test.git',
    description: 'Aut reprehenderit ut est.',
    homepage: 'http://example.com/gitlabhq/gitlab-test',
  },
  object_attributes: {
    id: 99,
    iid: 1,
    target_branch: 'master',
    source_branch: 'ms-viewport',
    source_project_id: 14,
    author_id: 51,
    assignee_ids: [6],
    assignee_id: 6,
    reviewer_ids: [6],
    title: 'MS-Viewport',
    created_at: '2013-12-03T17:23:34Z',
    updated_at: '2013-12-03T17:23:34Z',
    last_edited_at: '2013-12-03T17:23:34Z',
    last_edited_by_id: 1,
    milestone_id: null,
    state_id: 1,
    state: 'opened',
    blocking_discussions_resolved: true,
    work_in_progress: false,
    draft: false,
    first_contribution: true,
    merge_status: 'unchecked',
    target_project_id: 14,
    description: '',
    prepared_at: '2013-12-03T19:23:34Z',
    total_time_spent: 1800,
    time_change: 30,
    human_total_time_spent: '30m',
    human_time_change: '30s',
    human_time_estimate: '30m',
    url: 'http://example.com/diaspora/merge_requests/1',
    source: awesomeProject,
    target: awesomeProject,
    last_commit: {
      id: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      message: 'fixed readme',
      title: 'Update file README.md',
      timestamp: '2012-01-03T23:36:29+02:00',
      url: 'http://example.com/awesome_space/awesome_project/commits/da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      author: {
        name: 'GitLab dev user',
        email: 'gitlabdev@dv6700.(none)',
      },
    },
    labels: [apiLabel],
    action: 'open',
    detailed_merge_status: 'mergeable',
  },
  labels: [apiLabel],
  changes: {
    updated_by_id: { previous: null, current: 1 },
    draft: { previous: true, current: false },
    updated_at: {
      previous: '2017-09-15 16:50:55 UTC',
      current: '2017-09-15 16:52:00 UTC',
    },
    labels: {
      previous: [apiLabel],
      current: [
        {
          id: 205,
          title: 'Platform',
          color: '#123123',
          project_id: 14,
          created_at: '2013-12-03T17:15:43Z',
          updated_at: '2013-12-03T17:15:43Z',
          template: false,
          description: 'Platform related issues',
          type: 'ProjectLabel',
          group_id: 41,
        },
      ],
    },
    last_edited_at: { previous: null, current: '2023-03-15 00:00:10 UTC' },
    last_edited_by_id: { previous: null, current: 3278533 },
  },
  assignees: [user1],
  reviewers: [user1],
};

/**
 * The "Merge request events" example with `action: approval`, as GitLab sends it
 * when someone (here the example's `user`, root) approves: the documentation lists
 * the approval actions for this payload but shows no example of its own.
 */
export const mergeRequestApprovalHookExample = {
  ...mergeRequestHookExample,
  object_attributes: {
    ...mergeRequestHookExample.object_attributes,
    action: 'approval',
  },
};

/** `project`, `source` and `target` of the "Comment on a merge request" example. */
const gitlabTestProject = {
  name: 'Gitlab Test',
  description: 'Aut reprehenderit ut est.',
  web_url: 'http://example.com/gitlab-org/gitlab-test',
  avatar_url: null,
  git_ssh_url: 'git@example.com:gitlab-org/gitlab-test.git',
  git_http_url: 'http://example.com/gitlab-org/gitlab-test.git',
  namespace: 'Gitlab Org',
  visibility_level: 10,
  path_with_namespace: 'gitlab-org/gitlab-test',
  default_branch: 'master',
  homepage: 'http://example.com/gitlab-org/gitlab-test',
  url: 'http://example.com/gitlab-org/gitlab-test.git',
  ssh_url: 'git@example.com:gitlab-org/gitlab-test.git',
  http_url: 'http://example.com/gitlab-org/gitlab-test.git',
};

/**
 * "Comment on a merge request" payload example, verbatim (its `last_commit` has the
 * documentation's malformed timestamp, `2015-04-08T21: 00:25-07:00`). Request
 * header `X-Gitlab-Event: Note Hook`.
 */
export const mergeRequestNoteHookExample = {
  object_kind: 'note',
  event_type: 'note',
  user: {
    id: 1,
    name: 'Administrator',
    username: 'root',
    avatar_url:
      'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon',
    email: 'admin@example.com',
  },
  project_id: 5,
  project: { id: 5, ...gitlabTestProject },
  repository: {
    name: 'Gitlab Test',
    url: 'http://localhost/gitlab-org/gitlab-test.git',
    description: 'Aut reprehenderit ut est.',
    homepage: 'http://example.com/gitlab-org/gitlab-test',
  },
  object_attributes: {
    id: 1244,
    note: 'This MR needs work.',
    noteable_type: 'MergeRequest',
    author_id: 1,
    created_at: '2015-05-17 18:21:36 UTC',
    updated_at: '2015-05-17 18:21:36 UTC',
    project_id: 5,
    attachment: null,
    line_code: null,
    commit_id: '',
    noteable_id: 7,
    system: false,
    st_diff: null,
    action: 'create',
    url: 'http://example.com/gitlab-org/gitlab-test/merge_requests/1#note_1244',
  },
  merge_request: {
    id: 7,
    target_branch: 'markdown',
    source_branch: 'master',
    source_project_id: 5,
    author_id: 8,
    assignee_id: 28,
    title: 'Tempora et eos debitis quae laborum et.',
    created_at: '2015-03-01 20:12:53 UTC',
    updated_at: '2015-03-21 18:27:27 UTC',
    milestone_id: 11,
    state: 'opened',
    merge_status: 'cannot_be_merged',
    target_project_id: 5,
    iid: 1,
    description:
      'Et voluptas corrupti assumenda temporibus. Architecto cum animi eveniet amet asperiores. Vitae numquam voluptate est natus sit et ad id.',
    position: 0,
    labels: [
      {
        id: 25,
        title: 'Afterpod',
        color: '#3e8068',
        project_id: null,
        created_at: '2019-06-05T14:32:20.211Z',
        updated_at: '2019-06-05T14:32:20.211Z',
        template: false,
        description: null,
        type: 'GroupLabel',
        group_id: 4,
      },
      {
        id: 86,
        title: 'Element',
        color: '#231afe',
        project_id: 4,
        created_at: '2019-06-05T14:32:20.637Z',
        updated_at: '2019-06-05T14:32:20.637Z',
        template: false,
        description: null,
        type: 'ProjectLabel',
        group_id: null,
      },
    ],
    source: gitlabTestProject,
    target: gitlabTestProject,
    last_commit: {
      id: '562e173be03b8ff2efb05345d12df18815438a4b',
      message:
        "Merge branch 'another-branch' into 'master'\n\nCheck in this test\n",
      timestamp: '2015-04-08T21: 00:25-07:00',
      url: 'http://example.com/gitlab-org/gitlab-test/commit/562e173be03b8ff2efb05345d12df18815438a4b',
      author: { name: 'John Smith', email: 'john@example.com' },
    },
    work_in_progress: false,
    draft: false,
    assignee: {
      name: 'User1',
      username: 'user1',
      avatar_url:
        'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon',
    },
    detailed_merge_status: 'checking',
  },
};

/**
 * "Get single MR" response example, without the documentation's `//` comments
 * (which make it invalid JSON; `approvals_before_merge` is given once, as the
 * Free tier's `null`).
 */
export const mergeRequestExample = {
  id: 155016530,
  iid: 133,
  project_id: 15513260,
  title: 'Manual job rules',
  description: '',
  state: 'opened',
  imported: false,
  imported_from: 'none',
  created_at: '2022-05-13T07:26:38.402Z',
  updated_at: '2022-05-14T03:38:31.354Z',
  merged_by: null,
  merge_user: null,
  merged_at: null as string | null,
  merge_after: '2018-09-07T11:16:00.000Z',
  prepared_at: '2018-09-04T11:16:17.520Z',
  closed_by: null,
  closed_at: null as string | null,
  target_branch: 'main',
  source_branch: 'manual-job-rules',
  user_notes_count: 0,
  upvotes: 0,
  downvotes: 0,
  author: {
    id: 4155490,
    username: 'marcel.amirault',
    name: 'Marcel Amirault',
    state: 'active',
    avatar_url:
      'https://gitlab.com/uploads/-/system/user/avatar/4155490/avatar.png',
    web_url: 'https://gitlab.com/marcel.amirault',
  },
  assignees: [],
  assignee: null,
  reviewers: [],
  source_project_id: 15513260,
  target_project_id: 15513260,
  labels: [],
  draft: false,
  work_in_progress: false,
  milestone: null,
  merge_when_pipeline_succeeds: false,
  merge_status: 'can_be_merged',
  detailed_merge_status: 'can_be_merged',
  sha: 'e82eb4a098e32c796079ca3915e07487fc4db24c',
  merge_commit_sha: null as string | null,
  squash_commit_sha: null as string | null,
  discussion_locked: null,
  should_remove_source_branch: null,
  force_remove_source_branch: true,
  reference: '!133',
  references: {
    short: '!133',
    relative: '!133',
    full: 'marcel.amirault/test-project!133',
  },
  web_url:
    'https://gitlab.com/marcel.amirault/test-project/-/merge_requests/133',
  time_stats: {
    time_estimate: 0,
    total_time_spent: 0,
    human_time_estimate: null,
    human_total_time_spent: null,
  },
  squash: false,
  task_completion_status: { count: 0, completed_count: 0 },
  has_conflicts: false,
  blocking_discussions_resolved: true,
  approvals_before_merge: null,
  subscribed: true,
  changes_count: '1' as string | null,
  latest_build_started_at: '2022-05-13T09:46:50.032Z',
  latest_build_finished_at: null,
  first_deployed_to_production_at: null,
  pipeline: {
    id: 538317940,
    iid: 1877,
    project_id: 15513260,
    sha: '1604b0c46c395822e4e9478777f8e54ac99fe5b9',
    ref: 'refs/merge-requests/133/merge',
    status: 'failed',
    source: 'merge_request_event',
    created_at: '2022-05-13T09:46:39.560Z',
    updated_at: '2022-05-13T09:47:20.706Z',
    web_url:
      'https://gitlab.com/marcel.amirault/test-project/-/pipelines/538317940',
  },
  head_pipeline: {
    id: 538317940,
    iid: 1877,
    project_id: 15513260,
    sha: '1604b0c46c395822e4e9478777f8e54ac99fe5b9',
    ref: 'refs/merge-requests/133/merge',
    status: 'failed',
    source: 'merge_request_event',
    created_at: '2022-05-13T09:46:39.560Z',
    updated_at: '2022-05-13T09:47:20.706Z',
    web_url:
      'https://gitlab.com/marcel.amirault/test-project/-/pipelines/538317940',
    before_sha: '1604b0c46c395822e4e9478777f8e54ac99fe5b9',
    tag: false,
    yaml_errors: null,
    user: {
      id: 4155490,
      username: 'marcel.amirault',
      name: 'Marcel Amirault',
      state: 'active',
      avatar_url:
        'https://gitlab.com/uploads/-/system/user/avatar/4155490/avatar.png',
      web_url: 'https://gitlab.com/marcel.amirault',
    },
    started_at: '2022-05-13T09:46:50.032Z',
    finished_at: '2022-05-13T09:47:20.697Z',
    committed_at: null,
    duration: 30,
    queued_duration: 10,
    coverage: null,
    detailed_status: {
      icon: 'status_failed',
      text: 'failed',
      label: 'failed',
      group: 'failed',
      tooltip: 'failed',
      has_details: true,
      details_path: '/marcel.amirault/test-project/-/pipelines/538317940',
      illustration: null,
      favicon:
        '/assets/ci_favicons/favicon_status_failed-41304d7f7e3828808b0c26771f0309e55296819a9beea3ea9fbf6689d9857c12.png',
    },
  },
  diff_refs: {
    base_sha: '1162f719d711319a2efb2a35566f3bfdadee8bab',
    head_sha: 'e82eb4a098e32c796079ca3915e07487fc4db24c',
    start_sha: '1162f719d711319a2efb2a35566f3bfdadee8bab',
  },
  merge_error: null,
  first_contribution: false,
  user: { can_merge: true },
};

/** "Get single merge request commits" response example, verbatim. */
export const mergeRequestCommitsExample = [
  {
    id: 'ed899a2f4b50b4370feeea94676502b42383c746',
    short_id: 'ed899a2f4b5',
    title: 'Replace sanitize with escape once',
    author_name: 'Example User',
    author_email: 'user@example.com',
    authored_date: '2012-09-20T11:50:22+03:00',
    committer_name: 'Example User',
    committer_email: 'user@example.com',
    committed_date: '2012-09-20T11:50:22+03:00',
    created_at: '2012-09-20T11:50:22+03:00',
    message: 'Replace sanitize with escape once',
    trailers: {},
    extended_trailers: {},
    web_url:
      'https://gitlab.example.com/project/-/commit/ed899a2f4b50b4370feeea94676502b42383c746',
  },
  {
    id: '6104942438c14ec7bd21c6cd5bd995272b3faff6',
    short_id: '6104942438c',
    title: 'Sanitize for network graph',
    author_name: 'Example User',
    author_email: 'user@example.com',
    authored_date: '2012-09-20T09:06:12+03:00',
    committer_name: 'Example User',
    committer_email: 'user@example.com',
    committed_date: '2012-09-20T09:06:12+03:00',
    created_at: '2012-09-20T09:06:12+03:00',
    message: 'Sanitize for network graph',
    trailers: {},
    extended_trailers: {},
    web_url:
      'https://gitlab.example.com/project/-/commit/6104942438c14ec7bd21c6cd5bd995272b3faff6',
  },
];

/** "Get single merge request note" response example, verbatim. */
export const mergeRequestNoteExample = {
  id: 301,
  body: 'Comment for MR',
  attachment: null,
  author: {
    id: 1,
    username: 'pipin',
    email: 'admin@example.com',
    name: 'Pip',
    state: 'active',
    created_at: '2013-09-30T13:46:01Z',
  },
  created_at: '2013-10-02T08:57:14Z',
  updated_at: '2013-10-02T08:57:14Z',
  system: false,
  noteable_id: 2,
  noteable_type: 'MergeRequest',
  project_id: 5,
  noteable_iid: 2,
  resolvable: false,
  confidential: false,
  internal: false,
};

/**
 * "List merge request diffs" response example. The documentation renders the
 * hunks' line breaks as `\ `, which is not JSON; they are `\n` here.
 */
export const mergeRequestDiffsExample = [
  {
    old_path: 'README',
    new_path: 'README',
    a_mode: '100644',
    b_mode: '100644',
    diff: '@@ -1 +1 @@\n-Title\n+README',
    new_file: false,
    renamed_file: false,
    deleted_file: false,
    generated_file: false,
  },
  {
    old_path: 'VERSION',
    new_path: 'VERSION',
    a_mode: '100644',
    b_mode: '100644',
    diff: '@@\n-1.9.7\n+1.9.8',
    new_file: false,
    renamed_file: false,
    deleted_file: false,
    generated_file: false,
  },
];
