/*
 * Argo CD API responses for tests, in the shapes Argo CD's swagger defines
 * (https://github.com/argoproj/argo-cd/blob/master/assets/swagger.json: v1alpha1Application,
 * v1alpha1ApplicationList, v1alpha1RevisionHistory, v1alpha1OperationState,
 * v1alpha1SyncOperationResult, v1alpha1RevisionMetadata, sessionSessionResponse,
 * v1alpha1ApplicationTree, v1alpha1ResourceNode, applicationApplicationResourceResponse)
 * and its Go types (pkg/apis/application/v1alpha1/types.go), laid out like a real
 * `GET /api/v1/applications/guestbook` answer for Argo CD's example application
 * (https://github.com/argoproj/argocd-example-apps, guestbook): fields the module
 * does not read are kept so the module is tested against whole answers.
 */
import { http, HttpResponse } from 'msw';

/** v1alpha1OperationInitiator; the fixtures default to the auto-sync policy's. */
export type Initiator = { automated: true } | { username: string };

export interface HistoryEntry {
  id: number;
  revision: string;
  deployStartedAt?: string;
  deployedAt: string;
  initiatedBy?: Initiator;
}

export interface OperationStateOptions {
  phase: 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';
  startedAt: string;
  finishedAt?: string;
  revision: string;
  message?: string;
  initiatedBy?: Initiator;
}

export interface ApplicationOptions {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  project?: string;
  destination: { server?: string; name?: string; namespace: string };
  repoURL?: string;
  path?: string;
  /** A Helm repository source: revisions are chart versions. */
  chart?: string;
  history?: HistoryEntry[];
  operationState?: OperationStateOptions;
  /** Argo Rollouts Rollouts the application manages (in its destination namespace). */
  rollouts?: string[];
}

const GUESTBOOK_REPO = 'https://github.com/argoproj/argocd-example-apps.git';

function source(options: ApplicationOptions) {
  return options.chart
    ? {
        repoURL: options.repoURL ?? 'https://charts.example.com',
        chart: options.chart,
        targetRevision: '1.*',
      }
    : {
        repoURL: options.repoURL ?? GUESTBOOK_REPO,
        path: options.path ?? 'guestbook',
        targetRevision: 'HEAD',
      };
}

function resourceResults(namespace: string, phase: string) {
  return [
    {
      group: '',
      version: 'v1',
      kind: 'Service',
      namespace,
      name: 'guestbook-ui',
      status: phase === 'Failed' ? 'SyncFailed' : 'Synced',
      message: 'service/guestbook-ui configured',
      hookPhase: phase === 'Running' ? 'Running' : phase,
      syncPhase: 'Sync',
    },
    {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace,
      name: 'guestbook-ui',
      status: 'Synced',
      message: 'deployment.apps/guestbook-ui configured',
      hookPhase: phase === 'Running' ? 'Running' : phase,
      syncPhase: 'Sync',
    },
  ];
}

