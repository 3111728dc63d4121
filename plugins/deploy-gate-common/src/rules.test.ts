/*
 * The gate's rules, hand-worked. The component `checkout` has one exhausted objective
 * (checkout-availability, since 2026-01-05T10:00:00Z) and one healthy (checkout-latency
 * at 40% left), so its policy is frozen with 0% left at worst.
 */
import { decide, GateInput, GateRulesConfig, PolicySnapshot } from './rules';

const config: GateRulesConfig = {
  productionEnvironments: ['production', 'prod'],
  noFigures: 'warn',
  appBaseUrl: 'https://portal.example.com/',
};

const frozen: PolicySnapshot = {
  frozen: true,
  since: '2026-01-05T10:00:00Z',
  budgetRemaining: 0,
  stale: false,
  asOf: '2026-01-06T09:00:00Z',
  exhausted: [
    {
      entityRef: 'component:default/checkout',
      objectiveId: 'checkout-availability',
    },
  ],
  objectivesWithFigures: 2,
};

const healthy: PolicySnapshot = {
  ...frozen,
  frozen: false,
  since: undefined,
  budgetRemaining: 0.4,
  exhausted: [],
};

const deploy = (overrides: Partial<GateInput> = {}): GateInput => ({
  entityRef: 'component:default/checkout',
  environment: 'production',
  kind: 'deploy',
  ...overrides,
});

const codes = (outcome: ReturnType<typeof decide>) =>
  outcome.reasons.map(r => r.code);

