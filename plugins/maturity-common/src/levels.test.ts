import { evaluateComponent, rollup } from './levels';
import { defaultRubric, parseRubric, ratesComponentType } from './rubric';
import { matureFacts } from './testFacts';

const NOW = '2026-12-01T00:00:00Z';

const statuses = (facts = matureFacts()) =>
  Object.fromEntries(
    evaluateComponent(defaultRubric, facts, NOW).checks.map(c => [
      c.id,
      c.status,
    ]),
  );

describe('default rubric', () => {
  it('puts a component passing everything at level 4, Continuous', () => {
    const maturity = evaluateComponent(defaultRubric, matureFacts(), NOW);
    expect(maturity).toMatchObject({
      level: 4,
      levelName: 'Continuous',
      nextLevel: undefined,
      nextSteps: [],
    });
    expect(new Set(Object.values(statuses()))).toEqual(new Set(['pass']));
  });

  it('answers unknown, never fail, for every check of a domain that could not be asked', () => {
    const facts = matureFacts();
    delete facts.delivery;
    delete facts.slo;
    const s = statuses(facts);
    expect(s).toMatchObject({
      'ci-deployments': 'unknown',
      'delivery-history': 'unknown',
      'slo-source': 'unknown',
      'slo-alerts': 'unknown',
      'slos-met': 'unknown',
      'change-failure-rate': 'unknown',
      'recovery-time': 'unknown',
      gitops: 'unknown',
      'deploys-daily': 'unknown',
      'lead-time-day': 'unknown',
    });
    // Still tested and scanned by the golden path's pipeline.
    expect(s['tests-before-production']).toBe('pass');
    const maturity = evaluateComponent(defaultRubric, facts, NOW);
    // Level 1 needs CI-reported deployments: unknown holds it at 0, listed as unknown.
    expect(maturity.level).toBe(0);
    expect(maturity.nextSteps.map(c => [c.id, c.status])).toEqual([
      ['ci-deployments', 'unknown'],
    ]);
  });

  it('lists the next level’s failing checks first, heaviest first, then unknown ones', () => {
    const facts = matureFacts();
    // Level 3 breaks: the golden path is a major version behind (weight 1), the
    // change failure rate is low (weight 2) and SLO periods lack data (weight 3).
    facts.goldenPath!.drift = 'major';
    facts.goldenPath!.version = '0.9.0';
    facts.delivery!.changeFailureRate = { ratio: 0.3, band: 'low' };
    facts.slo!.objectives[0].periodsMet = [true, null];
    const maturity = evaluateComponent(defaultRubric, facts, NOW);
    expect(maturity.level).toBe(2);
    expect(maturity.nextLevel).toBe(3);
    expect(maturity.nextSteps.map(c => [c.id, c.status, c.evidence])).toEqual([
      ['change-failure-rate', 'fail', 'change failure rate 30% (low)'],
      [
        'golden-path',
        'fail',
        'node-service 0.9.0, latest 1.2.0 (major behind)',
      ],
      ['slos-met', 'unknown', 'fewer than 2 complete periods with data'],
    ]);
  });

  it('does not apply recovery without failures, nor the golden path to a hand-made service', () => {
    const facts = matureFacts();
    facts.delivery!.recovery = {
      failures: 0,
      unrecovered: 0,
      medianHours: null,
      band: 'unknown',
    };
    facts.goldenPath = {};
    delete facts.progressiveDelivery;
    expect(statuses(facts)).toMatchObject({
      'recovery-time': 'not-applicable',
      'golden-path': 'not-applicable',
      'progressive-delivery': 'not-applicable',
    });
    expect(evaluateComponent(defaultRubric, facts, NOW).level).toBe(4);
  });

  it('answers unknown, not "not applicable", when the progressive delivery provider has no facts', () => {
    const facts = matureFacts();
    delete facts.progressiveDelivery;
    facts.unavailable = ['progressiveDelivery'];
    const check = evaluateComponent(defaultRubric, facts, NOW).checks.find(
      c => c.id === 'progressive-delivery',
    );
    expect(check).toMatchObject({
      status: 'unknown',
      evidence: 'progressive delivery facts could not be collected',
    });
  });

  it('measures history in whole days since the data starts', () => {
    const facts = matureFacts();
    // 2026-09-02T12:00Z to 2026-12-01T00:00Z: 89.5 days, 89 whole days.
    facts.delivery!.dataSince = '2026-09-02T12:00:00Z';
    const check = evaluateComponent(defaultRubric, facts, NOW).checks.find(
      c => c.id === 'delivery-history',
    );
    expect(check).toMatchObject({
      status: 'fail',
      figure: 89,
      threshold: 90,
      evidence: 'delivery data for 89 days',
    });
  });

  it('fails a failed deployment never recovered, with the count as evidence', () => {
    const facts = matureFacts();
    facts.delivery!.recovery = {
      failures: 2,
      unrecovered: 2,
      medianHours: null,
      band: 'unknown',
    };
    expect(
      evaluateComponent(defaultRubric, facts, NOW).checks.find(
        c => c.id === 'recovery-time',
      ),
    ).toMatchObject({
      status: 'fail',
      evidence: '2 of 2 failed deployments not recovered',
    });
  });

  it('withholds deploy frequency at zero deployments (no source and no deploys look alike)', () => {
    const facts = matureFacts();
    facts.delivery!.productionDeployments = 0;
    facts.delivery!.deploymentsPerDay = 0;
    expect(statuses(facts)['deploys-daily']).toBe('unknown');
  });
});

