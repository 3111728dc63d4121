/*
 * How the delivery pages write figures: durations, rates and frequencies, the same on
 * every card, table and dialog.
 */

const trim = (value: number, digits = 1) =>
  String(Number(value.toFixed(digits)));

/** Deployments per day, shown per day, week or month, whichever reads best. */
export function formatPerDay(perDay: number): string {
  if (perDay >= 1) return `${trim(perDay)}/day`;
  if (perDay * 7 >= 1) return `${trim(perDay * 7)}/week`;
  return `${trim(perDay * 30)}/month`;
}

/** Hours as minutes, hours or days. */
export function formatHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${trim(hours)} h`;
  return `${trim(hours / 24)} d`;
}

/** A ratio in percent, one decimal at most. */
export function formatRatio(ratio: number): string {
  return `${trim(ratio * 100)}%`;
}
