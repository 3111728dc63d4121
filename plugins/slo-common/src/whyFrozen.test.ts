import {
  BurnDeployment,
  BurnInput,
  biggestBurns,
  explainBurns,
  findBudgetBurns,
} from './whyFrozen';

/*
 * A 10-day window (240 h), 2026-01-01T00:00Z to 2026-01-11T00:00Z, hourly steps.
 * checkout-availability, 99.9% (B = 0.001):
 *   steps ending 01-05 11:00 and 12:00 at 0.99 -> error 0.01 -> burn rate 10 each:
 *     burn 10:00-12:00, 10 * 1 h + 10 * 1 h = 20 h of 240 h -> 1/12 of the budget
 *   13:00 no data (ends the burn); 14:00 at 0.9995 -> rate 0.5, not burning
 *   step ending 01-08 01:00 at 0.998 -> rate 2: burn 00:00-01:00, 2 h / 240 h = 1/120
 * checkout-latency, 99% (B = 0.01):
 *   steps ending 01-09 01:00, 02:00, 03:00 at 0.95 -> rate 5 each:
 *     burn 00:00-03:00, 15 h / 240 h = 1/16
 */
const WINDOW = {
  windowFrom: '2026-01-01T00:00:00.000Z',
  windowTo: '2026-01-11T00:00:00.000Z',
};
const CHECKOUT = 'component:default/checkout';

const availability: BurnInput = {
  entityRef: CHECKOUT,
  objectiveId: 'checkout-availability',
  budget: 0.001,
  ...WINDOW,
  indicatorSeries: [
    { t: '2026-01-05T10:00:00.000Z', value: 1 },
    { t: '2026-01-05T11:00:00.000Z', value: 0.99 },
    { t: '2026-01-05T12:00:00.000Z', value: 0.99 },
    { t: '2026-01-05T13:00:00.000Z', value: null },
    { t: '2026-01-05T14:00:00.000Z', value: 0.9995 },
    { t: '2026-01-08T00:00:00.000Z', value: 1 },
    { t: '2026-01-08T01:00:00.000Z', value: 0.998 },
    { t: '2026-01-08T02:00:00.000Z', value: 1 },
  ],
};

const latency: BurnInput = {
  entityRef: CHECKOUT,
  objectiveId: 'checkout-latency',
  budget: 0.01,
  ...WINDOW,
  indicatorSeries: [
    { t: '2026-01-09T00:00:00.000Z', value: 1 },
    { t: '2026-01-09T01:00:00.000Z', value: 0.95 },
    { t: '2026-01-09T02:00:00.000Z', value: 0.95 },
    { t: '2026-01-09T03:00:00.000Z', value: 0.95 },
  ],
};

describe('findBudgetBurns', () => {
  it('finds each run of steps burning faster than the budget allows', () => {
    expect(findBudgetBurns(availability)).toEqual([
      {
        entityRef: CHECKOUT,
        objectiveId: 'checkout-availability',
        from: '2026-01-05T10:00:00.000Z',
        to: '2026-01-05T12:00:00.000Z',
        consumed: expect.closeTo(1 / 12, 10),
        peakBurnRate: 10,
      },
      {
        entityRef: CHECKOUT,
        objectiveId: 'checkout-availability',
        from: '2026-01-08T00:00:00.000Z',
        to: '2026-01-08T01:00:00.000Z',
        consumed: expect.closeTo(1 / 120, 10),
        peakBurnRate: 2,
      },
    ]);
  });

  it('counts a step as burning only above minBurnRate', () => {
    // rate 0.5 at 14:00 burns when the threshold is 0.4: 0.5 h / 240 h
    const burns = findBudgetBurns(availability, { minBurnRate: 0.4 });
    expect(burns.map(b => [b.from, b.to])).toEqual([
      ['2026-01-05T10:00:00.000Z', '2026-01-05T12:00:00.000Z'],
      ['2026-01-05T13:00:00.000Z', '2026-01-05T14:00:00.000Z'],
      ['2026-01-08T00:00:00.000Z', '2026-01-08T01:00:00.000Z'],
    ]);
    expect(burns[1].consumed).toBeCloseTo(0.5 / 240, 10);
  });

  it('finds nothing without a budget or without data', () => {
    expect(findBudgetBurns({ ...availability, budget: 0 })).toEqual([]);
    expect(
      findBudgetBurns({
        ...availability,
        indicatorSeries: availability.indicatorSeries.map(p => ({
          ...p,
          value: null,
        })),
      }),
    ).toEqual([]);
  });
});

describe('biggestBurns', () => {
  it('ranks the burns of every objective by budget consumed', () => {
    expect(
      biggestBurns([availability, latency]).map(b => [
        b.objectiveId,
        b.from,
        Number(b.consumed.toFixed(6)),
      ]),
    ).toEqual([
      ['checkout-availability', '2026-01-05T10:00:00.000Z', 0.083333],
      ['checkout-latency', '2026-01-09T00:00:00.000Z', 0.0625],
      ['checkout-availability', '2026-01-08T00:00:00.000Z', 0.008333],
    ]);
    expect(biggestBurns([availability, latency], { limit: 1 })).toHaveLength(1);
  });
});

describe('explainBurns', () => {
  const deployment = (
    id: string,
    finishedAt: string,
    more: Partial<BurnDeployment> = {},
  ): BurnDeployment => ({
    id,
    source: 'github',
    environment: 'production',
    status: 'success',
    finishedAt,
    ...more,
  });
  const deployments = [
    // 30 min before the burn: inside the 1 h look-back
    deployment('d1', '2026-01-05T09:30:00Z'),
    // 61 min before: outside
    deployment('d2', '2026-01-05T08:59:00Z'),
    deployment('d3', '2026-01-05T10:30:00Z', { environment: 'staging' }),
    deployment('d4', '2026-01-05T11:00:00Z', {
      environment: 'Prod',
      status: 'failure',
    }),
    deployment('d5', '2026-01-05T11:45:00Z', {
      environment: 'Prod',
      version: '1.4.2',
    }),
  ];
  const options = {
    productionEnvironments: ['production', 'prod'],
    lookbackMs: 3_600_000,
  };

  it('names the successful production deployments in or just before each burn', () => {
    const [first, second] = explainBurns(
      findBudgetBurns(availability),
      deployments,
      options,
    );
    expect(first.deployments.map(d => d.id)).toEqual(['d5', 'd1']);
    expect(first.explanation).toBe(
      'checkout-availability burned 8.3% of its budget from 2026-01-05T10:00:00.000Z to ' +
        '2026-01-05T12:00:00.000Z (peak 10x); production deployments in it or just ' +
        'before it: d5 (1.4.2) at 2026-01-05T11:45:00Z, d1 at 2026-01-05T09:30:00Z',
    );
    expect(second.deployments).toEqual([]);
    expect(second.explanation).toBe(
      'checkout-availability burned 0.8% of its budget from 2026-01-08T00:00:00.000Z to ' +
        '2026-01-08T01:00:00.000Z (peak 2x); no production deployment finished in it ' +
        'or just before it',
    );
  });

  it('says the deployments are unknown when the delivery backend did not answer', () => {
    const [first] = explainBurns(
      findBudgetBurns(availability),
      undefined,
      options,
    );
    expect(first.deployments).toEqual([]);
    expect(first.explanation).toMatch(
      /; deployments unknown: the delivery backend did not answer$/,
    );
  });
});