describe('each default check fails on evidence, with the evidence', () => {
  const checkOf = (facts: ReturnType<typeof matureFacts>, id: string) =>
    evaluateComponent(defaultRubric, facts, NOW).checks.find(c => c.id === id)!;

  it.each([
    [
      'owner',
      (f: ReturnType<typeof matureFacts>) => delete f.catalog.owner,
      'no spec.owner in the catalog',
    ],
    [
      'on-call',
      (f: ReturnType<typeof matureFacts>) => (f.catalog.annotations = {}),
      'none of pagerduty.com/service-id, pagerduty.com/integration-key, opsgenie.com/component-selector, opsgenie.com/team is set',
    ],
    [
      'ci-deployments',
      // Only Argo CD reports: not a CI tool.
      (f: ReturnType<typeof matureFacts>) =>
        (f.delivery!.deploymentsBySource = { argocd: 5 }),
      '0 deployments reported by github or gitlab or jenkins in 90 days',
    ],
    [
      'runbook',
      (f: ReturnType<typeof matureFacts>) =>
        (f.catalog.links = [{ url: 'https://x.example', title: 'Dashboard' }]),
      'no catalog link titled or typed "runbook"',
    ],
    [
      'slo-source',
      (f: ReturnType<typeof matureFacts>) =>
        (f.slo!.objectives[0].hasMetricSource = false),
      '0 of 1 SLOs have a metric source',
    ],
    [
      'slo-alerts',
      (f: ReturnType<typeof matureFacts>) =>
        (f.slo!.objectives[0].alerting = false),
      '0 of 1 measured SLOs alert on burn rate',
    ],
    [
      'tests-before-production',
      (f: ReturnType<typeof matureFacts>) => {
        f.goldenPath!.testsAndScansBeforeProduction = false;
        f.delivery!.preProductionDeployments = 0;
      },
      '100 production deployments, none to a pre-production environment',
    ],
    [
      'slos-met',
      (f: ReturnType<typeof matureFacts>) =>
        (f.slo!.objectives[0].periodsMet = [true, false]),
      'missed in the last 2 periods: availability',
    ],
    [
      'gitops',
      (f: ReturnType<typeof matureFacts>) =>
        (f.delivery!.deploymentsBySource = { github: 120 }),
      '0 deployments reported by argocd in 90 days',
    ],
    [
      'deploys-daily',
      // 45 deployments in 90 days: 0.5 a day.
      (f: ReturnType<typeof matureFacts>) =>
        (f.delivery!.deploymentsPerDay = 45 / 90),
      '0.5 deployments per day',
    ],
    [
      'lead-time-day',
      (f: ReturnType<typeof matureFacts>) =>
        (f.delivery!.leadTimeMedianHours = 30),
      'median lead time 30 h',
    ],
    [
      'progressive-delivery',
      (f: ReturnType<typeof matureFacts>) =>
        (f.progressiveDelivery = {
          windowDays: 90,
          phasedDeployments: 0,
          flagReleases: 0,
        }),
      '0 phased rollouts and 0 flag releases in 90 days',
    ],
    [
      'deploy-gate',
      (f: ReturnType<typeof matureFacts>) => (f.deployGate!.decisions = 0),
      '0 gate decisions in 30 days',
    ],
    [
      'recovery-time',
      // Median 30 h: medium in the default preset (high is < 24 h).
      (f: ReturnType<typeof matureFacts>) =>
        (f.delivery!.recovery = {
          failures: 3,
          unrecovered: 0,
          medianHours: 30,
          band: 'medium',
        }),
      'recovery in 30 h median (medium)',
    ],
  ])('%s', (id, breakIt, evidence) => {
    const facts = matureFacts();
    breakIt(facts);
    expect(checkOf(facts, id)).toMatchObject({ status: 'fail', evidence });
  });
});

