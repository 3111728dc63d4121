/*
 * What the lead-time stage views show, worked out from the backend's answers
 * (`/lead-time-breakdown`, `/change-flow`, `/changes`): the bar's proportions, the
 * share without review, the size distribution, the weekly medians and each change's
 * stage cells. Missing data stays missing (null), never 0.
 */
import {
  changeSizeClass,
  changeSizeClasses,
  leadTimeStages,
} from '@internal/backstage-plugin-delivery-common';
import type {
  ChangeFlow,
  ChangeSizeClass,
  LeadTimeBreakdown,
  LeadTimeStage,
  ListedChange,
  StageFigure,
} from '@internal/backstage-plugin-delivery-common';
import { formatHours } from '../format';

/** The stages in the order a change goes through them. */
export const STAGES: readonly LeadTimeStage[] = leadTimeStages;

export const STAGE_LABELS: Record<LeadTimeStage, string> = {
  coding: 'Coding',
  pickup: 'Pickup',
  review: 'Review',
  deploy: 'Deploy',
};

/** What each stage measures, for tooltips and legends. */
export const STAGE_DESCRIPTIONS: Record<LeadTimeStage, string> = {
  coding: 'first commit to opened',
  pickup: 'opened to first review (reviewed changes only)',
  review: 'first review to merged (reviewed changes only)',
  deploy: 'merged to its first production deployment',
};

export interface StageSegment {
  stage: LeadTimeStage;
  figure: StageFigure;
  /**
   * The segment's part of the bar: its median over the sum of the stages' medians.
   * Null when the stage has no median, or no stage has a positive one.
   */
  share: number | null;
}

/**
 * The stage bar: one segment per stage, proportional to its median. The medians of
 * the stages are of different sets of changes (unreviewed ones have no pickup or
 * review), so their sum is a typical path, not the median lead time.
 */
export function stageSegments(breakdown: LeadTimeBreakdown): StageSegment[] {
  const total = STAGES.reduce(
    (sum, stage) => sum + (breakdown.stages[stage].medianHours ?? 0),
    0,
  );
  return STAGES.map(stage => {
    const figure = breakdown.stages[stage];
    return {
      stage,
      figure,
      share:
        figure.medianHours === null || total <= 0
          ? null
          : figure.medianHours / total,
    };
  });
}

/** Share of the counted changes merged without any review; null when none counted. */
export function unreviewedShare(breakdown: LeadTimeBreakdown): number | null {
  return breakdown.changes === 0
    ? null
    : breakdown.unreviewed / breakdown.changes;
}

export interface SizeBucket {
  size: ChangeSizeClass;
  /** Lines changed (additions + deletions) of the class, e.g. "10–99 lines". */
  lines: string;
  count: number;
  /** Of the changes with line counts; null when none have them. */
  share: number | null;
}

/**
 * Counted changes by size class, as shares of those whose source gave line counts
 * (the others, `unknown`, are reported apart rather than diluting the shares).
 */
export function sizeDistribution(sizes: ChangeFlow['sizes']): {
  buckets: SizeBucket[];
  known: number;
  unknown: number;
} {
  const known = changeSizeClasses.reduce(
    (sum, c) => sum + (sizes[c.name] ?? 0),
    0,
  );
  let from = 0;
  const buckets = changeSizeClasses.map(c => {
    const lines =
      c.below === Infinity ? `${from}+ lines` : `${from}–${c.below - 1} lines`;
    from = c.below;
    const count = sizes[c.name] ?? 0;
    return {
      size: c.name,
      lines,
      count,
      share: known === 0 ? null : count / known,
    };
  });
  return { buckets, known, unknown: sizes.unknown ?? 0 };
}

/** Each stage's weekly medians, oldest week first; null for a week without it. */
export function weeklyStageMedians(
  weeks: ChangeFlow['weeks'],
): Record<LeadTimeStage, (number | null)[]> {
  const series = {} as Record<LeadTimeStage, (number | null)[]>;
  for (const stage of STAGES) {
    series[stage] = weeks.map(w => w.breakdown.stages[stage].medianHours);
  }
  return series;
}

/** "median 3 h, p90 10 h (42 changes)", or why there is no figure. */
export function describeStageFigure(figure: StageFigure): string {
  if (figure.medianHours === null || figure.p90Hours === null) {
    return 'no changes with this stage';
  }
  return `median ${formatHours(figure.medianHours)}, p90 ${formatHours(
    figure.p90Hours,
  )} (${figure.count} ${figure.count === 1 ? 'change' : 'changes'})`;
}

/** A change's stage as a table cell: its duration, or why it has none. */
export function stageCell(change: ListedChange, stage: LeadTimeStage): string {
  if (!change.stages) {
    return change.state === 'awaiting-deploy' ? 'awaiting deploy' : '–';
  }
  const hours = change.stages[stage];
  if (hours !== null) return formatHours(hours);
  if (stage === 'coding') return 'no commits';
  return 'no review';
}

/** "M, 250 lines", or "–" when the source gave no line counts. */
export function sizeCell(change: ListedChange): string {
  const size = changeSizeClass(change);
  if (!size) return '–';
  const lines = (change.additions ?? 0) + (change.deletions ?? 0);
  return `${size}, ${lines} ${lines === 1 ? 'line' : 'lines'}`;
}
