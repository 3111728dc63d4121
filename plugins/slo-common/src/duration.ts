/**
 * Durations as written in SLO specs: `30s`, `5m`, `1h`, `28d`, `1w`, `1M`, `1Q`, `1Y`.
 * Case matters: `m` is a minute and `M` a month (OpenSLO's duration shorthand).
 */
export type DurationUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

export interface SloDuration {
  value: number;
  unit: DurationUnit;
}

const FIXED_UNIT_MS: Record<'s' | 'm' | 'h' | 'd' | 'w', number> = {
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000,
};

const UNIT_NAMES: Record<DurationUnit, string> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  M: 'month',
  Q: 'quarter',
  Y: 'year',
};

const DURATION_PATTERN = /^([1-9][0-9]*)(s|m|h|d|w|M|Q|Y)$/;

/** Parses a duration shorthand; throws an Error with a readable message otherwise. */
export function parseDuration(input: string): SloDuration {
  const match = DURATION_PATTERN.exec(String(input).trim());
  if (!match) {
    throw new Error(
      `invalid duration "${input}": expected a positive integer followed by s, m (minute), h, d, w, M (month), Q or Y`,
    );
  }
  return { value: Number(match[1]), unit: match[2] as DurationUnit };
}

export function formatDuration(duration: SloDuration): string {
  return `${duration.value}${duration.unit}`;
}

/** `1 minute`, `28 days`: for error messages and explanations. */
export function describeDuration(duration: SloDuration): string {
  const name = UNIT_NAMES[duration.unit];
  return `${duration.value} ${name}${duration.value === 1 ? '' : 's'}`;
}

/** True when the duration has a fixed length (months, quarters and years do not). */
export function isFixedDuration(duration: SloDuration): boolean {
  return duration.unit in FIXED_UNIT_MS;
}

/** Length in milliseconds; months, quarters and years depend on the calendar and throw. */
export function durationToMillis(duration: SloDuration): number {
  if (!isFixedDuration(duration)) {
    throw new Error(
      `${formatDuration(duration)} (${describeDuration(
        duration,
      )}) has no fixed length; use a calendar window`,
    );
  }
  return (
    duration.value * FIXED_UNIT_MS[duration.unit as keyof typeof FIXED_UNIT_MS]
  );
}

/** Formats milliseconds in the largest unit that divides them exactly (for PromQL ranges). */
export function millisToDuration(ms: number): SloDuration {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    if (ms >= FIXED_UNIT_MS[unit] && ms % FIXED_UNIT_MS[unit] === 0) {
      return { value: ms / FIXED_UNIT_MS[unit], unit };
    }
  }
  throw new Error(`${ms}ms is not a whole number of seconds`);
}