describe('rollup', () => {
  it('pools child teams that differ: the lowest level, the distribution, what holds most back', () => {
    // Child team 1: two level-4 components; child team 2: one at level 2 (its golden
    // path is a major behind) and one at level 1 (no runbook, no SLO source).
    const level4 = evaluateComponent(
      defaultRubric,
      matureFacts('component:default/a'),
      NOW,
    );
    const level4b = evaluateComponent(
      defaultRubric,
      matureFacts('component:default/b'),
      NOW,
    );
    const behind = matureFacts('component:default/c');
    behind.goldenPath!.drift = 'major';
    const level2 = evaluateComponent(defaultRubric, behind, NOW);
    const bare = matureFacts('component:default/d');
    bare.catalog.links = [];
    bare.slo = { objectives: [] };
    bare.goldenPath!.drift = 'major';
    const level1 = evaluateComponent(defaultRubric, bare, NOW);
    expect([level4.level, level4b.level, level2.level, level1.level]).toEqual([
      4, 4, 2, 1,
    ]);

    const team = rollup(defaultRubric, [level4, level4b, level2, level1]);
    expect(team.level).toBe(1);
    expect(team.components).toBe(4);
    expect(team.distribution).toEqual([0, 1, 1, 0, 2]);
    // Next level 2 holds back only d: runbook (weight 1), slo-source (3), and
    // slo-alerts is unknown without a measured SLO.
    expect(team.nextSteps.map(s => [s.id, s.holdingBack])).toEqual([
      ['slo-source', 1],
      ['runbook', 1],
      ['slo-alerts', 1],
    ]);
    expect(team.checks.find(c => c.id === 'golden-path')?.counts).toEqual({
      pass: 2,
      fail: 2,
      'not-applicable': 0,
      unknown: 0,
    });
  });

  it('gives a team owning nothing no level rather than level 0', () => {
    expect(rollup(defaultRubric, [])).toMatchObject({
      components: 0,
      level: null,
      nextSteps: [],
    });
  });
});

describe('parseRubric', () => {
  it('names every bad field', () => {
    expect(() =>
      parseRubric({
        name: 'x',
        levels: [{ level: 2, name: 'Two' }],
        checks: [
          {
            id: 'a',
            title: 'A',
            pillar: 'automation',
            level: 3,
            kind: 'lead-time',
            params: { hours: -1 },
          },
          {
            id: 'a',
            title: 'A',
            pillar: 'automation',
            level: 1,
            kind: 'owner-set',
          },
        ],
      }),
    ).toThrow(
      'Invalid maturity rubric: levels.0.level: levels must be numbered 1, 2, 3... in order; expected 1; ' +
        'checks.0.level: no level 3 in this rubric; ' +
        'checks.0.params.hours: Too small: expected number to be >0; ' +
        'checks.1.id: duplicate check id a',
    );
    expect(() =>
      parseRubric({
        name: 'x',
        levels: [{ level: 1, name: 'One' }],
        checks: [
          { id: 'a', title: 'A', pillar: 'nope', level: 1, kind: 'owner-set' },
        ],
      }),
    ).toThrow(/^Invalid maturity rubric: checks\.0\.pillar: Invalid option/);
  });

  it('rates services and websites by default, not libraries', () => {
    expect(defaultRubric.componentTypes).toEqual(['service', 'website']);
    expect(ratesComponentType(defaultRubric, 'Service')).toBe(true);
    expect(ratesComponentType(defaultRubric, 'library')).toBe(false);
    expect(ratesComponentType(defaultRubric, undefined)).toBe(true);
  });

  it('accepts the default rubric and fills in defaults', () => {
    expect(defaultRubric.levels.map(l => l.name)).toEqual([
      'Repeatable',
      'Measured',
      'Reliable',
      'Continuous',
    ]);
    expect(defaultRubric.checks.find(c => c.id === 'runbook')?.weight).toBe(1);
    // Every pillar of the maturity model has a check.
    expect(new Set(defaultRubric.checks.map(c => c.pillar))).toEqual(
      new Set([
        'collaboration',
        'automation',
        'observability',
        'shift-left',
        'delivery',
        'reliability',
      ]),
    );
  });
});
