import { distributionSummary, groupByLevel, nextLevelOf } from './levels';

describe('groupByLevel', () => {
  it('puts checks under their level, in level order, skipping empty levels', () => {
    const levels = [
      { level: 2, name: 'Measured' },
      { level: 1, name: 'Repeatable', description: 'Owned, paged, in CI' },
      { level: 3, name: 'Reliable' },
    ];
    const checks = [
      { id: 'runbook', level: 2 },
      { id: 'owner', level: 1 },
      { id: 'on-call', level: 1 },
    ];
    expect(groupByLevel(checks, levels)).toEqual([
      {
        level: 1,
        name: 'Repeatable',
        description: 'Owned, paged, in CI',
        items: [
          { id: 'owner', level: 1 },
          { id: 'on-call', level: 1 },
        ],
      },
      {
        level: 2,
        name: 'Measured',
        description: undefined,
        items: [{ id: 'runbook', level: 2 }],
      },
    ]);
  });
});

describe('nextLevelOf', () => {
  const levels = [
    { level: 1, name: 'Repeatable' },
    { level: 2, name: 'Measured' },
  ];

  it('is the following level, none at the top or without a level', () => {
    expect(nextLevelOf(0, levels)?.name).toBe('Repeatable');
    expect(nextLevelOf(1, levels)?.name).toBe('Measured');
    expect(nextLevelOf(2, levels)).toBeUndefined();
    expect(nextLevelOf(null, levels)).toBeUndefined();
  });
});

describe('distributionSummary', () => {
  it('names the non-empty levels only', () => {
    expect(distributionSummary([0, 2, 0, 1])).toBe('2 at L1, 1 at L3');
    expect(distributionSummary([0, 0])).toBe('no components');
  });
});
