import type {
  ComponentSloStatus,
  StatusResponse,
} from '@internal/backstage-plugin-slo-common';
import { budgetsAtRisk } from './budgetsAtRisk';

const component = (
  name: string,
  worstBudgetRemaining: number | null,
  extra: Partial<ComponentSloStatus> = {},
): ComponentSloStatus => ({
  entityRef: `component:default/${name}`,
  state: 'ok',
  objectives: 2,
  worstBudgetRemaining,
  frozen: false,
  ...extra,
});

const rollup = (components: ComponentSloStatus[]): StatusResponse => ({
  entityRef: 'group:default/team',
  state: 'ok',
  frozen: components.some(c => c.frozen),
  components,
});

describe('budgetsAtRisk', () => {
  it('lists frozen components by name and the rest below 25% least left first', () => {
    const result = budgetsAtRisk([
      rollup([
        component('healthy', 0.9),
        component('burning', 0.1, { state: 'warning' }),
        component('frozen-b', -0.2, { frozen: true, state: 'exhausted' }),
        component('almost', 0.249),
        component('frozen-a', 0, { frozen: true, state: 'exhausted' }),
        // Exactly 25% left is not below 25%.
        component('edge', 0.25),
      ]),
    ]);
    expect(result.covered).toBe(6);
    expect(result.frozen.map(c => c.entityRef)).toEqual([
      'component:default/frozen-a',
      'component:default/frozen-b',
    ]);
    // 0.1 < 0.249; frozen ones are listed as frozen, not again as at risk.
    expect(result.atRisk.map(c => c.entityRef)).toEqual([
      'component:default/burning',
      'component:default/almost',
    ]);
    expect(result.unknownBudget).toBe(0);
    expect(result.stale).toBe(false);
  });

  it('never calls a component without figures at risk, nor one without objectives covered', () => {
    const result = budgetsAtRisk([
      rollup([
        component('no-data', null, { state: 'unknown' }),
        component('no-slos', null, { objectives: 0 }),
      ]),
    ]);
    expect(result).toEqual({
      covered: 1,
      frozen: [],
      atRisk: [],
      burning: [],
      unknownBudget: 1,
      stale: false,
    });
  });

  it('lists the components burning faster than the window allows, fastest first', () => {
    const result = budgetsAtRisk([
      rollup([
        component('steady', 0.9, { fastestBurnRate: 1 }),
        component('fast', 0.8, { fastestBurnRate: 14.4 }),
        component('faster-but-frozen', -0.1, {
          frozen: true,
          fastestBurnRate: 20,
        }),
        component('slow-burn', 0.6, { fastestBurnRate: 1.5 }),
        component('no-figure', null, { fastestBurnRate: null }),
      ]),
    ]);
    // 14.4 > 1.5; a rate of exactly 1 spends the budget on time; frozen is listed apart
    expect(result.burning.map(c => c.entityRef)).toEqual([
      'component:default/fast',
      'component:default/slow-burn',
    ]);
  });

  it('counts a component in two roll-ups once and says when figures are stale', () => {
    const shared = component('shared', 0.05, { stale: true });
    const result = budgetsAtRisk([rollup([shared]), rollup([shared])]);
    expect(result.covered).toBe(1);
    expect(result.atRisk).toHaveLength(1);
    expect(result.stale).toBe(true);
  });
});
