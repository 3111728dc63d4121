/*
 * Secrets never leave the backend: with a webhook secret, a GitHub token and a static
 * external-access token configured, every delivery API route, the webhook (signed,
 * forged, garbage) and a scheduled pull that GitHub refuses are exercised; no response
 * body or header, and no line the backend logs, contains any of the secrets.
 */
import {
  coreServices,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHmac, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { examplesOf } from './__testUtils__/examples';
import { deliveryModuleGithub } from './module';

const githubEventsDist = dirname(
  require.resolve('@backstage/plugin-events-backend-module-github'),
);
const githubEventsModules = [
  'service/eventsModuleGithubWebhook.cjs.js',
  'service/eventsModuleGithubEventRouter.cjs.js',
].map(file => require(join(githubEventsDist, file)).default);

const WEBHOOK_SECRET = 'whsec-Zq81-never-shown';
const GITHUB_TOKEN = 'ghp_SECRETtoken0123456789never';
const STATIC_TOKEN = 'static-ci-token-Kx93-never';
const SECRETS = [WEBHOOK_SECRET, GITHUB_TOKEN, STATIC_TOKEN];

/** Everything any plugin logs, with its metadata and errors spelled out. */
const logged: string[] = [];
function captureLogger(meta: Record<string, unknown> = {}): RootLoggerService {
  const write =
    (level: string) =>
    (message: string, extra?: unknown): void => {
      const detail =
        extra instanceof Error
          ? `${extra.name}: ${extra.message}\n${extra.stack}\n${JSON.stringify(
              extra,
              Object.getOwnPropertyNames(extra),
            )}`
          : JSON.stringify(extra ?? {});
      logged.push(`${level} ${message} ${JSON.stringify(meta)} ${detail}`);
    };
  const logger: LoggerService = {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: childMeta => captureLogger({ ...meta, ...childMeta }),
  };
  return logger as RootLoggerService;
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'hello-world',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'codertocat/hello-world' },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  },
];

// GitHub refuses the token, and echoes what it was sent, as a careless proxy might.
const github = setupServer(
  http.all('https://api.github.com/*', ({ request }) =>
    HttpResponse.json(
      {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        echoed: request.headers.get('authorization')?.length,
      },
      { status: 401 },
    ),
  ),
);

describe('secrets', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;
  const scheduler = mockServices.scheduler.mock();

  beforeAll(async () => {
    github.listen({
      // Only the backends under test are reached for real (loopback); any other
      // host is refused at once, so a test never talks to the internet.
      onUnhandledRequest: (request, print) => {
        const { hostname } = new URL(request.url);
        if (hostname !== 'localhost' && hostname !== '127.0.0.1') print.error();
      },
    });
    const backend = await startTestBackend({
      features: [
        eventsPlugin,
        ...githubEventsModules,
        deliveryPlugin,
        deliveryModuleGithub,
        eventsServiceFactory,
        catalogServiceMock.factory({ entities }),
        scheduler.factory,
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => captureLogger(),
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: STATIC_TOKEN, subject: 'ci' },
                  },
                ],
              },
            },
            events: {
              useEventBus: 'never',
              http: { topics: ['github'] },
              modules: { github: { webhookSecret: WEBHOOK_SECRET } },
            },
            integrations: {
              github: [{ host: 'github.com', token: GITHUB_TOKEN }],
            },
            delivery: {
              github: {
                workflows: [{ name: '.*', environment: 'production' }],
              },
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://localhost:${port}`;
    stop = () => backend.stop();
  }, 60_000);

  afterAll(async () => {
    await stop();
    github.close();
  }, 30_000);

  it('appear in no response and no log line, whatever is asked', async () => {
    const texts: string[] = [];
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${baseUrl}${path}`, init);
      texts.push(
        `${response.status} ${JSON.stringify([
          ...response.headers,
        ])} ${await response.text()}`,
      );
    };
    const user = { Authorization: mockCredentials.user.header() };
    const json = { ...user, 'Content-Type': 'application/json' };
    const window = 'from=2019-05-01T00:00:00Z&to=2019-06-01T00:00:00Z';

    // The webhook: signed, forged, garbage.
    const status = examplesOf('deployment_status')[0];
    const body = JSON.stringify(status);
    const sign = (secret: string, text: string) =>
      `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`;
    for (const [signature, text] of [
      [sign(WEBHOOK_SECRET, body), body],
      [sign('wrong', body), body],
      [sign(WEBHOOK_SECRET, '{"deployment": 1}'), '{"deployment": 1}'],
      [sign(WEBHOOK_SECRET, 'not json'), 'not json'],
    ]) {
      await call('/api/events/http/github', {
        method: 'POST',
        body: text,
        headers: {
          'Content-Type': 'application/json',
          'X-GitHub-Event': 'deployment_status',
          'X-GitHub-Delivery': randomUUID(),
          'X-Hub-Signature-256': signature,
        },
      });
    }

    // The scheduled pull, which GitHub refuses (401): logged and reported as the
    // source's last error.
    const task = scheduler.scheduleTask.mock.calls
      .map(([definition]) => definition)
      .find(definition => definition.id === 'delivery-github-pull');
    try {
      await task!.fn(new AbortController().signal);
    } catch {
      // a failing pull rethrows for the scheduler; its report is what is checked
    }

    // Every delivery route, answered and refused.
    for (const path of [
      '/api/delivery/sources',
      '/api/delivery/unmatched',
      `/api/delivery/dora?entityRef=component:default/hello-world&${window}`,
      `/api/delivery/dora?entityRef=component:default/hello-world&${window}&interval=week`,
      '/api/delivery/deployments?entityRef=component:default/hello-world',
      '/api/delivery/incidents?entityRef=component:default/hello-world',
      `/api/delivery/timeline?entityRef=component:default/hello-world&${window}`,
      `/api/delivery/scorecards?${window}`,
      `/api/delivery/scorecards/entity?entityRef=component:default/hello-world&${window}`,
      '/api/delivery/dora?entityRef=nope',
      '/api/delivery/deployments?entityRef=component:default/unknown',
    ]) {
      await call(path, { headers: user });
      await call(path); // unauthenticated
    }
    await call('/api/delivery/events', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ events: [{ kind: 'deployment' }] }),
    });
    await call('/api/delivery/events', {
      method: 'POST',
      headers: json,
      body: '{"events": [',
    });
    await call('/api/delivery/events', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer wrong',
      },
      body: '{"events": []}',
    });

    // Not vacuous: the pull failure is in the log and in /sources.
    const sources = texts.find(t => t.includes('"source":"github"'));
    expect(sources).toMatch(/401|Bad credentials/);
    expect(logged.join('\n')).toMatch(/401|Bad credentials/);
    expect(texts.length).toBeGreaterThan(25);

    for (const secret of SECRETS) {
      for (const text of [...texts, ...logged]) {
        if (text.includes(secret)) {
          throw new Error(`secret found in: ${text.slice(0, 2000)}`);
        }
      }
    }
  });
});