/** A `GET /api/v1/applications/{name}` answer (also an item of the list). */
export function applicationResponse(options: ApplicationOptions) {
  const namespace = options.namespace ?? 'argocd';
  const appSource = source(options);
  const destination = options.destination;
  const state = options.operationState;
  const history = options.history ?? [];
  const latest = history[history.length - 1];
  return {
    metadata: {
      name: options.name,
      namespace,
      uid: 'f959d66b-9ef2-4819-a1f2-f35874b61303',
      resourceVersion: '7277391',
      generation: 23872,
      creationTimestamp: '2024-01-08T16:45:56Z',
      ...(options.labels ? { labels: options.labels } : {}),
      managedFields: [
        {
          manager: 'argocd-server',
          operation: 'Update',
          apiVersion: 'argoproj.io/v1alpha1',
          time: '2024-01-08T16:45:56Z',
        },
        {
          manager: 'argocd-application-controller',
          operation: 'Update',
          apiVersion: 'argoproj.io/v1alpha1',
          time: '2024-05-16T08:02:30Z',
        },
      ],
    },
    spec: {
      source: appSource,
      destination,
      project: options.project ?? 'default',
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    status: {
      resources: [
        ...(options.rollouts ?? []).map(name => ({
          group: 'argoproj.io',
          version: 'v1alpha1',
          kind: 'Rollout',
          namespace: destination.namespace,
          name,
          status: 'Synced',
          health: { status: 'Progressing' },
        })),
        {
          version: 'v1',
          kind: 'Service',
          namespace: destination.namespace,
          name: 'guestbook-ui',
          status: 'Synced',
          health: { status: 'Healthy' },
        },
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: destination.namespace,
          name: 'guestbook-ui',
          status: 'Synced',
          health: { status: 'Healthy' },
        },
      ],
      sync: {
        status: 'Synced',
        comparedTo: { source: appSource, destination },
        revision: latest?.revision ?? state?.revision,
      },
      health: { status: 'Healthy' },
      ...(history.length > 0
        ? {
            history: history.map(entry => ({
              revision: entry.revision,
              ...(entry.deployStartedAt
                ? { deployStartedAt: entry.deployStartedAt }
                : {}),
              deployedAt: entry.deployedAt,
              id: entry.id,
              source: appSource,
              initiatedBy: entry.initiatedBy ?? { automated: true },
            })),
          }
        : {}),
      reconciledAt: '2024-05-16T08:05:00Z',
      ...(state
        ? {
            operationState: {
              operation: {
                sync: { revision: state.revision, syncStrategy: { hook: {} } },
                initiatedBy: state.initiatedBy ?? { automated: true },
                retry: { limit: 5 },
              },
              phase: state.phase,
              message:
                state.message ??
                (state.phase === 'Running'
                  ? 'waiting for completion of hook /Service/guestbook-ui'
                  : 'successfully synced (all tasks run)'),
              syncResult: {
                resources: resourceResults(destination.namespace, state.phase),
                revision: state.revision,
                source: appSource,
              },
              startedAt: state.startedAt,
              ...(state.finishedAt ? { finishedAt: state.finishedAt } : {}),
            },
          }
        : {}),
      sourceType: options.chart ? 'Helm' : 'Directory',
      summary: { images: ['gcr.io/heptio-images/ks-guestbook-demo:0.2'] },
    },
  };
}

/** A `GET /api/v1/applications` answer; Argo CD sends `items: null` for none. */
export function applicationListResponse(
  items: ReturnType<typeof applicationResponse>[],
) {
  return {
    metadata: { resourceVersion: '7277391' },
    items: items.length > 0 ? items : null,
  };
}

/** A `.../revisions/{revision}/metadata` answer (git `%an <%ae>` author, `%at` date). */
export function revisionMetadataResponse(options: {
  author: string;
  date: string;
  message: string;
}) {
  return {
    author: options.author,
    date: options.date,
    tags: null,
    message: options.message,
  };
}

/** The commits the fixtures deploy, as their revision metadata describes them. */
export const commitMetadata = {
  cartBadge: revisionMetadataResponse({
    author: 'Jane Doe <jane@example.com>',
    date: '2024-05-14T08:40:00Z',
    message: 'Add cart badge',
  }),
  checkoutTimeout: revisionMetadataResponse({
    author: 'John Roe <john@example.com>',
    date: '2024-05-15T12:58:20Z',
    message: 'Raise checkout timeout',
  }),
  cardDeclines: revisionMetadataResponse({
    author: 'Jane Doe <jane@example.com>',
    date: '2024-05-09T16:00:00Z',
    message: 'Retry card declines',
  }),
  paymentsV2: revisionMetadataResponse({
    author: 'John Roe <john@example.com>',
    date: '2024-05-16T07:30:00Z',
    message: 'Bump payments to v2',
  }),
};

/** A checkout application's two auto-syncs: `first` on May 14, `second` on May 15. */
export const checkoutHistory = (
  first: string,
  second: string,
): HistoryEntry[] => [
  {
    id: 4,
    revision: first,
    deployStartedAt: '2024-05-14T09:12:03Z',
    deployedAt: '2024-05-14T09:12:41Z',
  },
  {
    id: 5,
    revision: second,
    deployStartedAt: '2024-05-15T13:30:00Z',
    deployedAt: '2024-05-15T13:31:12Z',
  },
];

/** The operation of the May 15 sync of `revision`, succeeded. */
export const checkoutSucceeded = (revision: string): OperationStateOptions => ({
  phase: 'Succeeded',
  startedAt: '2024-05-15T13:30:00Z',
  finishedAt: '2024-05-15T13:31:15Z',
  revision,
});

