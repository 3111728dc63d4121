import { Knex } from 'knex';

/** Entity refs per query: stays under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/**
 * When the data of some components starts: the earliest finish of a successful
 * production deployment or opening of an incident among them, in epoch milliseconds.
 * Undefined when they have neither. Says how much of a past period holds data, so a
 * change against it is only shown when it is comparable.
 */
export async function earliestEventAt(
  knex: Knex,
  entityRefs: string[],
): Promise<number | undefined> {
  let earliest: number | undefined;
  for (let i = 0; i < entityRefs.length; i += CHUNK) {
    const refs = entityRefs.slice(i, i + CHUNK);
    const [deployments, incidents] = await Promise.all([
      knex('dora_deployments')
        .whereIn('entity_ref', refs)
        .min({ at: 'finished_ms' })
        .first(),
      knex('incidents')
        .whereIn('entity_ref', refs)
        .min({ at: 'opened_ms' })
        .first(),
    ]);
    for (const row of [deployments, incidents]) {
      if (row?.at === null || row?.at === undefined) continue;
      const at = Number(row.at);
      earliest = earliest === undefined ? at : Math.min(earliest, at);
    }
  }
  return earliest;
}
