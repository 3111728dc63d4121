import type { MaturityLevelInfo } from '@internal/backstage-plugin-maturity-common';

/**
 * Checks (or per-check counts) under the rubric level that needs them, in level order,
 * keeping each level's own order; levels without checks are left out.
 */
export function groupByLevel<T extends { level: number }>(
  items: T[],
  levels: MaturityLevelInfo[],
): { level: number; name: string; description?: string; items: T[] }[] {
  return [...levels]
    .sort((a, b) => a.level - b.level)
    .map(info => ({
      level: info.level,
      name: info.name,
      description: info.description,
      items: items.filter(item => item.level === info.level),
    }))
    .filter(group => group.items.length > 0);
}

/** The level after `level` in the rubric; undefined at the top or without a level. */
export function nextLevelOf(
  level: number | null,
  levels: MaturityLevelInfo[],
): MaturityLevelInfo | undefined {
  if (level === null) return undefined;
  return levels.find(l => l.level === level + 1);
}

/** "2 at L1, 1 at L3": the non-empty levels of a distribution; "no components" if none. */
export function distributionSummary(distribution: number[]): string {
  const parts = distribution
    .map((count, level) => ({ count, level }))
    .filter(part => part.count > 0)
    .map(part => `${part.count} at L${part.level}`);
  return parts.length ? parts.join(', ') : 'no components';
}