/**
 * The payments application: `deployed` (if given) synced on May 10, then a sync of
 * `revision` started May 16, failed with `failure` or, without one, still running.
 */
export function paymentsApplication(options: {
  deployed?: string;
  revision: string;
  failure?: string;
  namespace?: string;
  project?: string;
}) {
  const startedAt = '2024-05-16T08:00:00Z';
  return applicationResponse({
    name: 'payments',
    namespace: options.namespace,
    project: options.project,
    destination: { name: 'prod-eu', namespace: 'payments' },
    history: options.deployed
      ? [
          {
            id: 11,
            revision: options.deployed,
            deployStartedAt: '2024-05-10T07:00:00Z',
            deployedAt: '2024-05-10T07:01:00Z',
          },
        ]
      : [],
    operationState:
      options.failure !== undefined
        ? {
            phase: 'Failed',
            startedAt,
            finishedAt: '2024-05-16T08:02:30Z',
            revision: options.revision,
            message: options.failure,
          }
        : { phase: 'Running', startedAt, revision: options.revision },
  });
}

/** Argo CD's error body (a gRPC status), as the gateway writes it. */
export function errorResponse(message: string, code: number) {
  return { error: message, code, message };
}

/**
 * A node of `GET /api/v1/applications/{name}/resource-tree` (v1alpha1ResourceNode):
 * the application's resources and their children, as Argo CD's cache holds them.
 */
export function treeNode(options: {
  group?: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  createdAt: string;
  parent?: { group?: string; kind: string; name: string };
  health?: string;
  info?: { name: string; value: string }[];
}) {
  const uid = (text: string) =>
    `${text.length.toString(16).padStart(8, '0')}-aaaa-4bbb-8ccc-${text
      .split('')
      .reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 0xffffffffffff, 7)
      .toString(16)
      .padStart(12, '0')}`;
  return {
    ...(options.group ? { group: options.group } : {}),
    version: options.version,
    kind: options.kind,
    namespace: options.namespace,
    name: options.name,
    uid: uid(`${options.kind}/${options.name}`),
    ...(options.parent
      ? {
          parentRefs: [
            {
              ...(options.parent.group ? { group: options.parent.group } : {}),
              kind: options.parent.kind,
              namespace: options.namespace,
              name: options.parent.name,
              uid: uid(`${options.parent.kind}/${options.parent.name}`),
            },
          ],
        }
      : {}),
    ...(options.info ? { info: options.info } : {}),
    resourceVersion: '28253567',
    ...(options.health ? { health: { status: options.health } } : {}),
    createdAt: options.createdAt,
  };
}

/**
 * The resource tree of a Rollout: itself, its ReplicaSets (`<rollout>-<pod hash>`,
 * created when each revision began) and its AnalysisRuns, as children of it.
 */
export function rolloutTree(options: {
  namespace: string;
  rollout: string;
  createdAt: string;
  replicaSets: { podHash: string; revision: string; createdAt: string }[];
  analysisRuns?: { name: string; createdAt: string; health: string }[];
}) {
  const parent = {
    group: 'argoproj.io',
    kind: 'Rollout',
    name: options.rollout,
  };
  return [
    treeNode({
      group: 'argoproj.io',
      version: 'v1alpha1',
      kind: 'Rollout',
      namespace: options.namespace,
      name: options.rollout,
      createdAt: options.createdAt,
      health: 'Progressing',
    }),
    ...options.replicaSets.map(rs =>
      treeNode({
        group: 'apps',
        version: 'v1',
        kind: 'ReplicaSet',
        namespace: options.namespace,
        name: `${options.rollout}-${rs.podHash}`,
        createdAt: rs.createdAt,
        parent,
        health: 'Healthy',
        info: [{ name: 'Revision', value: `Rev:${rs.revision}` }],
      }),
    ),
    ...(options.analysisRuns ?? []).map(run =>
      treeNode({
        group: 'argoproj.io',
        version: 'v1alpha1',
        kind: 'AnalysisRun',
        namespace: options.namespace,
        name: run.name,
        createdAt: run.createdAt,
        parent,
        health: run.health,
      }),
    ),
  ];
}

