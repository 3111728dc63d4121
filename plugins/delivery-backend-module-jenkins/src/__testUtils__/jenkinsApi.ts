/*
 * A fake Jenkins remote access API (`.../api/json?tree=...`) for msw, answering with
 * the shapes Jenkins gives for the tree this module asks for.
 *
 * Sources of the shapes:
 * - https://www.jenkins.io/doc/book/using/remote-access-api/ and the `/api` page of
 *   every Jenkins object (e.g. https://ci.jenkins.io/api/): JSON at `.../api/json`,
 *   the `tree` parameter and its `{M,N}` range specifier ("From the M-th element
 *   (inclusive) to the N-th element (exclusive)"); `allBuilds` lists every build,
 *   `builds` only the newest 100.
 * - Exported properties of a build, https://javadoc.jenkins.io/hudson/model/Run.html
 *   (number, url, displayName, result, building, timestamp, duration, actions) and
 *   https://javadoc.jenkins.io/hudson/model/ParametersAction.html (`parameters` of
 *   `StringParameterValue`/`BooleanParameterValue`: `name`, `value`).
 * - Change logs, https://javadoc.jenkins.io/hudson/scm/ChangeLogSet.Entry.html and
 *   https://javadoc.jenkins.io/plugin/git/hudson/plugins/git/GitChangeSet.html
 *   (commitId, timestamp in epoch ms, msg, author.fullName, authorEmail). Pipeline
 *   runs (`WorkflowRun`) report `changeSets`, freestyle builds `changeSet`, as in
 *   real answers quoted in public repositories, e.g. Apache's Geode-nightly #1308
 *   (https://builds.apache.org/view/All/job/Geode-nightly/1308/api/json, since
 *   retired: a freestyle build, `changeSet` of `hudson.plugins.git.GitChangeSet`).
 * - Causes, https://javadoc.jenkins.io/hudson/model/CauseAction.html and
 *   https://javadoc.jenkins.io/hudson/model/Cause.html: `causes[]` with
 *   `shortDescription` ("Started by user Jane Doe", "Started by timer"), a user's
 *   `userId`/`userName` (`Cause$UserIdCause`), an upstream build's
 *   `upstreamProject`/`upstreamBuild` (`Cause$UpstreamCause`).
 * - Jenkins adds `_class` to every object; an action with none of the requested
 *   properties comes out as `{}` or `{"_class": ...}`. Multibranch branch jobs are
 *   named with `/` encoded (`feature%2Flogin`), which their URL encodes again
 *   (`job/feature%252Flogin`).
 */
import { http, HttpResponse } from 'msw';

export const JENKINS = 'https://jenkins.example.com';
/** A second instance, served under a path as many are. */
export const JENKINS_EU = 'https://jenkins-eu.example.com/ci';

/** Epoch milliseconds of an ISO time. */
export const ms = (iso: string) => Date.parse(iso);

export interface Change {
  commitId: string;
  /** ISO time of the commit. */
  at: string;
  msg: string;
  authorEmail: string;
  fullName: string;
}

/** A `GitChangeSet` with the properties `items[commitId,timestamp,msg,authorEmail,author[fullName]]` selects. */
export const gitChange = (change: Change) => ({
  _class: 'hudson.plugins.git.GitChangeSet',
  commitId: change.commitId,
  timestamp: ms(change.at),
  author: { _class: 'hudson.model.User', fullName: change.fullName },
  authorEmail: change.authorEmail,
  msg: change.msg,
});

export interface BuildSpec {
  /** URL of the job, ending in `/`. */
  jobUrl: string;
  number: number;
  /** null while running. */
  result: 'SUCCESS' | 'FAILURE' | 'UNSTABLE' | 'ABORTED' | 'NOT_BUILT' | null;
  /** ISO start time. */
  startedAt: string;
  /** Milliseconds; 0 while running. */
  duration: number;
  displayName?: string;
  parameters?: Record<string, string | boolean>;
  changes?: Change[];
  /** Why the build started, as `CauseAction.causes` lists it; none by default. */
  causes?: Record<string, string | number>[];
}

/** `Cause$UserIdCause` as Jenkins answers it. */
export const userCause = (userId: string, userName: string) => ({
  _class: 'hudson.model.Cause$UserIdCause',
  shortDescription: `Started by user ${userName}`,
  userId,
  userName,
});

/** `TimerTrigger$TimerTriggerCause` as Jenkins answers it. */
export const timerCause = {
  _class: 'hudson.triggers.TimerTrigger$TimerTriggerCause',
  shortDescription: 'Started by timer',
};

/** `Cause$UpstreamCause` as Jenkins answers it (the tree selects these fields). */
export const upstreamCause = (project: string, build: number) => ({
  _class: 'hudson.model.Cause$UpstreamCause',
  shortDescription: `Started by upstream project "${project}" build number ${build}`,
  upstreamBuild: build,
  upstreamProject: project,
});

