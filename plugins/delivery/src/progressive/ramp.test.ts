import {
  abortedCanaryPhases,
  blueGreenPhases,
  promotedCanaryPhases,
} from '../testUtils/progressive';
import {
  labelRows,
  rampPath,
  rampTicks,
  rampX,
  rolloutRamp,
  weightSetBy,
} from './ramp';

const at = (hhmm: string) => Date.parse(`2026-01-06T${hhmm}:00.000Z`);
const MIN = 60_000;
const NOW = at('23:00');

describe('rolloutRamp', () => {
  it('is undefined for a deployment without phases', () => {
    const run = { startedAt: '2026-01-06T10:00:00Z', finishedAt: null };
    expect(rolloutRamp(undefined, run, NOW)).toBeUndefined();
    expect(rolloutRamp([], run, NOW)).toBeUndefined();
  });

  it('steps a promoted canary up to 100 %', () => {
    const ramp = rolloutRamp(
      promotedCanaryPhases,
      { startedAt: '2026-01-06T10:00:00Z', finishedAt: '2026-01-06T10:44:00Z' },
      NOW,
    )!;
    expect(ramp.strategy).toBe('canary');
    expect(ramp.outcome).toBe('promoted');
    // The first step starts with the deployment: 20 % from the start (no 0 % point).
    expect(ramp.points).toEqual([
      { at: at('10:00'), weight: 20 },
      { at: at('10:21'), weight: 40 },
      { at: at('10:32'), weight: 80 },
      { at: at('10:43'), weight: 100 },
    ]);
    expect([ramp.start, ramp.end]).toEqual([at('10:00'), at('10:44')]);
    // Pauses and the analysis hold the weight of the step before them.
    expect(ramp.phases.map(p => [p.number, p.phase.kind, p.weight])).toEqual([
      [1, 'canary-step', 20],
      [2, 'pause', 20],
      [3, 'canary-step', 40],
      [4, 'pause', 40],
      [5, 'canary-step', 80],
      [6, 'analysis', 80],
      [7, 'promote', 100],
    ]);
    // The 20-minute manual pause: 10:01 to 10:21.
    expect([ramp.phases[1].start, ramp.phases[1].end]).toEqual([
      at('10:01'),
      at('10:21'),
    ]);
    expect(ramp.switchAt).toBeUndefined();
    expect(ramp.abortAt).toBeUndefined();
  });

  it('drops an aborted canary back to 0 % at the abort', () => {
    const ramp = rolloutRamp(
      abortedCanaryPhases,
      { startedAt: '2026-01-06T12:00:00Z', finishedAt: '2026-01-06T12:18:00Z' },
      NOW,
    )!;
    expect(ramp.outcome).toBe('aborted');
    expect(ramp.points).toEqual([
      { at: at('12:00'), weight: 20 },
      { at: at('12:11'), weight: 40 },
      { at: at('12:17'), weight: 0 },
    ]);
    expect(ramp.abortAt).toBe(at('12:17'));
    // The failed analysis ran at 40 %, the abort at 0 %.
    expect(ramp.phases.slice(3).map(p => [p.phase.status, p.weight])).toEqual([
      ['failed', 40],
      ['succeeded', 0],
    ]);
  });

  it('switches a blue-green rollout from 0 to 100 % at once', () => {
    const ramp = rolloutRamp(
      blueGreenPhases,
      { startedAt: '2026-01-06T13:58:00Z', finishedAt: '2026-01-06T14:15:00Z' },
      NOW,
    )!;
    expect(ramp.strategy).toBe('blue-green');
    // The deployment started 2 min before its first phase: 0 % from 13:58.
    expect(ramp.points).toEqual([
      { at: at('13:58'), weight: 0 },
      { at: at('14:05'), weight: 100 },
    ]);
    expect(ramp.switchAt).toBe(at('14:05'));
    expect(ramp.end).toBe(at('14:15'));
  });

  it('runs to now while a step runs, and lists pending steps at their own weight', () => {
    const ramp = rolloutRamp(
      [
        {
          name: 'setWeight 20',
          kind: 'canary-step',
          weight: 20,
          startedAt: '2026-01-06T10:00:00Z',
          status: 'running',
        },
        {
          name: 'setWeight 50',
          kind: 'canary-step',
          weight: 50,
          startedAt: '2026-01-06T10:30:00Z',
          status: 'pending',
        },
      ],
      { startedAt: '2026-01-06T10:00:00Z', finishedAt: null },
      at('10:12'),
    )!;
    expect(ramp.outcome).toBe('progressing');
    // The pending 50 % step sets nothing yet; the running one lasts until now (10:12).
    expect(ramp.points).toEqual([{ at: at('10:00'), weight: 20 }]);
    expect(ramp.end).toBe(at('10:12'));
    expect(ramp.phases.map(p => [p.drawn, p.weight, p.end])).toEqual([
      [true, 20, at('10:12')],
      [false, 50, at('10:30')],
    ]);
  });

  it('lets the last of phases starting together set the weight, and keeps phases in start order', () => {
    const ramp = rolloutRamp(
      [
        {
          name: 'abort',
          kind: 'abort',
          startedAt: '2026-01-06T10:05:00Z',
          finishedAt: '2026-01-06T10:06:00Z',
          status: 'succeeded',
        },
        {
          name: 'setWeight 10',
          kind: 'canary-step',
          weight: 10,
          startedAt: '2026-01-06T10:00:00Z',
          finishedAt: '2026-01-06T10:05:00Z',
          status: 'succeeded',
        },
        // Same instant as the abort, listed after it: the abort stands (0 %).
        {
          name: 'pause',
          kind: 'pause',
          startedAt: '2026-01-06T10:05:00Z',
          status: 'succeeded',
          finishedAt: '2026-01-06T10:05:00Z',
        },
      ],
      { startedAt: '2026-01-06T10:00:00Z', finishedAt: '2026-01-06T10:06:00Z' },
      NOW,
    )!;
    expect(ramp.phases.map(p => p.phase.name)).toEqual([
      'setWeight 10',
      'abort',
      'pause',
    ]);
    expect(ramp.points).toEqual([
      { at: at('10:00'), weight: 10 },
      { at: at('10:05'), weight: 0 },
    ]);
    expect(ramp.phases[2].weight).toBe(0);
  });
});

