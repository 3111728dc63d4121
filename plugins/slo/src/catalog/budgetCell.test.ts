import { describeBudgetCell } from './budgetCell';

const status = {
  entityRef: 'component:default/cart',
  state: 'ok' as const,
  objectives: 2,
  worstBudgetRemaining: 0.8,
  frozen: false,
  stale: false,
};

describe('describeBudgetCell', () => {
  it('shows the worst objective budget left', () => {
    // 0.8 of the budget left -> "80%".
    expect(describeBudgetCell(status)).toEqual({
      text: '80%',
      frozen: false,
      stale: false,
      lines: ['Error budget left of the worst of 2 objectives (Healthy)'],
    });
  });

  it('marks a frozen, overspent budget and stale figures', () => {
    // -0.25 -> "-25% (overspent)".
    expect(
      describeBudgetCell({
        ...status,
        state: 'exhausted',
        objectives: 1,
        worstBudgetRemaining: -0.25,
        frozen: true,
        stale: true,
      }),
    ).toEqual({
      text: '-25% (overspent)',
      frozen: true,
      stale: true,
      lines: [
        'Error budget left of the worst of 1 objective (Budget exhausted)',
        'Budget exhausted: the error budget policy freezes deploys',
        'The metric source failed since: these are the last good figures',
      ],
    });
  });

  it('has no figure, and says why, without SLOs or without data', () => {
    expect(describeBudgetCell({ ...status, objectives: 0 }).text).toBeNull();
    const noData = describeBudgetCell({
      ...status,
      state: 'unknown',
      worstBudgetRemaining: null,
    });
    expect(noData.text).toBeNull();
    expect(noData.frozen).toBe(false);
    expect(noData.lines).toEqual([
      '2 objectives, no figures: the metric source answered no data',
    ]);
    expect(describeBudgetCell(null).text).toBeNull();
  });
});
