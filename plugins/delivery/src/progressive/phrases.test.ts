import {
  formatBudgetShare,
  phaseBurnPhrase,
  rolloutMarkLabel,
} from './phrases';

describe('formatBudgetShare', () => {
  it('writes a share of the budget in percent, two decimals at most', () => {
    // 0.004 × 100 = 0.4; 0.0423 × 100 = 4.23; 0.00119 × 100 = 0.119 → 0.12.
    expect(formatBudgetShare(0.004)).toBe('0.4%');
    expect(formatBudgetShare(0.0423)).toBe('4.23%');
    expect(formatBudgetShare(0.00119)).toBe('0.12%');
    expect(formatBudgetShare(0.03)).toBe('3%');
    expect(formatBudgetShare(0)).toBe('0%');
    expect(formatBudgetShare(1.2)).toBe('120%');
    // A budget recovering: -0.5 %.
    expect(formatBudgetShare(-0.005)).toBe('-0.5%');
  });

  it('never rounds a real burn down to 0 %', () => {
    // 0.00002 × 100 = 0.002, which two decimals would show as 0.
    expect(formatBudgetShare(0.00002)).toBe('<0.01%');
    expect(formatBudgetShare(-0.00002)).toBe('>-0.01%');
    // 0.0002 × 100 = 0.02: shown.
    expect(formatBudgetShare(0.0002)).toBe('0.02%');
  });
});

describe('phaseBurnPhrase', () => {
  const step = { kind: 'canary-step' as const, status: 'succeeded' as const };

  it('says at which weight how much budget burned', () => {
    expect(phaseBurnPhrase(step, 25, 0.004)).toBe(
      'at 25% the budget burned 0.4%',
    );
    expect(phaseBurnPhrase({ ...step, kind: 'pause' }, 20, 0.01)).toBe(
      'paused at 20% the budget burned 1%',
    );
    expect(phaseBurnPhrase({ ...step, kind: 'analysis' }, 80, 0)).toBe(
      'analysis at 80% the budget burned 0%',
    );
    expect(phaseBurnPhrase({ ...step, kind: 'promote' }, 100, 0.00002)).toBe(
      'promoted to 100% the budget burned <0.01%',
    );
    expect(phaseBurnPhrase({ ...step, kind: 'switch' }, 100, 0.003)).toBe(
      'after the switch the budget burned 0.3%',
    );
    expect(phaseBurnPhrase({ ...step, kind: 'abort' }, 0, 0.002)).toBe(
      'after the abort the budget burned 0.2%',
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