describe('decide', () => {
  it('denies an ordinary deploy of a frozen component to production, naming the objective', () => {
    const outcome = decide(deploy(), frozen, config);
    expect(outcome.decision).toBe('deny');
    expect(outcome.reasons).toEqual([
      {
        code: 'frozen',
        message:
          'error budget of checkout-availability (component:default/checkout) exhausted since 2026-01-05T10:00:00Z: ordinary deploys to production are frozen',
        objectiveId: 'checkout-availability',
        link: 'https://portal.example.com/catalog/default/component/checkout/slos',
      },
    ]);
    expect(outcome.policy).toEqual({
      frozen: true,
      since: '2026-01-05T10:00:00Z',
      budgetRemaining: 0,
      asOf: '2026-01-06T09:00:00Z',
    });
  });

  it('denies a hotfix too: only rollbacks and remediations pass', () => {
    expect(decide(deploy({ kind: 'hotfix' }), frozen, config).decision).toBe(
      'deny',
    );
  });

  it('compares environments without case', () => {
    expect(
      decide(deploy({ environment: 'PROD' }), frozen, config).decision,
    ).toBe('deny');
  });

  it('lets a rollback pass a freeze', () => {
    const outcome = decide(deploy({ kind: 'rollback' }), frozen, config);
    expect(outcome.decision).toBe('allow');
    expect(codes(outcome)).toEqual(['rollback']);
    expect(outcome.policy.frozen).toBe(true);
  });

  it('lets a remediation of an open incident pass, whatever its kind', () => {
    for (const kind of ['remediation', 'hotfix', 'deploy'] as const) {
      const outcome = decide(
        deploy({
          kind,
          remediates: 'INC-42',
          incident: { state: 'open', openedAt: '2026-01-06T08:00:00Z' },
        }),
        frozen,
        config,
      );
      expect([kind, outcome.decision, codes(outcome)]).toEqual([
        kind,
        'allow',
        ['remediation'],
      ]);
    }
    expect(
      decide(
        deploy({ remediates: 'INC-42', incident: { state: 'open' } }),
        frozen,
        config,
      ).reasons[0].message,
    ).toBe(
      'remediates incident INC-42, open: remediations of an open incident pass a freeze',
    );
  });

  it('gates a remediation of a resolved incident as an ordinary deploy', () => {
    const outcome = decide(
      deploy({
        kind: 'remediation',
        remediates: 'INC-42',
        incident: { state: 'resolved', resolvedAt: '2026-01-06T07:00:00Z' },
      }),
      frozen,
      config,
    );
    expect(outcome.decision).toBe('deny');
    expect(codes(outcome)).toEqual(['remediates-closed', 'frozen']);
    expect(outcome.reasons[0].message).toBe(
      'incident INC-42 was resolved at 2026-01-06T07:00:00Z: only a remediation of an open incident passes a freeze; gated as an ordinary deploy',
    );
    // not frozen: the ordinary deploy is allowed, saying why the claim did not count
    const healthyOutcome = decide(
      deploy({
        remediates: 'INC-42',
        incident: { state: 'resolved', resolvedAt: '2026-01-06T07:00:00Z' },
      }),
      healthy,
      config,
    );
    expect([healthyOutcome.decision, codes(healthyOutcome)]).toEqual([
      'allow',
      ['remediates-closed', 'not-frozen'],
    ]);
  });

  it('gates a remediation of an incident nobody knows as an ordinary deploy', () => {
    const outcome = decide(
      deploy({ remediates: 'INC-404', incident: { state: 'unknown' } }),
      frozen,
      config,
    );
    expect(outcome.decision).toBe('deny');
    expect(codes(outcome)).toEqual(['remediates-unknown', 'frozen']);
    expect(outcome.reasons[0].message).toBe(
      'the delivery backend knows no incident INC-404 of component:default/checkout: gated as an ordinary deploy',
    );
  });

  it('trusts the claim with a warning when the incident could not be checked', () => {
    for (const incident of [{ state: 'unavailable' as const }, undefined]) {
      const outcome = decide(
        deploy({ remediates: 'INC-42', incident }),
        frozen,
        config,
      );
      expect([outcome.decision, codes(outcome)]).toEqual([
        'warn',
        ['remediates-unverified'],
      ]);
    }
  });

  it('does not look at the incident outside production', () => {
    const outcome = decide(
      deploy({
        environment: 'staging',
        remediates: 'INC-42',
        incident: { state: 'unknown' },
      }),
      frozen,
      config,
    );
    expect([outcome.decision, codes(outcome)]).toEqual([
      'allow',
      ['not-production'],
    ]);
  });

  it('gates a remediation that names no incident as an ordinary deploy', () => {
    const outcome = decide(deploy({ kind: 'remediation' }), frozen, config);
    expect(outcome.decision).toBe('deny');
    expect(codes(outcome)).toEqual(['remediation-without-incident', 'frozen']);
  });

  it('does not gate non-production environments', () => {
    const outcome = decide(deploy({ environment: 'staging' }), frozen, config);
    expect(outcome.decision).toBe('allow');
    expect(codes(outcome)).toEqual(['not-production']);
  });

  it('allows a deploy when no budget is exhausted, saying how much is left', () => {
    const outcome = decide(deploy(), healthy, config);
    expect(outcome.decision).toBe('allow');
    expect(outcome.reasons[0].message).toBe(
      'no error budget is exhausted (lowest remaining 40%)',
    );
  });

  it('turns a deny into allow with an override, keeping why it was denied', () => {
    const outcome = decide(
      deploy({
        override: { by: 'user:default/lead', reason: 'security fix CVE-1' },
      }),
      frozen,
      config,
    );
    expect(outcome.decision).toBe('allow');
    expect(codes(outcome)).toEqual(['overridden', 'frozen']);
    expect(outcome.reasons[0].message).toBe(
      'overridden by user:default/lead: security fix CVE-1',
    );
  });

  it('leaves an allow as it is when an override was not needed', () => {
    const outcome = decide(
      deploy({ override: { by: 'user:default/lead', reason: 'just in case' } }),
      healthy,
      config,
    );
    expect(codes(outcome)).toEqual(['not-frozen']);
  });

  it('decides on stale figures as they are, marked stale', () => {
    const outcome = decide(deploy(), { ...frozen, stale: true }, config);
    expect(outcome.decision).toBe('deny');
    expect(codes(outcome)).toEqual(['frozen', 'stale-figures']);
    expect(outcome.policy.stale).toBe(true);
  });

  it('answers deployGate.noFigures when no figures were ever seen', () => {
    expect(decide(deploy(), undefined, config)).toEqual({
      decision: 'warn',
      reasons: [
        {
          code: 'no-figures',
          message:
            'the SLO backend did not answer and no earlier figures are known for component:default/checkout: deployGate.noFigures decides (warn)',
        },
      ],
      policy: { frozen: false },
    });
    expect(
      decide(deploy(), undefined, { ...config, noFigures: 'deny' }).decision,
    ).toBe('deny');
  });

  it('treats a component without objectives with data as having no figures', () => {
    const none = { ...healthy, objectivesWithFigures: 0 };
    const outcome = decide(deploy(), none, { ...config, noFigures: 'allow' });
    expect(outcome.decision).toBe('allow');
    expect(codes(outcome)).toEqual(['no-objectives']);
  });

  it('lets an override pass a warn from missing figures', () => {
    const outcome = decide(
      deploy({ override: { by: 'user:default/lead', reason: 'SLOs down' } }),
      undefined,
      config,
    );
    expect(outcome.decision).toBe('allow');
    expect(codes(outcome)).toEqual(['overridden', 'no-figures']);
  });

  it('links relative to the app when no base URL is configured', () => {
    const outcome = decide(deploy(), frozen, {
      ...config,
      appBaseUrl: undefined,
    });
    expect(outcome.reasons[0].link).toBe(
      '/catalog/default/component/checkout/slos',
    );
  });
});
