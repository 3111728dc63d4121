import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { promises as fs } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  createStaticErrorBudgetPolicy,
  createUrlErrorBudgetPolicy,
  readErrorBudgetPolicy,
} from '../policy/errorBudgetPolicy';
import { createCheckErrorBudgetAction } from './checkErrorBudget';
import { createValidateOwnershipAction } from './validateOwnership';
import { createWriteOpenSloAction } from './writeOpenSlo';
import { templateEntities } from '../__testUtils__/entities';

/** The query of one side of the ratio metric of a written SLO document. */
const ratioQuery = (doc: any, side: 'good' | 'total'): string =>
  doc.spec.indicator.spec.ratioMetric[side].metricSource.spec.query;

describe('golden-paths:openslo:write', () => {
  const action = createWriteOpenSloAction();

  it('writes a Service and the availability and latency SLOs of the critical tier', async () => {
    const ctx = createMockActionContext({
      input: { service: 'cart-service', tier: 'critical' },
    });
    await action.handler(ctx as any);

    const text = await fs.readFile(
      path.join(ctx.workspacePath, 'slo/cart-service.yaml'),
      'utf8',
    );
    const docs = parseAllDocuments(text).map(d => d.toJS());
    expect(docs.map(d => `${d.kind}/${d.metadata.name}`)).toEqual([
      'Service/cart-service',
      'SLO/cart-service-availability',
      'SLO/cart-service-latency',
    ]);
    expect(docs[1].spec.objectives).toEqual([
      { displayName: 'Availability', target: 0.9995 },
    ]);
    expect(docs[2].spec.objectives).toEqual([
      { displayName: 'Under 300 ms', target: 0.99 },
    ]);
    // Plain series selectors (the portal's Prometheus source builds the PromQL around
    // them and refuses functions such as sum(rate(...))).
    expect(ratioQuery(docs[2], 'good')).toBe(
      'http_request_duration_seconds_bucket{service="cart-service",le="0.3"}',
    );
    expect(ratioQuery(docs[2], 'total')).toBe(
      'http_request_duration_seconds_count{service="cart-service"}',
    );
    expect(ratioQuery(docs[1], 'good')).toBe(
      'http_requests_total{service="cart-service",code!~"5.."}',
    );
    expect(docs[0].spec).toEqual({
      description: 'cart-service (critical tier)',
    });
    expect(docs[1].spec.timeWindow).toEqual([
      { duration: '28d', isRolling: true },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('path', 'slo/cart-service.yaml');
    expect(ctx.output).toHaveBeenCalledWith('availabilityTarget', 0.9995);
  });

  it('applies overrides to the tier defaults and honours targetPath, also in a dry run', async () => {
    const ctx = {
      ...createMockActionContext({
        input: {
          service: 'search',
          tier: 'experimental',
          latencyThresholdMs: 2000,
          targetPath: './openslo.yaml',
        },
      }),
      isDryRun: true,
    };
    await action.handler(ctx as any);

    const docs = parseAllDocuments(
      await fs.readFile(path.join(ctx.workspacePath, 'openslo.yaml'), 'utf8'),
    ).map(d => d.toJS());
    expect(docs[1].spec.objectives[0].target).toBe(0.99);
    expect(docs[2].spec.objectives).toEqual([
      { displayName: 'Under 2000 ms', target: 0.9 },
    ]);
    // 2 s is a whole number of seconds: le="2" on Prometheus 2, le="2.0" on 3.
    expect(ratioQuery(docs[2], 'good')).toBe(
      'http_request_duration_seconds_bucket{service="search",le=~"2|2.0"}',
    );
    expect(ctx.output).toHaveBeenCalledWith('path', 'openslo.yaml');
  });

  it('refuses a targetPath outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: { service: 'x', tier: 'standard', targetPath: '../escape.yaml' },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'golden-paths:openslo:write: targetPath "../escape.yaml" points outside the workspace',
    );
  });
});