export interface FakeInstance {
  url: string;
  token: string;
  apps: ReturnType<typeof applicationResponse>[];
  /**
   * Per application name: its resource tree's nodes, and the live objects
   * `.../resource` answers, by `<kind>/<namespace>/<name>`.
   */
  resources?: Record<
    string,
    { nodes: ReturnType<typeof treeNode>[]; live: Record<string, unknown> }
  >;
  /** `<app name>@<revision>` → metadata answer. */
  revisions?: Record<string, ReturnType<typeof revisionMetadataResponse>>;
  /** Every request's URL and Authorization header, in order. */
  requests?: { url: string; authorization: string | null }[];
}

/** An Argo CD instance behind a proxy with no healthy upstream: every request a 503. */
export const serveUnavailable = (url: string) =>
  http.all(
    `${url}/*`,
    () =>
      new HttpResponse('no healthy upstream', {
        status: 503,
        statusText: 'Service Unavailable',
      }),
  );

/** Equality requirements only (`a=b,c=d`): enough for the fake to filter like Argo CD. */
function selects(selector: string, labels: Record<string, string> = {}) {
  return selector.split(',').every(requirement => {
    const [key, value] = requirement.split('=').map(part => part.trim());
    return labels[key] === value;
  });
}

/**
 * msw handlers faking one Argo CD server on its real URLs: the application list
 * (filtered by `selector`, `project` and `appNamespace` as Argo CD does), one
 * application (404 with Argo CD's error body when unknown), and revision metadata;
 * all answer 401 without the instance's bearer token.
 */
export function serveArgocd(instance: FakeInstance) {
  const authorized = (request: Request) => {
    instance.requests?.push({
      url: request.url,
      authorization: request.headers.get('authorization'),
    });
    return request.headers.get('authorization') === `Bearer ${instance.token}`;
  };
  const unauthorized = () =>
    HttpResponse.json(errorResponse('no session information', 16), {
      status: 401,
    });
  const find = (name: string, namespace: string | null) =>
    instance.apps.find(
      app =>
        app.metadata.name === name &&
        (!namespace || app.metadata.namespace === namespace),
    );
  return [
    http.get(`${instance.url}/api/v1/applications`, ({ request }) => {
      if (!authorized(request)) return unauthorized();
      const query = new URL(request.url).searchParams;
      const selector = query.get('selector');
      const project = query.get('project');
      const namespace = query.get('appNamespace');
      return HttpResponse.json(
        applicationListResponse(
          instance.apps.filter(
            app =>
              (!selector || selects(selector, app.metadata.labels)) &&
              (!project || app.spec.project === project) &&
              (!namespace || app.metadata.namespace === namespace),
          ),
        ),
      );
    }),
    http.get(
      `${instance.url}/api/v1/applications/:name`,
      ({ request, params }) => {
        if (!authorized(request)) return unauthorized();
        const app = find(
          String(params.name),
          new URL(request.url).searchParams.get('appNamespace'),
        );
        return app
          ? HttpResponse.json(app)
          : HttpResponse.json(
              errorResponse(
                `applications.argoproj.io "${params.name}" not found`,
                5,
              ),
              { status: 404 },
            );
      },
    ),
    http.get(
      `${instance.url}/api/v1/applications/:name/resource-tree`,
      ({ request, params }) => {
        if (!authorized(request)) return unauthorized();
        const resources = instance.resources?.[String(params.name)];
        return HttpResponse.json({ nodes: resources?.nodes ?? [], hosts: [] });
      },
    ),
    http.get(
      `${instance.url}/api/v1/applications/:name/resource`,
      ({ request, params }) => {
        if (!authorized(request)) return unauthorized();
        const query = new URL(request.url).searchParams;
        const key = `${query.get('kind')}/${query.get('namespace')}/${query.get(
          'resourceName',
        )}`;
        const live = instance.resources?.[String(params.name)]?.live[key];
        return live
          ? HttpResponse.json({ manifest: JSON.stringify(live) })
          : HttpResponse.json(
              errorResponse(`${key} not found as part of application`, 5),
              { status: 404 },
            );
      },
    ),
    http.get(
      `${instance.url}/api/v1/applications/:name/revisions/:revision/metadata`,
      ({ request, params }) => {
        if (!authorized(request)) return unauthorized();
        const metadata =
          instance.revisions?.[`${params.name}@${params.revision}`];
        return metadata
          ? HttpResponse.json(metadata)
          : HttpResponse.json(
              errorResponse(`unable to resolve '${params.revision}'`, 2),
              { status: 500 },
            );
      },
    ),
  ];
}
