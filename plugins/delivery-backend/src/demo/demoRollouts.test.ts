import {
  deploymentPhaseSchema,
  rolloutOutcome,
  rolloutStrategy,
} from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import {
  abortedCanaryOn,
  BlueGreen,
  blueGreenPhases,
  Canary,
  canaryPhases,
  isStoryDay,
  phasesEndingAt,
  rolloutMinutes,
  rolloutProfileSchema,
} from './demoRollouts';

const canary = rolloutProfileSchema.parse({
  strategy: 'canary',
  steps: [5, 25, 50],
  pauseMinutes: 10,
  analysisMinutes: 5,
  analysisTemplate: 'checkout-service-slo',
  aborted: {
    everyDays: 28,
    dayOffset: 12,
    at: '14:00',
    atWeight: 25,
    canaryErrorRatio: 0.04,
  },
}) as Canary;
const blueGreen = rolloutProfileSchema.parse({
  strategy: 'blue-green',
  analysisMinutes: 5,
  autoPromotionMinutes: 5,
  analysisTemplate: 'cart-service-slo',
  activeService: 'cart-service',
}) as BlueGreen;
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
/** [kind, weight, HH:mm start, HH:mm end, status] of each phase, to compare by eye. */
const brief = (phases: any[]) =>
  phases.map(p => [
    p.kind,
    p.weight,
    at(p.startedAt).toFormat('HH:mm'),
    at(p.finishedAt).toFormat('HH:mm'),
    p.status,
  ]);

describe('demo rollouts', () => {
  it('ramp a canary 5 -> 25 -> 50 -> 100% with a pause and an analysis per step', () => {
    // Each step: 1 min scaling + 10 min pause + 5 min analysis = 16 min; three steps
    // and the 1-minute promotion: 3 * 16 + 1 = 49 min, 14:00 -> 14:49.
    const { phases, finishedAt } = canaryPhases(
      canary,
      at('2026-11-03T14:00:00Z'),
    );
    expect(brief(phases)).toEqual([
      ['canary-step', 5, '14:00', '14:01', 'succeeded'],
      ['pause', 5, '14:01', '14:11', 'succeeded'],
      ['analysis', 5, '14:11', '14:16', 'succeeded'],
      ['canary-step', 25, '14:16', '14:17', 'succeeded'],
      ['pause', 25, '14:17', '14:27', 'succeeded'],
      ['analysis', 25, '14:27', '14:32', 'succeeded'],
      ['canary-step', 50, '14:32', '14:33', 'succeeded'],
      ['pause', 50, '14:33', '14:43', 'succeeded'],
      ['analysis', 50, '14:43', '14:48', 'succeeded'],
      ['promote', 100, '14:48', '14:49', 'succeeded'],
    ]);
    expect(finishedAt.toISO()).toBe('2026-11-03T14:49:00.000Z');
    expect(rolloutMinutes(canary)).toBe(49);
    expect(phases.every(p => deploymentPhaseSchema.safeParse(p).success)).toBe(
      true,
    );
    expect(rolloutStrategy(phases)).toBe('canary');
    expect(rolloutOutcome(phases)).toBe('promoted');
  });

  it('abort the story canary at 25% after its analysis fails there', () => {
    // 2026-11-03 is day 20760 (days since 1970-01-01): 20760 % 28 = 12, a story day;
    // the day after (20761 % 28 = 13) is not.
    const day = at('2026-11-03T00:00:00Z');
    expect(isStoryDay(canary.aborted!, day)).toBe(true);
    expect(isStoryDay(canary.aborted!, day.plus({ days: 1 }))).toBe(false);
    expect(abortedCanaryOn(canary, day.plus({ days: 1 }))).toBeUndefined();
    expect(abortedCanaryOn(blueGreen, day)).toBeUndefined();

    const story = abortedCanaryOn(canary, day)!;
    // Two steps of 16 min from 14:00, the abort 14:32 -> 14:33.
    expect(brief(story.phases)).toEqual([
      ['canary-step', 5, '14:00', '14:01', 'succeeded'],
      ['pause', 5, '14:01', '14:11', 'succeeded'],
      ['analysis', 5, '14:11', '14:16', 'succeeded'],
      ['canary-step', 25, '14:16', '14:17', 'succeeded'],
      ['pause', 25, '14:17', '14:27', 'succeeded'],
      ['analysis', 25, '14:27', '14:32', 'failed'],
      ['abort', 0, '14:32', '14:33', 'succeeded'],
    ]);
    expect(story.startedAt.toISO()).toBe('2026-11-03T14:00:00.000Z');
    expect(story.finishedAt.toISO()).toBe('2026-11-03T14:33:00.000Z');
    // The canary serves 25% from its step (14:16) until the abort (14:32).
    expect(story.failingFrom.toISO()).toBe('2026-11-03T14:16:00.000Z');
    expect(story.failingTo.toISO()).toBe('2026-11-03T14:32:00.000Z');
    expect(rolloutOutcome(story.phases)).toBe('aborted');
  });

  it('switch a blue-green rollout after the analysis and the auto-promotion wait', () => {
    // Analysis and wait side by side, 5 min each; the switch 1 min: 6 min.
    const { phases } = blueGreenPhases(blueGreen, at('2026-11-03T10:00:00Z'));
    expect(brief(phases)).toEqual([
      ['analysis', 0, '10:00', '10:05', 'succeeded'],
      ['pause', 0, '10:00', '10:05', 'succeeded'],
      ['switch', 100, '10:05', '10:06', 'succeeded'],
    ]);
    expect(rolloutStrategy(phases)).toBe('blue-green');
    expect(rolloutOutcome(phases)).toBe('promoted');
    const ending = phasesEndingAt(blueGreen, at('2026-11-03T10:06:00Z'));
    expect(ending.startedAt.toISO()).toBe('2026-11-03T10:00:00.000Z');
    expect(ending.phases).toEqual(phases);
  });

  it('refuse a story weight that is not one of the steps', () => {
    const result = rolloutProfileSchema.safeParse({
      ...canary,
      aborted: { ...canary.aborted!, atWeight: 30 },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['aborted']);
  });
});
