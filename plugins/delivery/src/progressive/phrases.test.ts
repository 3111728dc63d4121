import { phaseBurnPhrase, rolloutMarkLabel } from './phrases';

describe('phaseBurnPhrase', () => {
  const step = {
    kind: 'canary-step' as const,
    status: 'succeeded' as const,
    startedAt: '2026-01-06T10:00:00Z',
    finishedAt: '2026-01-06T10:05:00Z',
  };

  it('says at which weight how much budget burned', () => {
    // 0.004 of the budget = 0.4 %; 0.0423 = 4.23 %.
    expect(phaseBurnPhrase(step, 25, 0.004)).toBe(
      'at 25% the budget burned 0.4%',
    );
    expect(phaseBurnPhrase(step, 25, 0.0423)).toBe(
      'at 25% the budget burned 4.23%',
    );
    expect(phaseBurnPhrase({ ...step, kind: 'pause' }, 20, 0.01)).toBe(
      'paused at 20% the budget burned 1%',
    );
    expect(phaseBurnPhrase({ ...step, kind: 'analysis' }, 80, 0)).toBe(
      'analysis at 80% the budget burned 0%',
    );
    // 0.00002 = 0.002 %, below two decimals: never written 0 %.
    expect(phaseBurnPhrase({ ...step, kind: 'promote' }, 100, 0.00002)).toBe(
      'promoted to 100% the budget burned <0.01%',
    );
    expect(phaseBurnPhrase({ ...step, kind: 'switch' }, 100, 0.003)).toBe(
      'at the switch the budget burned 0.3%',
    );
    expect(phaseBurnPhrase({ ...step, kind: 'abort' }, 0, 0.002)).toBe(
      'during the abort the budget burned 0.2%',
    );
  });

  it('says "no SLO figures" rather than 0 % when the burn is unknown', () => {
    expect(phaseBurnPhrase(step, 25, null)).toBe('at 25%: no SLO figures');
    // Not known yet (loading, or the burn could not be read): the lead alone.
    expect(phaseBurnPhrase(step, 25, undefined)).toBe('at 25%');
    expect(phaseBurnPhrase({ ...step, status: 'pending' }, 50, 0.1)).toBe(
      'at 50%: not started',
    );
  });

  it('gives a phase that took no time no burn of its own', () => {
    // The backend measures no interval for it: its null is not "no SLO figures".
    const instant = {
      kind: 'switch' as const,
      status: 'succeeded' as const,
      startedAt: '2026-01-06T14:05:00Z',
      finishedAt: '2026-01-06T14:05:00.000+00:00',
    };
    expect(phaseBurnPhrase(instant, 100, null)).toBe(
      'at the switch: took no time',
    );
  });
});

describe('rolloutMarkLabel', () => {
  it('names the strategy and the outcome', () => {
    expect(rolloutMarkLabel('canary', 'promoted')).toBe('canary · promoted');
    expect(rolloutMarkLabel('blue-green', 'aborted')).toBe(
      'blue-green · aborted',
    );
    expect(rolloutMarkLabel('canary', 'progressing')).toBe(
      'canary · in progress',
    );
  });
});
