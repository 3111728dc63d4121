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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { scheduledTask } from '@internal/backstage-plugin-delivery-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { examplesOf } from './__testUtils__/examples';
import {
  githubHeaders,
  helloWorld,
  PULL_TASK_ID,
  signature,
  useGithubBackend,
} from './__testUtils__/scenario';

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
  const scheduler = mockServices.scheduler.mock();
  const suite = useGithubBackend({
    databaseId: 'SQLITE_3',
    api: github,
    entities: [helloWorld],
    secret: WEBHOOK_SECRET,
    token: GITHUB_TOKEN,
    github: { workflows: [{ name: '.*', environment: 'production' }] },
    scheduler,
    features: [
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => captureLogger(),
      }),
    ],
    config: {
      backend: {
        auth: {
          externalAccess: [
            { type: 'static', options: { token: STATIC_TOKEN, subject: 'ci' } },
          ],
        },
      },
    },
  });

  it('appear in no response and no log line, whatever is asked', async () => {
    const texts: string[] = [];
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${suite.baseUrl}${path}`, init);
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
    const sign = (secret: string, text: string) => signature(text, secret);
    for (const [signed, text] of [
      [sign(WEBHOOK_SECRET, body), body],
      [sign('wrong', body), body],
      [sign(WEBHOOK_SECRET, '{"deployment": 1}'), '{"deployment": 1}'],
      [sign(WEBHOOK_SECRET, 'not json'), 'not json'],
    ]) {
      await call('/api/events/http/github', {
        method: 'POST',
        body: text,
        headers: {
          ...githubHeaders('deployment_status', text, { secret: null }),
          'X-Hub-Signature-256': signed,
        },
      });
    }

    // The scheduled pull, which GitHub refuses (401): logged and reported as the
    // source's last error.
    try {
      await scheduledTask(scheduler, PULL_TASK_ID).fn(
        new AbortController().signal,
      );
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
