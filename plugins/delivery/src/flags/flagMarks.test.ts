import { flagChanges } from '../testUtils/progressive';
import { describeFlag, flagMarks, flagMarkTitle, turnsOff } from './flagMarks';

const dayStart = Date.parse('2026-01-06T00:00:00.000Z');
// 24 h over 240 px: 10 px an hour, 1 px every 6 minutes.
const x = (ms: number) => ((ms - dayStart) / 86_400_000) * 240;
const production = flagChanges.filter(f => f.environment === 'production');

describe('flagMarks', () => {
  it('places each change at its instant when they are apart', () => {
    // 15:00 → 150 px, 15:30 → 155 px, 16:20 → 163.3 px; with 2 px cells each has its own.
    const marks = flagMarks(production, x, 2);
    expect(marks.map(m => [m.key, Math.round(m.x * 10) / 10, m.off])).toEqual([
      ['unleash/f1', 150, false],
      ['unleash/f2', 155, false],
      ['unleash/f4', 163.3, true],
    ]);
  });

  it('shares one mark between changes in the same cell, at the first of them', () => {
    // 16 px cells: 150 / 16 = 9.4 and 155 / 16 = 9.7 share cell 9; 163.3 / 16 = 10.2.
    const marks = flagMarks(production, x, 16);
    expect(marks.map(m => [m.x, m.flags.map(f => f.id), m.off])).toEqual([
      [150, ['f1', 'f2'], false],
      [x(Date.parse('2026-01-06T16:20:00Z')), ['f4'], true],
    ]);
  });

  it('orders the changes by time whatever order they came in', () => {
    const marks = flagMarks([...production].reverse(), x, 2);
    expect(marks.map(m => m.flags[0].id)).toEqual(['f1', 'f2', 'f4']);
  });
});

describe('turnsOff', () => {
  it('reads a change leaving the flag at 0 % as off (a hollow mark)', () => {
    expect(turnsOff({ action: 'off' })).toBe(true);
    expect(turnsOff({ action: 'rollout', percentage: 0 })).toBe(true);
    expect(turnsOff({ action: 'rollout', percentage: 10 })).toBe(false);
    expect(turnsOff({ action: 'on', percentage: 0 })).toBe(true);
    expect(turnsOff({ action: 'on' })).toBe(false);
    // Targeting without a share keeps what was served: not off.
    expect(turnsOff({ action: 'targeting' })).toBe(false);
  });
});

describe('describeFlag and flagMarkTitle', () => {
  it('says what changed, to which share and by whom', () => {
    expect(flagChanges.map(describeFlag)).toEqual([
      'new-cart rolled out to 10% by alice',
      'new-cart rolled out to 50%',
      'dark-mode targeting changed',
      'new-cart turned off by bob',
    ]);
    expect(
      describeFlag({ ...flagChanges[0], action: 'on', percentage: undefined }),
    ).toBe('new-cart turned on by alice');
    expect(
      describeFlag({ ...flagChanges[0], action: 'targeting', percentage: 30 }),
    ).toBe('new-cart targeting changed at 30% by alice');
  });

  it('lists at most a few changes of a mark, with their links', () => {
    const [mark] = flagMarks(production, x, 1000);
    const title = flagMarkTitle(mark, 2);
    expect(title.split('\n')[0]).toBe('Flag changes in production');
    expect(title).toContain('new-cart rolled out to 10% by alice');
    expect(title).toContain(
      'https://unleash.example.com/projects/default/features/new-cart',
    );
    expect(title).not.toContain('turned off');
    expect(title.split('\n').pop()).toBe('and 1 more');
  });
});
