import { flagChanges } from '../testUtils/progressive';
import {
  describeFlag,
  flagMarks,
  flagMarkTitle,
  releases,
  turnsOff,
} from './flagMarks';

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

describe('turnsOff and releases', () => {
  it('reads off and a rollout to 0 % as off, on and a rollout above 0 % as a release', () => {
    expect(turnsOff({ action: 'off' })).toBe(true);
    expect(turnsOff({ action: 'rollout', percentage: 0 })).toBe(true);
    expect(turnsOff({ action: 'rollout', percentage: 10 })).toBe(false);
    expect(releases({ action: 'on' })).toBe(true);
    expect(releases({ action: 'rollout', percentage: 10 })).toBe(true);
    expect(releases({ action: 'rollout', percentage: 0 })).toBe(false);
    expect(releases({ action: 'targeting' })).toBe(false);
  });
});

describe('describeFlag and flagMarkTitle', () => {
  it('says what changed, to which share and by whom', () => {
    expect(flagChanges.map(describeFlag)).toEqual([
      'new-cart turned on by alice',
      'new-cart rolled out to 50%',
      'dark-mode targeting changed',
      'new-cart turned off by bob',
    ]);
  });

  it('lists at most a few changes of a mark, with their links', () => {
    const [mark] = flagMarks(production, x, 1000);
    const title = flagMarkTitle(mark, 2);
    expect(title.split('\n')[0]).toBe('Flag changes in production');
    expect(title).toContain('new-cart turned on by alice');
    expect(title).toContain(
      'https://unleash.example.com/projects/default/features/new-cart',
    );
    expect(title).not.toContain('turned off');
    expect(title.split('\n').pop()).toBe('and 1 more');
  });
});
