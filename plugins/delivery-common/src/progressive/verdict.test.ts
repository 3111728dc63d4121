import {
  DEFAULT_VERDICT_THRESHOLDS,
  deploymentVerdict,
  formatBudgetShare,
  ObjectiveBurn,
  VerdictInput,
} from './verdict';

// Ailing from +1 point of the budget, unhealthy from +4 (the defaults).
const thresholds = DEFAULT_VERDICT_THRESHOLDS;

const objective = (
  objectiveId: string,
  consumedBefore: number | null,
  consumedAfter: number | null,
  lowTraffic?: boolean,
): ObjectiveBurn => ({
  objectiveId,
  consumedBefore,
  consumedAfter,
  ...(lowTraffic ? { lowTraffic } : {}),
});

/** A deployment 2 h in the past: the whole after-span measured. */
const verdictOf = (
  objectives: ObjectiveBurn[],
  extra: Partial<VerdictInput> = {},
) =>
  deploymentVerdict(
    {
      hours: 2,
      burn: { objectives, afterHours: 2 },
      incidentIds: [],
      ...extra,
    },
    thresholds,
  );

describe('deploymentVerdict', () => {
  it('is healthy when the burn after stays below the ailing threshold', () => {
    // 0.8% after - 0.3% before = +0.5 points < +1
    expect(verdictOf([objective('availability', 0.003, 0.008)])).toEqual({
      verdict: 'healthy',
      reasons: [
        'availability burned 0.8% of its error budget in the 2 h after it, 0.3% in the 2 h before (+0.5 points; ailing from +1 points)',
      ],
      objectiveId: 'availability',
      consumedBefore: 0.003,
      consumedAfter: 0.008,
    });
  });

  it('is ailing from +1 point and unhealthy from +4 points, thresholds included', () => {
    // 1.3% - 0.3% = +1 point exactly (0.009999999999999998 in floats): ailing (>=)
    expect(verdictOf([objective('a', 0.003, 0.013)]).verdict).toBe('ailing');
    // 6% - 2% = +4 points exactly (0.039999999999999994 in floats): unhealthy
    const unhealthy = verdictOf([objective('a', 0.02, 0.06)]);
    expect(unhealthy.verdict).toBe('unhealthy');
    expect(unhealthy.reasons).toEqual([
      'a burned 6% of its error budget in the 2 h after it, 2% in the 2 h before (+4 points; unhealthy from +4 points)',
    ]);
    // 0.99% - 0% = +0.99 points: still healthy
    expect(verdictOf([objective('a', 0, 0.0099)]).verdict).toBe('healthy');
    // 3.9% - 0% = +3.9 points: ailing, not unhealthy
    expect(verdictOf([objective('a', 0, 0.039)]).verdict).toBe('ailing');
  });

  it('judges the difference, not the ratio: a quiet service is not "5 times worse"', () => {
    // 0.05% after against 0.01% before is 5 times the burn but +0.04 points: healthy
    expect(verdictOf([objective('a', 0.0001, 0.0005)]).verdict).toBe('healthy');
    // nothing burned before (a ratio would be undefined): +2 points, ailing
    expect(verdictOf([objective('a', 0, 0.02)]).verdict).toBe('ailing');
    // no traffic before counts as nothing burned there: 4.5% -> +4.5 points
    const fresh = verdictOf([objective('a', null, 0.045)]);
    expect(fresh.verdict).toBe('unhealthy');
    expect(fresh.reasons[0]).toBe(
      'a burned 4.5% of its error budget in the 2 h after it, no traffic before (+4.5 points; unhealthy from +4 points)',
    );
    // a burn that dropped after the deployment: 0.5% - 3% = -2.5 points, healthy
    const better = verdictOf([objective('a', 0.03, 0.005)]);
    expect(better.verdict).toBe('healthy');
    expect(better.reasons[0]).toMatch(
      /\(-2\.5 points; ailing from \+1 points\)$/,
    );
  });

  it('takes the objective that burned most beyond its own before', () => {
    // latency: 10% - 9.5% = +0.5; availability: 3% - 0.5% = +2.5 -> ailing on
    // availability, although latency burned the larger share after
    const result = verdictOf([
      objective('latency', 0.095, 0.1),
      objective('availability', 0.005, 0.03),
    ]);
    expect(result).toMatchObject({
      verdict: 'ailing',
      objectiveId: 'availability',
      consumedBefore: 0.005,
      consumedAfter: 0.03,
    });
  });

  it('gives no verdict from a budget with too little traffic', () => {
    // 50% of a tiny budget (a few bad requests): not a verdict
    const quiet = verdictOf([objective('a', 0, 0.5, true)]);
    expect(quiet).toEqual({
      verdict: 'unknown',
      reasons: ['too little traffic for a verdict from the error budget of a'],
      objectiveId: 'a',
      consumedBefore: 0,
      consumedAfter: 0.5,
    });
    // another objective with enough traffic decides: +0.2 points, healthy
    const mixed = verdictOf([
      objective('quiet', 0, 0.5, true),
      objective('busy', 0.001, 0.003),
    ]);
    expect(mixed).toMatchObject({ verdict: 'healthy', objectiveId: 'busy' });
  });

  it('never calls a deployment healthy before its after-span has passed', () => {
    const partial = (after: number) =>
      deploymentVerdict(
        {
          hours: 2,
          burn: {
            objectives: [objective('a', 0.002, after)],
            afterHours: 0.5,
          },
          incidentIds: [],
        },
        thresholds,
      );
    // 0.3% - 0.2% = +0.1 points after half an hour: too early
    expect(partial(0.003)).toMatchObject({
      verdict: 'unknown',
      reasons: [
        'a burned 0.3% of its error budget in the 0.5 h (of 2 h) after it, 0.2% in the 2 h before (+0.1 points): too early to call it healthy',
      ],
    });
    // 5.2% - 0.2% = +5 points in half an hour: already unhealthy
    expect(partial(0.052).verdict).toBe('unhealthy');
  });

  it('is unknown without SLO figures, and says why', () => {
    const none = deploymentVerdict({ hours: 2, incidentIds: [] }, thresholds);
    expect(none).toEqual({
      verdict: 'unknown',
      reasons: ['no SLO figures: the SLO backend did not answer'],
      objectiveId: null,
      consumedBefore: null,
      consumedAfter: null,
    });
    expect(verdictOf([]).reasons).toEqual([
      'no SLO figures: the component has no objective measured by a metric source',
    ]);
    // objectives, but no traffic after the deployment
    expect(verdictOf([objective('a', 0.01, null)])).toMatchObject({
      verdict: 'unknown',
      reasons: ['no SLO figures: no traffic measured in the 2 h after it'],
      objectiveId: null,
    });
  });

  it('is unhealthy when an incident names it, a rollback undid it or its rollout was aborted', () => {
    // a healthy burn does not outweigh the incident; both are said
    expect(
      verdictOf([objective('a', 0.003, 0.004)], { incidentIds: ['INC-7'] }),
    ).toMatchObject({
      verdict: 'unhealthy',
      reasons: [
        'incident INC-7 names it',
        'a burned 0.4% of its error budget in the 2 h after it, 0.3% in the 2 h before (+0.1 points; ailing from +1 points)',
      ],
    });
    // without any SLO figure an incident still decides
    expect(
      deploymentVerdict(
        { hours: 2, incidentIds: ['INC-1', 'INC-2'], rolledBackBy: ['d9'] },
        thresholds,
      ),
    ).toEqual({
      verdict: 'unhealthy',
      reasons: [
        'incident INC-1 names it',
        'incident INC-2 names it',
        'deployment d9 rolled it back',
        'no SLO figures: the SLO backend did not answer',
      ],
      objectiveId: null,
      consumedBefore: null,
      consumedAfter: null,
    });
    expect(
      deploymentVerdict(
        { hours: 2, incidentIds: [], outcome: 'aborted' },
        thresholds,
      ).reasons[0],
    ).toBe('its rollout was aborted');
    // a promoted rollout is judged by its burn
    expect(
      verdictOf([objective('a', 0.003, 0.004)], { outcome: 'promoted' })
        .verdict,
    ).toBe('healthy');
  });

  it('follows thresholds from config', () => {
    // +0.5 points: healthy by default, ailing from +0.2, unhealthy from +0.5
    const strict = { ailingBudgetShare: 0.002, unhealthyBudgetShare: 0.005 };
    const input: VerdictInput = {
      hours: 4,
      burn: { objectives: [objective('a', 0.001, 0.006)], afterHours: 4 },
      incidentIds: [],
    };
    expect(deploymentVerdict(input, thresholds).verdict).toBe('healthy');
    expect(deploymentVerdict(input, strict)).toMatchObject({
      verdict: 'unhealthy',
      reasons: [
        'a burned 0.6% of its error budget in the 4 h after it, 0.1% in the 4 h before (+0.5 points; unhealthy from +0.5 points)',
      ],
    });
  });
});

describe('formatBudgetShare', () => {
  it('shows percentages to two decimals, never a false 0', () => {
    expect(formatBudgetShare(0.0423)).toBe('4.23%');
    // 0.00119047619048 = 0.119...% -> 0.12%
    expect(formatBudgetShare(0.00119047619048)).toBe('0.12%');
    expect(formatBudgetShare(0)).toBe('0%');
    expect(formatBudgetShare(0.00001)).toBe('<0.01%');
    expect(formatBudgetShare(1.5)).toBe('150%');
  });
});
