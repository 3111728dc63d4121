/* Normalised events as sources send them, for the end-to-end tests. */

/** A successful production deployment of a component; `extra` overrides any field. */
export const productionDeployment = (
  id: string,
  entity: string,
  finishedAt: string,
  extra: Record<string, unknown> = {},
) => ({
  kind: 'deployment',
  source: 'github',
  id,
  entityRef: `component:default/${entity}`,
  environment: 'production',
  status: 'success',
  startedAt: finishedAt,
  finishedAt,
  commits: [],
  ...extra,
});

/** A successful production deployment of checkout, with the given fields. */
export const checkoutDeployment = (overrides: Record<string, unknown>) => ({
  kind: 'deployment',
  source: 'github',
  entityRef: 'component:default/checkout',
  environment: 'production',
  status: 'success',
  commits: [],
  ...overrides,
});

/** An incident of a component as GitHub issues report it; `extra` adds or overrides fields. */
export const componentIncident = (
  id: string,
  entity: string,
  title: string,
  openedAt: string,
  extra: Record<string, unknown> = {},
) => ({
  kind: 'incident',
  source: 'github',
  id,
  entityRef: `component:default/${entity}`,
  title,
  openedAt,
  ...extra,
});

/** Checkout's incident an hour after its 00:00 deployment d3 on 2026-01-08, resolved in 2 h. */
export const checkoutIncident = componentIncident(
  'i1',
  'checkout',
  'Checkout errors',
  '2026-01-08T01:00:00Z',
  { resolvedAt: '2026-01-08T03:00:00Z', deploymentId: 'd3' },
);
