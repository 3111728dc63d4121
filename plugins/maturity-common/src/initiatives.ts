import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ComponentMaturity } from './levels';

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

/**
 * An initiative: a target for a scope by a deadline, e.g. "every checkout team
 * Reliable by 2027-03-31". Defined in config (`maturity.initiatives`).
 */
export const initiativeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
      error: 'must be lower-case words joined by -',
    }),
    title: z.string().min(1),
    description: z.string().optional(),
    /** A level to reach, or checks to pass (ids of the rubric's checks). */
    target: z.union([
      z.object({ level: z.number().int().min(1) }).strict(),
      z.object({ checks: z.array(z.string().min(1)).min(1) }).strict(),
    ]),
    /** Which components it is about: owned by these teams, in these systems, or tagged. */
    scope: z
      .object({
        teams: z.array(z.string().min(1)).optional(),
        systems: z.array(z.string().min(1)).optional(),
        tags: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .refine(s => !!(s.teams?.length || s.systems?.length || s.tags?.length), {
        error: 'name at least one team, system or tag',
      }),
    startsAt: isoDate,
    deadline: isoDate,
    /** Who drives it (user or group refs); the owning teams are told as well. */
    owners: z.array(z.string().min(1)).default([]),
  })
  .refine(
    i =>
      DateTime.fromISO(i.deadline, { zone: 'utc' }) >
      DateTime.fromISO(i.startsAt, { zone: 'utc' }),
    { error: 'deadline must be after startsAt', path: ['deadline'] },
  );

export type Initiative = z.infer<typeof initiativeSchema>;

/** Whether a component meets an initiative's target. */
export function meetsTarget(
  initiative: Pick<Initiative, 'target'>,
  component: ComponentMaturity,
): boolean {
  const { target } = initiative;
  if ('level' in target) return component.level >= target.level;
  return target.checks.every(id => {
    const check = component.checks.find(c => c.id === id);
    return (
      !!check && (check.status === 'pass' || check.status === 'not-applicable')
    );
  });
}

export interface InitiativeProgress {
  components: number;
  done: number;
  /** done / components; null without components in scope (never 0% or 100%). */
  ratio: number | null;
  complete: boolean;
  /** Components not there yet. */
  remaining: string[];
}

export function initiativeProgress(
  initiative: Pick<Initiative, 'target'>,
  components: ComponentMaturity[],
): InitiativeProgress {
  const remaining = components
    .filter(c => !meetsTarget(initiative, c))
    .map(c => c.entityRef)
    .sort();
  const done = components.length - remaining.length;
  return {
    components: components.length,
    done,
    ratio: components.length === 0 ? null : done / components.length,
    complete: components.length > 0 && remaining.length === 0,
    remaining,
  };
}

/** When owners are told about an initiative. */
export type InitiativeMilestone =
  | 'started'
  | 'month-before-deadline'
  | 'week-before-deadline'
  | 'completed';

/**
 * The milestones an initiative has reached at `now`: started once `startsAt` passed,
 * a month and a week before its deadline (until the deadline; only when it was already
 * running then, so a short initiative does not announce itself twice), completed once
 * every component in scope meets the target. A notifier sends each milestone once.
 */
export function reachedMilestones(
  initiative: Pick<Initiative, 'startsAt' | 'deadline'>,
  progress: Pick<InitiativeProgress, 'complete'>,
  now: string,
): InitiativeMilestone[] {
  const at = DateTime.fromISO(now, { zone: 'utc' });
  const start = DateTime.fromISO(initiative.startsAt, { zone: 'utc' });
  const deadline = DateTime.fromISO(initiative.deadline, { zone: 'utc' });
  if (at < start) return [];
  const reached: InitiativeMilestone[] = ['started'];
  if (progress.complete) return [...reached, 'completed'];
  const before = (milestone: DateTime) =>
    start < milestone && at >= milestone && at < deadline;
  if (before(deadline.minus({ months: 1 }))) {
    reached.push('month-before-deadline');
  }
  if (before(deadline.minus({ weeks: 1 }))) {
    reached.push('week-before-deadline');
  }
  return reached;
}
