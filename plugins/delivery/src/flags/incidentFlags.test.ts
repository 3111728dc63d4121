import { formatDuration } from '../chart/model';
import { flagChanges, flagIncident } from '../testUtils/progressive';
import { flagOffset, incidentFlags, incidentFlagWindow } from './incidentFlags';

const isProduction = (environment: string) => environment === 'production';
const NOW = Date.parse('2026-01-07T00:00:00Z');

describe('incidentFlags', () => {
  it('finds a flag released just before an incident and turned off during it', () => {
    // Incident 16:00–16:40; 2 h before: from 14:00. new-cart on 15:00, 50 % 15:30
    // (before), off 16:20 (during). dark-mode changed in staging: left out.
    const around = incidentFlags(flagIncident, flagChanges, {
      now: NOW,
      isProduction,
    });
    expect(around.before.map(f => f.id)).toEqual(['f1', 'f2']);
    expect(around.turnedOffDuring.map(f => f.id)).toEqual(['f4']);
    expect(around.releasedAndRolledBack).toEqual([
      { flagKey: 'new-cart', environment: 'production' },
    ]);
  });

  it('keeps to the span before it and to its end', () => {
    // 30 min before 16:00 is 15:30: the 15:30 change counts (from inclusive), 15:00 not.
    const short = incidentFlags(flagIncident, flagChanges, {
      now: NOW,
      isProduction,
      beforeMs: 30 * 60_000,
    });
    expect(short.before.map(f => f.id)).toEqual(['f2']);
    // Resolved at 16:10: the 16:20 off came after it.
    const early = incidentFlags(
      { ...flagIncident, resolvedAt: '2026-01-06T16:10:00Z' },
      flagChanges,
      { now: NOW, isProduction },
    );
    expect(early.turnedOffDuring).toEqual([]);
    expect(early.releasedAndRolledBack).toEqual([]);
  });

  it('counts an open incident up to now, and a rollout to 0 % as turning off', () => {
    const open = { ...flagIncident, resolvedAt: undefined };
    const flags = [
      ...flagChanges.slice(0, 2),
      { ...flagChanges[3], action: 'rollout' as const, percentage: 0 },
    ];
    // now 16:30: the 16:20 rollout to 0 % happened while it was open.
    const around = incidentFlags(open, flags, {
      now: Date.parse('2026-01-06T16:30:00Z'),
      isProduction,
    });
    expect(around.turnedOffDuring.map(f => f.id)).toEqual(['f4']);
    expect(around.releasedAndRolledBack.map(p => p.flagKey)).toEqual([
      'new-cart',
    ]);
    // now 16:10: not yet.
    expect(
      incidentFlags(open, flags, {
        now: Date.parse('2026-01-06T16:10:00Z'),
        isProduction,
      }).turnedOffDuring,
    ).toEqual([]);
  });

  it('does not call a flag rolled back when only its targeting changed before', () => {
    const flags = [
      { ...flagChanges[0], action: 'targeting' as const },
      flagChanges[3],
    ];
    const around = incidentFlags(flagIncident, flags, {
      now: NOW,
      isProduction,
    });
    expect(around.turnedOffDuring).toHaveLength(1);
    expect(around.releasedAndRolledBack).toEqual([]);
  });
});

describe('flagOffset and incidentFlagWindow', () => {
  it('places a change before or after the opening', () => {
    expect(flagOffset(flagChanges[0], flagIncident, formatDuration)).toBe(
      '1 h before it opened',
    );
    expect(flagOffset(flagChanges[3], flagIncident, formatDuration)).toBe(
      '20 min after it opened',
    );
  });

  it('asks from 2 h before the opening to just past the resolution', () => {
    expect(incidentFlagWindow(flagIncident, NOW)).toEqual({
      from: '2026-01-06T14:00:00.000Z',
      to: '2026-01-06T16:40:00.001Z',
    });
    // Open: up to now.
    expect(
      incidentFlagWindow({ ...flagIncident, resolvedAt: undefined }, NOW).to,
    ).toBe('2026-01-07T00:00:00.001Z');
  });
});
