import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { PolicyResponse } from '@internal/backstage-plugin-slo-common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createCheckErrorBudgetAction } from '../actions/checkErrorBudget';
import { readErrorBudgetPolicy } from './errorBudgetPolicy';

// A small local HTTP server plays the SLO backend's GET /api/slo/policy, with the
// answers of the contract in slo-common (PolicyResponse).
describe('error budget policy from the SLO backend', () => {
  let server: Server;
  let baseUrl: string;
  const asked: string[] = [];
  const answers: Record<string, { status: number; body: unknown }> = {
    'system:default/order-management': {
      status: 200,
      body: {
        entityRef: 'system:default/order-management',
        frozen: true,
        exhaustedObjectives: [
          'checkout-service-availability',
          'payments-latency',
        ],
        frozenSince: '2026-11-20T08:00:00.000Z',
        reason: 'error budget exhausted',
      } satisfies PolicyResponse,
    },
    'system:default/storefront': {
      status: 200,
      body: {
        entityRef: 'system:default/storefront',
        frozen: false,
        exhaustedObjectives: [],
        frozenSince: null,
        reason: 'every objective has budget left',
      } satisfies PolicyResponse,
    },
    'system:default/broken': { status: 500, body: { error: 'boom' } },
    'system:default/odd': { status: 200, body: { frozen: 'no' } },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      asked.push(
        `${url.pathname} ${url.searchParams.get('entityRef')} ${
          req.headers.authorization ? 'token' : 'no token'
        }`,
      );
      const answer = answers[url.searchParams.get('entityRef') ?? ''] ?? {
        status: 404,
        body: {},
      };
      res.statusCode = answer.status;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  function action(source = 'slo-backend') {
    const discovery = {
      getBaseUrl: async (pluginId: string) => `${baseUrl}/api/${pluginId}`,
      getExternalBaseUrl: async (pluginId: string) =>
        `${baseUrl}/api/${pluginId}`,
    };
    return createCheckErrorBudgetAction({
      policy: readErrorBudgetPolicy(
        mockServices.rootConfig({
          data: { goldenPaths: { errorBudgetPolicy: { source } } },
        }),
        { discovery, auth: mockServices.auth() },
      ),
    });
  }

  const run = (system: string) =>
    action().handler(createMockActionContext({ input: { system } }) as any);

  it('refuses a frozen system with the exhausted objectives and since when', async () => {
    await expect(run('order-management')).rejects.toThrow(
      'golden-paths:policy:check-error-budget: system:default/order-management has a frozen error budget policy ' +
        '(error budget exhausted; exhausted: checkout-service-availability, payments-latency; since 2026-11-20T08:00:00.000Z)',
    );
  });

  it('lets a system with budget left through', async () => {
    const ctx = createMockActionContext({ input: { system: 'storefront' } });
    await action().handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('frozen', false);
  });

  it('fails closed on an error status, another shape or an unknown system', async () => {
    await expect(run('broken')).rejects.toThrow(
      `could not read the error budget policy of system:default/broken, refusing the run: Error: the SLO backend (${baseUrl}/api/slo/policy?entityRef=system%3Adefault%2Fbroken) answered 500`,
    );
    await expect(run('odd')).rejects.toThrow(
      'answered an unexpected shape: entityRef',
    );
    await expect(run('not-in-slo')).rejects.toThrow('answered 404');
  });

  it('asks /api/slo/policy with a service token', () => {
    expect(asked).toContain('/api/slo/policy system:default/storefront token');
  });

  it('fails closed when the SLO backend is down', async () => {
    const closed = createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise(resolve => closed.close(resolve));
    const policy = readErrorBudgetPolicy(
      mockServices.rootConfig({
        data: { goldenPaths: { errorBudgetPolicy: { source: 'slo-backend' } } },
      }),
      {
        discovery: {
          getBaseUrl: async () => `http://127.0.0.1:${port}/api/slo`,
          getExternalBaseUrl: async () => '',
        },
        auth: mockServices.auth(),
      },
    );
    await expect(policy!.getDecision('system:default/a')).rejects.toThrow(
      'fetch failed',
    );
  });

  it('refuses an unknown source name at startup', () => {
    expect(() => action('prometheus')).toThrow(
      'goldenPaths.errorBudgetPolicy.source must be "slo-backend" (or left out), got "prometheus"',
    );
  });
});
