import type { DoraDeployment, DoraIncident } from './types';

// Defaults describe one successful production deployment of one component;
// each test overrides only what it is about.

export function deployment(
  id: string,
  finishedAt: string | null,
  overrides: Partial<DoraDeployment> = {},
): DoraDeployment {
  return {
    source: 'github',
    id,
    entityRef: 'component:default/shop',
    environment: 'production',
    status: 'success',
    startedAt: finishedAt ?? '2026-01-01T00:00:00Z',
    finishedAt,
    commits: [],
    ...overrides,
  };
}

export function incident(
  id: string,
  openedAt: string,
  overrides: Partial<DoraIncident> = {},
): DoraIncident {
  return {
    source: 'github',
    id,
    entityRef: 'component:default/shop',
    openedAt,
    ...overrides,
  };
}
