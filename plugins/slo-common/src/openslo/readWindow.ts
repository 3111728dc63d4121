import {
  describeDuration,
  formatDuration,
  isFixedDuration,
  parseDuration,
  SloDuration,
} from '../duration';
import { parseCalendarStart } from '../calendarPeriods';
import { SloBudgeting, SloWindow } from '../model';
import { isCalendarDuration, isValidTimeZone } from '../windows';
import { DocumentContext, isObject, Json } from './context';

/** A duration shorthand; a bare number counts `numberUnit`s (OpenSLO's time slices: minutes). */
function readDuration(
  ctx: DocumentContext,
  value: unknown,
  path: string,
  numberUnit?: 'm',
): SloDuration | undefined {
  if (
    numberUnit &&
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value > 0
  ) {
    return { value, unit: numberUnit };
  }
  if (typeof value !== 'string') {
    return ctx.error(path, 'required: a duration such as 28d or 1M');
  }
  try {
    return parseDuration(value);
  } catch (e) {
    return ctx.error(path, (e as Error).message);
  }
}

export function readWindow(
  ctx: DocumentContext,
  spec: Json,
): SloWindow | undefined {
  const windows = spec.timeWindow;
  if (
    !Array.isArray(windows) ||
    windows.length !== 1 ||
    !isObject(windows[0])
  ) {
    return ctx.error(
      'spec.timeWindow',
      'required: a list with exactly one window',
    );
  }
  const window = windows[0];
  const path = 'spec.timeWindow[0]';
  const duration = readDuration(ctx, window.duration, `${path}.duration`);
  if (!duration) {
    return undefined;
  }
  // OpenSLO: isRolling "if omitted assumed false if calendar: is present".
  const rolling =
    window.isRolling ?? (window.calendar !== undefined ? false : undefined);
  if (rolling === true) {
    if (!isFixedDuration(duration)) {
      return ctx.error(
        `${path}.duration`,
        `a rolling window needs a fixed length (s, m, h, d, w); ${formatDuration(
          duration,
        )} is ${describeDuration(
          duration,
        )}: use isRolling: false with a calendar`,
      );
    }
    return { kind: 'rolling', duration };
  }
  if (rolling !== false) {
    return ctx.error(
      `${path}.isRolling`,
      'required: true or false (false may be left out when a calendar is given)',
    );
  }
  if (!isCalendarDuration(duration)) {
    const hint =
      duration.unit === 'm'
        ? ` (did you mean ${duration.value}M, a month?)`
        : '';
    return ctx.error(
      `${path}.duration`,
      `a calendar window counts days, weeks, months, quarters or years (e.g. 1d, 1w, 1M, 2M, 1Q, 366d, 1Y); got ${formatDuration(
        duration,
      )}, ${describeDuration(duration)}${hint}`,
    );
  }
  const calendar = window.calendar;
  if (!isObject(calendar) || typeof calendar.timeZone !== 'string') {
    return ctx.error(
      `${path}.calendar.timeZone`,
      'required for a calendar window: an IANA zone',
    );
  }
  if (!isValidTimeZone(calendar.timeZone)) {
    return ctx.error(
      `${path}.calendar.timeZone`,
      `unknown time zone "${calendar.timeZone}"`,
    );
  }
  const startTime =
    calendar.startTime === undefined ? undefined : String(calendar.startTime);
  if (
    startTime !== undefined &&
    !parseCalendarStart(startTime, calendar.timeZone)
  ) {
    return ctx.error(
      `${path}.calendar.startTime`,
      `"${startTime}" is not a date and time such as 2022-01-01 12:00:00`,
    );
  }
  return {
    kind: 'calendar',
    duration,
    timeZone: calendar.timeZone,
    ...(startTime !== undefined ? { startTime } : {}),
  };
}

export function readRatio(
  ctx: DocumentContext,
  value: unknown,
  path: string,
): number | undefined {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    return ctx.error(path, 'must be between 0 and 1 (exclusive)');
  }
  return value;
}

/**
 * `budgetingMethod` for one objective: occurrences, or timeslices with the
 * objective's `timeSliceTarget` (0 < t <= 1: OpenSLO allows every slice to have to be
 * perfect) and `timeSliceWindow` (a duration, or a number of minutes).
 */
export function readBudgeting(
  ctx: DocumentContext,
  method: unknown,
  objective: Json,
  path: string,
): SloBudgeting | undefined {
  if (method !== 'Timeslices') {
    return { method: 'occurrences' };
  }
  const target = objective.timeSliceTarget;
  const sliceTarget =
    typeof target === 'number' && target > 0 && target <= 1
      ? target
      : ctx.error(`${path}.timeSliceTarget`, 'must be above 0 and at most 1');
  const sliceWindow = readDuration(
    ctx,
    objective.timeSliceWindow,
    `${path}.timeSliceWindow`,
    'm',
  );
  if (sliceWindow && !isFixedDuration(sliceWindow)) {
    ctx.error(
      `${path}.timeSliceWindow`,
      `must have a fixed length, got ${describeDuration(sliceWindow)}`,
    );
    return undefined;
  }
  return sliceTarget !== undefined && sliceWindow
    ? { method: 'timeslices', sliceTarget, sliceWindow }
    : undefined;
}
