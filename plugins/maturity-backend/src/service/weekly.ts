import type {
  ComponentMaturity,
  Initiative,
  MaturityHistoryPoint,
  Rubric,
} from '@internal/backstage-plugin-maturity-common';
import {
  initiativeProgress,
  rollup,
} from '@internal/backstage-plugin-maturity-common';
import { componentsOwnedWithin } from '@internal/entity-scope';
import { DateTime } from 'luxon';
import { CatalogSnapshot } from '../catalog/catalogSnapshot';
import { WeeklySnapshot } from '../database/MaturityStore';
import { componentsInScope, componentsOfSystem } from './scopes';

/** The subject of the organisation's weekly snapshots. */
export const ORGANISATION = 'organisation';
export const initiativeSubject = (id: string) => `initiative:${id}`;

/** The Monday (UTC) starting the ISO week of `at`, as YYYY-MM-DD. */
export function weekOf(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'utc' }).startOf('week').toISODate()!;
}

export type LevelSnapshot = Omit<MaturityHistoryPoint, 'week'>;
export interface InitiativeSnapshot {
  done: number;
  components: number;
}

/**
 * What the week's history keeps from a run: every component's level, every group's
 * (child teams pooled) and system's roll-up, the organisation's, and each initiative's
 * progress. Written on every run; the week's last run wins.
 */
export function weeklySnapshots(options: {
  rubric: Rubric;
  snapshot: CatalogSnapshot;
  maturityOf: (entityRef: string) => ComponentMaturity;
  initiatives: Initiative[];
  week: string;
}): WeeklySnapshot[] {
  const { rubric, snapshot, maturityOf, week } = options;
  const levelOf = (refs: string[]): LevelSnapshot => {
    const r = rollup(rubric, refs.map(maturityOf));
    return { level: r.level, distribution: r.distribution };
  };
  const all = [...snapshot.components.keys()].sort();
  const systems = [
    ...new Set([...snapshot.components.values()].flatMap(c => c.system ?? [])),
  ];
  const out: WeeklySnapshot[] = [
    ...all.map(ref => ({ week, subject: ref, snapshot: levelOf([ref]) })),
    ...[...snapshot.groups.keys()].map(ref => ({
      week,
      subject: ref,
      snapshot: levelOf(componentsOwnedWithin(ref, snapshot)),
    })),
    ...systems.map(ref => ({
      week,
      subject: ref,
      snapshot: levelOf(componentsOfSystem(ref, snapshot)),
    })),
    { week, subject: ORGANISATION, snapshot: levelOf(all) },
  ];
  for (const initiative of options.initiatives) {
    const refs = componentsInScope(initiative, snapshot);
    const progress = initiativeProgress(initiative, refs.map(maturityOf));
    const value: InitiativeSnapshot = {
      done: progress.done,
      components: progress.components,
    };
    out.push({
      week,
      subject: initiativeSubject(initiative.id),
      snapshot: value,
    });
  }
  return out;
}
