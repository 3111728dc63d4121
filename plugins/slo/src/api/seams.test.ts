import {
  planImpactRequests,
  SloDeploymentFlagsClient,
  SloServiceSummariesClient,
  toServiceSloSummary,
} from './seams';
import { formatDeploymentsParam } from './SloClient';
import {
  checkoutStatus,
  deliveryDeployments,
  ENTITY_REF,
  fakeSloApi,
  impactResponse,
  systemStatus,
} from '../testUtils/fixtures';

/** A deployment of another component of the system than the fixtures'. */
const cartDeployment = {
  source: 'github',
  id: 'cart-1',
  entityRef: 'component:default/cart-service',
  environment: 'production',
  startedAt: '2026-01-10T10:00:00.000Z',
};

describe('deployment flags seam (delivery)', () => {
  it('asks /deployment-impact per component, with the finish instants', () => {
    const plans = planImpactRequests('system:default/order-management', [
      ...deliveryDeployments,
      cartDeployment,
    ]);
    expect(plans).toEqual([
      {
        entityRef: ENTITY_REF,
        deployments: [
          { id: 'github/d1', at: '2026-01-14T12:00:00.000Z' },
          { id: 'argocd/sync-7', at: '2026-01-20T00:00:00.000Z' },
          { id: 'github/d0', at: '2026-01-13T09:05:00.000Z' },
        ],
      },
      {
        // Still running or without finish: its start.
        entityRef: 'component:default/cart-service',
        deployments: [{ id: 'github/cart-1', at: '2026-01-10T10:00:00.000Z' }],
      },
    ]);
    expect(formatDeploymentsParam(plans[0].deployments)).toBe(
      'github/d1@2026-01-14T12:00:00.000Z,argocd/sync-7@2026-01-20T00:00:00.000Z,github/d0@2026-01-13T09:05:00.000Z',
    );
  });

  it('splits long lists into chunks', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({
      source: 'github',
      id: `d${i}`,
      environment: 'production',
      startedAt: '2026-01-10T10:00:00.000Z',
    }));
    expect(
      planImpactRequests(ENTITY_REF, many, 2).map(p => p.deployments.length),
    ).toEqual([2, 2, 1]);
  });

  it('flags only deployments made while the budget was exhausted', async () => {
    const sloApi = fakeSloApi();
    const flags = await new SloDeploymentFlagsClient({ sloApi }).getFlags({
      entityRef: ENTITY_REF,
      deployments: deliveryDeployments,
    });
    expect(flags).toEqual({ 'argocd/sync-7': { errorBudgetExhausted: true } });
    expect(sloApi.getDeploymentImpact).toHaveBeenCalledTimes(1);
  });

  it('keeps the flags of components that answered when another fails', async () => {
    const sloApi = fakeSloApi({
      getDeploymentImpact: jest.fn(async ({ entityRef }) => {
        if (entityRef !== ENTITY_REF) throw new Error('no objectives');
        return impactResponse;
      }),
    });
    const flags = await new SloDeploymentFlagsClient({ sloApi }).getFlags({
      entityRef: 'system:default/order-management',
      deployments: [...deliveryDeployments, cartDeployment as any],
    });
    expect(flags).toEqual({ 'argocd/sync-7': { errorBudgetExhausted: true } });
  });

  it('reports the failure when nothing answered', async () => {
    const sloApi = fakeSloApi({
      getDeploymentImpact: jest.fn(async () => {
        throw new Error('SLO backend down');
      }),
    });
    await expect(
      new SloDeploymentFlagsClient({ sloApi }).getFlags({
        entityRef: ENTITY_REF,
        deployments: deliveryDeployments,
      }),
    ).rejects.toThrow('SLO backend down');
  });
});

describe('service SLO seam (scorecards)', () => {
  it('maps /status to a scorecard cell', () => {
    expect(toServiceSloSummary(checkoutStatus)).toEqual({
      status: 'breached',
      errorBudgetRemaining: -0.5,
    });
    const one = (state: any, worst: number | null) => ({
      ...checkoutStatus,
      state,
      components: [
        { ...checkoutStatus.components[0], state, worstBudgetRemaining: worst },
      ],
    });
    expect(toServiceSloSummary(one('ok', 0.6))).toEqual({
      status: 'ok',
      errorBudgetRemaining: 0.6,
    });
    // A paging tier fires, but budget is left: not breached.
    expect(toServiceSloSummary(one('critical', 0.3))?.status).toBe('warning');
    // Nothing known: no made-up figure.
    expect(toServiceSloSummary(one('unknown', null))).toBeUndefined();
    expect(toServiceSloSummary(one('ok', null))).toBeUndefined();
  });

  it('asks /status once per service and leaves out those that fail', async () => {
    const byRef: Record<string, any> = {
      [ENTITY_REF]: checkoutStatus,
      'component:default/cart-service': {
        entityRef: 'component:default/cart-service',
        state: 'ok',
        frozen: false,
        components: [systemStatus.components[0]],
      },
    };
    const sloApi = fakeSloApi({
      getStatus: jest.fn(async ({ entityRef }) => {
        if (!byRef[entityRef]) throw new Error('not found');
        return byRef[entityRef];
      }),
    });
    const summaries = await new SloServiceSummariesClient({
      sloApi,
    }).getSloSummaries([
      ENTITY_REF,
      'component:default/cart-service',
      'component:default/unknown',
      ENTITY_REF,
    ]);
    expect(summaries).toEqual({
      [ENTITY_REF]: { status: 'breached', errorBudgetRemaining: -0.5 },
      'component:default/cart-service': {
        status: 'ok',
        errorBudgetRemaining: 0.82,
      },
    });
    expect(sloApi.getStatus).toHaveBeenCalledTimes(3);
  });
});
