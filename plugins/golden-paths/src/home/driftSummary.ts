import { ComponentDrift } from '../api/types';

export interface DriftSummary {
  /** Components made from a golden path. */
  total: number;
  current: number;
  /** Not on the template's latest version, furthest behind first. */
  drifting: ComponentDrift[];
}

const LEVEL_RANK = { major: 0, minor: 1, patch: 2 };

/** Behind by level (major first), then by how many versions; other states after. */
const rank = (row: ComponentDrift) =>
  row.status === 'behind' && row.behind ? LEVEL_RANK[row.behind.level] : 3;

/** What the cockpit's golden-path widget lists from the backend's `/drift` rows. */
export function driftSummary(components: ComponentDrift[]): DriftSummary {
  const drifting = components
    .filter(row => row.status !== 'current')
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (b.behind?.count ?? 0) - (a.behind?.count ?? 0) ||
        a.entityRef.localeCompare(b.entityRef),
    );
  return {
    total: components.length,
    current: components.length - drifting.length,
    drifting,
  };
}