describe('weightSetBy', () => {
  it('reads abort as 0 %, promotion and switch as 100 %, pending and failed switches as nothing', () => {
    const p = {
      name: 'x',
      startedAt: '2026-01-06T10:00:00Z',
      status: 'succeeded' as const,
    };
    expect(weightSetBy({ ...p, kind: 'abort', weight: 30 })).toBe(0);
    expect(weightSetBy({ ...p, kind: 'promote' })).toBe(100);
    expect(weightSetBy({ ...p, kind: 'switch', status: 'failed' })).toBe(
      undefined,
    );
    expect(weightSetBy({ ...p, kind: 'canary-step', weight: 25 })).toBe(25);
    expect(weightSetBy({ ...p, kind: 'pause' })).toBeUndefined();
    expect(
      weightSetBy({ ...p, kind: 'canary-step', weight: 25, status: 'pending' }),
    ).toBeUndefined();
  });
});

describe('rampPath', () => {
  it('draws the steps on a 440 x 100 px plot', () => {
    const ramp = rolloutRamp(
      promotedCanaryPhases,
      { startedAt: '2026-01-06T10:00:00Z', finishedAt: '2026-01-06T10:44:00Z' },
      NOW,
    )!;
    const scale = { start: ramp.start, end: ramp.end, width: 440, height: 100 };
    // 44 minutes over 440 px: 10 px a minute; 100 % at y 0, 20 % at y 80.
    expect(rampX(at('10:21'), scale)).toBe(210);
    expect(rampPath(ramp, scale)).toBe('M0,80 H210 V60 H320 V20 H430 V0 H440');
    expect(rampTicks(scale, 4).map(t => [t.ms - ramp.start, t.x])).toEqual([
      [0, 0],
      [11 * MIN, 110],
      [22 * MIN, 220],
      [33 * MIN, 330],
      [44 * MIN, 440],
    ]);
  });
});

describe('labelRows', () => {
  it('moves a label that would touch the one before to the second row', () => {
    // 0 and 30 are 30 px apart (row 0); 35 is 5 px from 30 → row 1; 40 is 10 px from
    // 30 (row 0) and 5 from 35 (row 1): row 0 is further, the least overlap; 100 is free.
    expect(labelRows([0, 30, 35, 40, 100], 14)).toEqual([0, 0, 1, 0, 0]);
    expect(labelRows([], 14)).toEqual([]);
  });
});
