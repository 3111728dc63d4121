import type { FlagEvent } from '../events';
import { toMillis } from '../time';

/**
 * A flag's history: what share of traffic it serves after each change, and which
 * changes release it. The store keeps the same values per row (migration
 * 20261207000100_flags), DORA's flag releases and the incident context read them.
 *
 * - A history is one component's flag in one environment: entityRef and environment
 *   compared lower-cased, flagKey exactly (flag tools treat keys as case-sensitive).
 *   Changes from several sources join one history, so a change reported twice
 *   changes nothing the second time.
 * - Changes are ordered by `at`, ties by source, then id (code-unit order): a
 *   property of the changes, not of their arrival.
 * - Served after a change, in percent: `off` 0; `on` its percentage, 100 without
 *   one; `rollout` its percentage; `targeting` its percentage when given, else what
 *   was served before (it changes who gets the flag, not how many). Before the first
 *   known change a flag serves 0.
 * - A change is a **release** when the flag served 0 before it and more than 0
 *   after it: the moment a change reaches users. The ramp steps that follow (10 %,
 *   50 %, 100 %) belong to that release; a later `on` after an `off` is a new one.
 * - A release **ends** at the first later change of its history that serves 0.
 */

/** What the history reads of a flag change. */
export type FlagChange = Pick<
  FlagEvent,
  | 'source'
  | 'id'
  | 'entityRef'
  | 'flagKey'
  | 'environment'
  | 'action'
  | 'percentage'
  | 'at'
>;

/** One change in its history. */
export interface FlagStep<T extends FlagChange = FlagChange> {
  change: T;
  /** Share served just before the change (0..100). */
  servedBefore: number;
  /** Share served after it (0..100). */
  servedAfter: number;
  /** Served 0 before, more than 0 after. */
  release: boolean;
  /** On a release: `at` of the change that ended it (served 0 again), if any yet. */
  endedAt?: string;
}

/** The history a change belongs to: component, flag key and environment. */
export function flagHistoryKey(
  change: Pick<FlagChange, 'entityRef' | 'flagKey' | 'environment'>,
): string {
  return [
    change.entityRef.toLowerCase(),
    change.flagKey,
    change.environment.toLowerCase(),
  ].join('\u0000');
}

/** Share served after a change, given what was served before it. */
export function flagServedAfter(
  change: Pick<FlagChange, 'action' | 'percentage'>,
  servedBefore: number,
): number {
  switch (change.action) {
    case 'off':
      return 0;
    case 'on':
      return change.percentage ?? 100;
    case 'rollout':
    case 'targeting':
      return change.percentage ?? servedBefore;
    default:
      throw new Error(`Unknown flag action ${change.action satisfies never}`);
  }
}

// Code-unit order, not locale order: the same on every machine and database.
const compareText = (a: string, b: string) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

/** The order changes take within a history: by instant, then source, then id. */
export function compareFlagChanges(
  a: { at: number; source: string; id: string },
  b: { at: number; source: string; id: string },
): number {
  return (
    a.at - b.at || compareText(a.source, b.source) || compareText(a.id, b.id)
  );
}

/**
 * Every change with what it did to its history, grouped by history, each history
 * in order. Input order does not matter.
 */
export function flagHistory<T extends FlagChange>(changes: T[]): FlagStep<T>[] {
  const histories = new Map<string, { change: T; at: number }[]>();
  for (const change of changes) {
    const key = flagHistoryKey(change);
    const list = histories.get(key) ?? [];
    list.push({ change, at: toMillis(change.at) });
    histories.set(key, list);
  }
  const steps: FlagStep<T>[] = [];
  for (const list of histories.values()) {
    list.sort((a, b) =>
      compareFlagChanges(
        { at: a.at, source: a.change.source, id: a.change.id },
        { at: b.at, source: b.change.source, id: b.change.id },
      ),
    );
    let served = 0;
    let open: FlagStep<T> | undefined;
    for (const { change } of list) {
      const servedAfter = flagServedAfter(change, served);
      const step: FlagStep<T> = {
        change,
        servedBefore: served,
        servedAfter,
        release: served === 0 && servedAfter > 0,
      };
      if (open && servedAfter === 0) {
        open.endedAt = change.at;
        open = undefined;
      }
      if (step.release) open = step;
      steps.push(step);
      served = servedAfter;
    }
  }
  return steps;
}
