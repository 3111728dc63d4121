import type {
  CheckStatus,
  EvaluatedCheck,
  MaturityLevelInfo,
  Pillar,
} from '@internal/backstage-plugin-maturity-common';
import { DateTime } from 'luxon';

/** "45%", rounded to a whole percent; `none` (what is missing, in words) for null. */
export function formatRatio(ratio: number | null, none: string): string {
  return ratio === null ? none : `${Math.round(ratio * 100)}%`;
}

/** A check's figure or threshold as measured: at most two decimals, words as they are. */
export function formatFigure(value: number | string): string {
  return typeof value === 'number' ? String(+value.toFixed(2)) : value;
}

/** "figure 0.43, threshold 1"; empty when the check measured no figure. */
export function figureAgainstThreshold(
  check: Pick<EvaluatedCheck, 'figure' | 'threshold'>,
): string {
  const parts: string[] = [];
  if (check.figure !== undefined) {
    parts.push(`figure ${formatFigure(check.figure)}`);
  }
  if (check.threshold !== undefined) {
    parts.push(`threshold ${formatFigure(check.threshold)}`);
  }
  return parts.join(', ');
}

export const statusLabels: Record<CheckStatus, string> = {
  pass: 'Passes',
  fail: 'Fails',
  'not-applicable': 'Not applicable',
  unknown: 'Unknown',
};

export const pillarLabels: Record<Pillar, string> = {
  collaboration: 'Collaboration',
  automation: 'Automation',
  observability: 'Observability',
  'shift-left': 'Shift left',
  delivery: 'Delivery',
  reliability: 'Reliability',
};

/** A level's name from the rubric's list: "Measured"; undefined for level 0 or unknown. */
export function levelName(
  levels: MaturityLevelInfo[],
  level: number | null | undefined,
): string | undefined {
  return levels.find(l => l.level === level)?.name;
}

/**
 * Share of a pillar's applicable, known results that pass: pass / (pass + fail);
 * null when none is known (unknown results are neither a pass nor a fail).
 */
export function pillarShare(pillar: { pass: number; fail: number }) {
  const known = pillar.pass + pillar.fail;
  return known === 0 ? null : pillar.pass / known;
}

/** Components per level with each level's share of all; shares null without components. */
export function distributionRows(
  distribution: number[],
  levels: MaturityLevelInfo[],
): { level: number; name?: string; count: number; share: number | null }[] {
  const total = distribution.reduce((sum, count) => sum + count, 0);
  return distribution.map((count, level) => ({
    level,
    name: levelName(levels, level),
    count,
    share: total === 0 ? null : count / total,
  }));
}

/**
 * When an initiative is due, from `now` in whole days (rounded up, so "due in 1 day"
 * until the deadline passes): "due in 12 days", "due today", "3 days overdue".
 */
export function deadlineText(deadline: string, now: string): string {
  const due = DateTime.fromISO(deadline, { zone: 'utc' });
  const at = DateTime.fromISO(now, { zone: 'utc' });
  const days = due.diff(at, 'days').days;
  const plural = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (days > 0) return `due in ${plural(Math.ceil(days))}`;
  if (days === 0) return 'due today';
  return `${plural(Math.ceil(-days))} overdue`;
}

/** The calendar date of an ISO instant or date, in UTC: "2027-03-31". */
export const isoDay = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'utc' }).toISODate() ?? iso;

/**
 * Progress by week of an initiative: done / components; null for a week without
 * components in scope (never 0%).
 */
export function progressRatios(
  history: { week: string; done: number; components: number }[],
): { week: string; ratio: number | null }[] {
  return history.map(point => ({
    week: point.week,
    ratio: point.components === 0 ? null : point.done / point.components,
  }));
}
