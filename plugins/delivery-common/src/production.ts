/** Environments that count as production when config names none (DORA rules). */
export const DEFAULT_PRODUCTION_ENVIRONMENTS = [
  'production',
  'prod',
  'prd',
  'live',
];

/** Lower-cased production environment names, compared case-insensitively. */
export function productionEnvironmentSet(
  productionEnvironments: string[] = DEFAULT_PRODUCTION_ENVIRONMENTS,
): Set<string> {
  return new Set(productionEnvironments.map(e => e.toLowerCase()));
}
