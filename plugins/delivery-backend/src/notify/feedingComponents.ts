import { Knex } from 'knex';

/**
 * The components each source has sent deployments or incidents for, by source name
 * (`argocd`, not `argocd/prod`: events carry the source name only).
 */
export async function feedingComponents(
  knex: Knex,
  sourceNames: string[],
): Promise<Map<string, string[]>> {
  const fed = new Map<string, string[]>();
  if (sourceNames.length === 0) return fed;
  const rows: Array<{ source: string; entity_ref: string }> = await knex
    .select('source', 'entity_ref')
    .from('deployments')
    .whereIn('source', sourceNames)
    .union(q =>
      q
        .select('source', 'entity_ref')
        .from('incidents')
        .whereIn('source', sourceNames),
    );
  for (const row of rows) {
    fed.set(row.source, [...(fed.get(row.source) ?? []), row.entity_ref]);
  }
  for (const refs of fed.values()) refs.sort();
  return fed;
}