function actions(
  parameters?: Record<string, string | boolean>,
  causes?: BuildSpec['causes'],
) {
  return [
    causes
      ? { _class: 'hudson.model.CauseAction', causes }
      : { _class: 'hudson.model.CauseAction' },
    ...(parameters
      ? [
          {
            _class: 'hudson.model.ParametersAction',
            parameters: Object.entries(parameters).map(([name, value]) => ({
              _class:
                typeof value === 'boolean'
                  ? 'hudson.model.BooleanParameterValue'
                  : 'hudson.model.StringParameterValue',
              name,
              value,
            })),
          },
        ]
      : []),
    {},
    { _class: 'org.jenkinsci.plugins.workflow.libs.LibrariesAction' },
    {},
  ];
}

function runFields(spec: BuildSpec) {
  return {
    actions: actions(spec.parameters, spec.causes),
    building: spec.result === null,
    displayName: spec.displayName ?? `#${spec.number}`,
    duration: spec.duration,
    number: spec.number,
    result: spec.result,
    timestamp: ms(spec.startedAt),
    url: `${spec.jobUrl}${spec.number}/`,
  };
}

/** A Pipeline run (`WorkflowRun`), one change log per checkout. */
export const pipelineBuild = (spec: BuildSpec) => ({
  _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
  ...runFields(spec),
  changeSets: spec.changes?.length
    ? [
        {
          _class: 'hudson.plugins.git.GitChangeSetList',
          items: spec.changes.map(gitChange),
        },
      ]
    : [],
});

/** A freestyle build (`FreeStyleBuild`), one change log. */
export const freestyleBuild = (spec: BuildSpec) => ({
  _class: 'hudson.model.FreeStyleBuild',
  ...runFields(spec),
  changeSet: {
    _class: spec.changes?.length
      ? 'hudson.plugins.git.GitChangeSetList'
      : 'hudson.scm.EmptyChangeLogSet',
    items: (spec.changes ?? []).map(gitChange),
  },
});

/** The URL of a job, as Jenkins reports it in `url`. */
export const jobUrl = (baseUrl: string, fullName: string) =>
  `${baseUrl}${fullName
    .split('/')
    .map(segment => `/job/${encodeURIComponent(segment)}`)
    .join('')}/`;

export type FakeItem =
  | { kind: 'job'; class?: string; builds: object[] }
  | { kind: 'folder'; class?: string; children: string[] };

export interface SeenRequest {
  /** Path below the base URL, e.g. `/job/shop/job/main/api/json`. */
  path: string;
  tree: string;
  authorization: string | null;
}

/**
 * Jenkins at `baseUrl` with these items by full name. Requests without the
 * expected `Authorization` header get 401, unknown items 404 (an HTML page, as
 * Jenkins answers). `allBuilds[...]{from,to}` is served as a slice of the builds,
 * newest first; `jobs[...]` lists a folder's items.
 */
export function fakeJenkins(options: {
  baseUrl: string;
  authorization?: string;
  items: Record<string, FakeItem>;
}) {
  const basePath = new URL(options.baseUrl).pathname.replace(/\/$/, '');
  const requests: SeenRequest[] = [];
  const handler = http.get(`${options.baseUrl}/job/*`, ({ request }) => {
    const url = new URL(request.url);
    const path = url.pathname.slice(basePath.length);
    const tree = url.searchParams.get('tree') ?? '';
    const authorization = request.headers.get('authorization');
    requests.push({ path, tree, authorization });
    if (options.authorization && authorization !== options.authorization) {
      return new HttpResponse('Unauthorized', {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="Jenkins"' },
      });
    }
    const match = /^((?:\/job\/[^/]+)+)\/api\/json$/.exec(path);
    const fullName = match?.[1]
      .split('/job/')
      .filter(Boolean)
      .map(decodeURIComponent)
      .join('/');
    const item = fullName === undefined ? undefined : options.items[fullName];
    if (!item) {
      return new HttpResponse('<html><body>Not Found</body></html>', {
        status: 404,
        headers: { 'content-type': 'text/html;charset=utf-8' },
      });
    }
    const wants = (property: string) =>
      tree.split(/[,[]/).includes(property) || tree.startsWith(property);
    if (item.kind === 'folder') {
      return HttpResponse.json({
        _class:
          item.class ??
          'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject',
        ...(wants('jobs')
          ? {
              jobs: item.children.map(name => ({
                _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
                name,
                fullName: `${fullName}/${name}`,
              })),
            }
          : {}),
      });
    }
    const range = /allBuilds\[.*\]\{(\d+),(\d+)\}$/.exec(tree);
    const builds = range
      ? item.builds.slice(Number(range[1]), Number(range[2]))
      : item.builds;
    return HttpResponse.json({
      _class: item.class ?? 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
      ...(wants('allBuilds') ? { allBuilds: builds } : {}),
    });
  });
  return { handler, requests };
}

/** The `Authorization` header for a user and API token. */
export const basicAuth = (username: string, apiKey: string) =>
  `Basic ${Buffer.from(`${username}:${apiKey}`).toString('base64')}`;