describe('golden-paths:catalog:validate-ownership', () => {
  const catalog = catalogServiceMock({ entities: templateEntities });
  const action = createValidateOwnershipAction({ catalog });

  it('outputs the full refs of an existing owner and system', async () => {
    const ctx = createMockActionContext({
      input: { owner: 'team-checkout', system: 'order-management' },
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'ownerRef',
      'group:default/team-checkout',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'systemRef',
      'system:default/order-management',
    );
  });

  it('names every missing entity', async () => {
    const ctx = createMockActionContext({
      input: { owner: 'group:default/team-ghost', system: 'nowhere' },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'golden-paths:catalog:validate-ownership: not in the catalog: group:default/team-ghost, system:default/nowhere.',
    );
  });

  it('refuses an owner that is neither a group nor a user', async () => {
    const ctx = createMockActionContext({
      input: { owner: 'system:default/order-management' },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'owner system:default/order-management must be a group or a user',
    );
  });
});

describe('golden-paths:policy:check-error-budget', () => {
  it('refuses a frozen system and lets another through', async () => {
    const action = createCheckErrorBudgetAction({
      policy: createStaticErrorBudgetPolicy(['order-management']),
    });

    const frozen = createMockActionContext({
      input: { system: 'system:default/order-management' },
    });
    await expect(action.handler(frozen as any)).rejects.toThrow(
      'golden-paths:policy:check-error-budget: system:default/order-management has a frozen error budget policy (listed in goldenPaths.errorBudgetPolicy.frozenSystems)',
    );

    const open = createMockActionContext({ input: { system: 'storefront' } });
    await action.handler(open as any);
    expect(open.output).toHaveBeenCalledWith('frozen', false);
  });

  it('passes every system when no policy is configured', async () => {
    const action = createCheckErrorBudgetAction({
      policy: readErrorBudgetPolicy(mockServices.rootConfig()),
    });
    const ctx = createMockActionContext({ input: { system: 'anything' } });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('frozen', false);
  });

  describe('asking a policy URL', () => {
    let server: Server;
    let baseUrl: string;
    const asked: string[] = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        asked.push(`${req.url} ${req.headers.authorization}`);
        const system = new URL(req.url!, 'http://x').searchParams.get('system');
        if (system === 'system:default/broken') {
          res.statusCode = 503;
          res.end();
          return;
        }
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify(
            system === 'system:default/order-management'
              ? { frozen: true, reason: 'budget exhausted on 2026-01-05' }
              : { frozen: false },
          ),
        );
      });
      await new Promise<void>(resolve => server.listen(0, resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise(resolve => server.close(resolve)));

    it('refuses when the URL says frozen, passes when not, fails closed on errors', async () => {
      const action = createCheckErrorBudgetAction({
        policy: readErrorBudgetPolicy(
          mockServices.rootConfig({
            data: {
              goldenPaths: {
                errorBudgetPolicy: {
                  url: `${baseUrl}/policy`,
                  token: 'secret-1',
                },
              },
            },
          }),
        ),
      });

      await expect(
        action.handler(
          createMockActionContext({
            input: { system: 'order-management' },
          }) as any,
        ),
      ).rejects.toThrow(
        'system:default/order-management has a frozen error budget policy (budget exhausted on 2026-01-05)',
      );

      const open = createMockActionContext({ input: { system: 'storefront' } });
      await action.handler(open as any);
      expect(open.output).toHaveBeenCalledWith('frozen', false);

      await expect(
        action.handler(
          createMockActionContext({ input: { system: 'broken' } }) as any,
        ),
      ).rejects.toThrow(
        `could not read the error budget policy of system:default/broken, refusing the run: Error: error budget policy at ${baseUrl}/policy?system=system%3Adefault%2Fbroken answered 503`,
      );

      expect(asked).toEqual([
        '/policy?system=system%3Adefault%2Forder-management Bearer secret-1',
        '/policy?system=system%3Adefault%2Fstorefront Bearer secret-1',
        '/policy?system=system%3Adefault%2Fbroken Bearer secret-1',
      ]);
    });

    it('rejects an answer of another shape', async () => {
      const policy = createUrlErrorBudgetPolicy({
        url: 'http://policy.test/check',
        fetchFn: async () => new Response(JSON.stringify({ status: 'frozen' })),
      });
      await expect(policy.getDecision('system:default/a')).rejects.toThrow(
        'answered an unexpected shape',
      );
    });
  });

  it('refuses to start with an invalid URL in config', () => {
    expect(() =>
      readErrorBudgetPolicy(
        mockServices.rootConfig({
          data: { goldenPaths: { errorBudgetPolicy: { url: 'not a url' } } },
        }),
      ),
    ).toThrow(
      'goldenPaths.errorBudgetPolicy.url is not a valid URL: "not a url"',
    );
  });
});
