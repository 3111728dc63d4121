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
