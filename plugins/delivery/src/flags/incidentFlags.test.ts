import {
  incidentFlagContext,
  IncidentFlagContext,
} from '@internal/backstage-plugin-delivery-common';
import { formatDuration } from '../chart/model';
import { flagChanges, flagIncident } from '../testUtils/progressive';
import {
  flagOffset,
  flagStory,
  incidentFlagWindow,
  servedChange,
} from './incidentFlags';

const NOW = Date.parse('2026-01-07T00:00:00Z');

describe('flagStory', () => {
  it('tells "released by flag, rolled back by flag" of the fixture’s incident', () => {
    // new-cart 0 → 10 % at 15:00 (a release) and 10 → 50 % at 15:30, both in the 2 h
    // before 16:00; 50 → 0 % at 16:20 while open (16:00–16:40).
    const context = incidentFlagContext(flagIncident, flagChanges);
    expect(context.before.map(s => [s.change.id, servedChange(s)])).toEqual([
      ['f1', 'served 0% → 10%'],
      ['f2', 'served 10% → 50%'],
    ]);
    expect(context.during.map(s => [s.change.id, servedChange(s)])).toEqual([
      ['f4', 'served 50% → 0%'],
    ]);
    expect(flagStory(context)).toBe(
      'Released by flag (new-cart), rolled back by flag (new-cart).',
    );
  });

  const step = (
    flagKey: string,
    servedBefore: number,
    servedAfter: number,
  ) => ({
    change: { ...flagChanges[0], flagKey },
    servedBefore,
    servedAfter,
    release: servedBefore === 0 && servedAfter > 0,
  });
  const context = (
    before: IncidentFlagContext['before'],
    during: IncidentFlagContext['during'],
  ): IncidentFlagContext => ({
    before,
    during,
    releasedByFlag: before.some(s => s.servedAfter > s.servedBefore),
    rolledBackByFlag: during.length > 0,
  });

  it('names what was released, or rolled back, when only one happened', () => {
    expect(flagStory(context([step('a', 0, 20), step('b', 50, 20)], []))).toBe(
      'Released by flag (a) just before it opened; no flag was lowered while it was open.',
    );
    expect(flagStory(context([], [step('b', 50, 0), step('b', 0, 0)]))).toBe(
      'Rolled back by flag (b) while it was open.',
    );
  });

  it('tells nothing when flags played no part', () => {
    // A flag lowered before the incident is no release.
    expect(flagStory(context([step('a', 50, 20)], []))).toBeUndefined();
    expect(flagStory(context([], []))).toBeUndefined();
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
    expect(
      flagOffset({ at: flagIncident.openedAt }, flagIncident, formatDuration),
    ).toBe('as it opened');
  });

  it('asks from a week and 2 h before the opening to just past the resolution', () => {
    // 16:00 on Jan 6 minus 170 h (7 d + 2 h) is 14:00 on Dec 30.
    expect(incidentFlagWindow(flagIncident, NOW)).toEqual({
      from: '2025-12-30T14:00:00.000Z',
      to: '2026-01-06T16:40:00.001Z',
    });
    // Open: up to now.
    expect(
      incidentFlagWindow({ ...flagIncident, resolvedAt: undefined }, NOW).to,
    ).toBe('2026-01-07T00:00:00.001Z');
  });
});
