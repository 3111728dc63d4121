import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  defaultRubric,
  evaluateCheck,
} from '@internal/backstage-plugin-maturity-common';
import { PluginBackendClient } from '@internal/backstage-plugin-maturity-node';
import {
  FakePluginBackend,
  startFakePluginBackend,
} from '@internal/backstage-plugin-maturity-node/testUtils';
import { ProgressiveDeliveryFactProvider } from './ProgressiveDeliveryFactProvider';

/** The delivery backend's answer for a component, progressive counts aside. */
const delivery = {
  dataSince: '2025-12-01T00:00:00.000Z',
  deploymentsBySource: { 'argo-rollouts': 4 },
  productionDeployments: 3,
  preProductionDeployments: 0,
  deploymentsPerDay: 3 / 90,
  leadTimeMedianHours: 4,
  changeFailureRate: { ratio: 1 / 3, band: 'low' },
  recovery: { failures: 1, unrecovered: 0, medianHours: 2, band: 'high' },
};

describe('ProgressiveDeliveryFactProvider', () => {
  let backend: FakePluginBackend;
  beforeAll(async () => {
    const answers: Record<string, unknown> = {
      'component:default/canary': {
        ...delivery,
        phasedDeployments: 3,
        flagReleases: 2,
      },
      'component:default/idle': {
        ...delivery,
        dataSince: null,
        deploymentsBySource: {},
        phasedDeployments: 0,
        flagReleases: 0,
      },
    };
    backend = await startFakePluginBackend('delivery', ({ body }) => ({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      windowDays: 90,
      items: Object.fromEntries(
        (body.entityRefs as string[]).map(ref => [ref, answers[ref] ?? null]),
      ),
    }));
  });
  afterAll(() => backend.stop());
  beforeEach(() => {
    backend.requests.length = 0;
  });

  const provider = () =>
    new ProgressiveDeliveryFactProvider(
      new PluginBackendClient({
        discovery: backend.discovery as any,
        auth: mockServices.auth(),
        pluginId: 'delivery',
      }),
    );
  const collect = (refs: string[]) =>
    provider().collect(refs, {
      credentials: mockCredentials.service(),
      now: new Date(),
    });

  it('asks for the whole batch in one request with a service token, and keeps the progressive counts', async () => {
    const facts = await collect([
      'component:default/canary',
      'component:default/idle',
      'component:default/gone',
    ]);
    expect(backend.requests).toHaveLength(1);
    expect(backend.requests[0]).toMatchObject({
      method: 'POST',
      path: '/component-facts',
      body: {
        entityRefs: [
          'component:default/canary',
          'component:default/idle',
          'component:default/gone',
        ],
      },
      authorization: expect.stringMatching(/^Bearer /),
    });
    expect(facts.get('component:default/canary')).toEqual({
      windowDays: 90,
      phasedDeployments: 3,
      flagReleases: 2,
    });
    // Answered with nothing progressive: zeros, not missing facts.
    expect(facts.get('component:default/idle')).toEqual({
      windowDays: 90,
      phasedDeployments: 0,
      flagReleases: 0,
    });
    // null in the answer: no facts for it
    expect(facts.has('component:default/gone')).toBe(false);
    expect([...facts.keys()]).toHaveLength(2);
  });

  it('gives the rubric check evidence: pass with rollouts or releases, fail with none', async () => {
    const facts = await collect([
      'component:default/canary',
      'component:default/idle',
    ]);
    const check = defaultRubric.checks.find(
      c => c.kind === 'progressive-delivery',
    )!;
    const evaluate = (ref: string) =>
      evaluateCheck(
        check,
        {
          entityRef: ref,
          catalog: { annotations: {}, links: [] },
          progressiveDelivery: facts.get(ref),
        },
        '2026-04-01T00:00:00.000Z',
      );
    // 3 + 2 = 5 uses, at least 1 needed
    expect(evaluate('component:default/canary')).toMatchObject({
      status: 'pass',
      figure: 5,
      evidence: '3 phased rollouts and 2 flag releases in 90 days',
    });
    // 0 + 0: the backend answered, so a fail with evidence, not unknown
    expect(evaluate('component:default/idle')).toMatchObject({
      status: 'fail',
      figure: 0,
      evidence: '0 phased rollouts and 0 flag releases in 90 days',
    });
  });

  it('throws when the delivery backend is down, so the last good facts are kept', async () => {
    backend.state.mode = 'error';
    await expect(collect(['component:default/canary'])).rejects.toThrow(/503/);
    backend.state.mode = 'up';
  });
});
