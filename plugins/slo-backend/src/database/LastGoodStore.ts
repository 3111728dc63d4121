import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ObjectiveReport } from '@internal/backstage-plugin-slo-common';
import { Knex } from 'knex';

/** The knex migrations of the SLO store (`plugins/slo-backend/migrations`). */
export const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-slo-backend',
  'migrations',
);

/** The last good report per (entity, objective), kept across restarts. */
export class LastGoodStore {
  static async create(database: DatabaseService): Promise<LastGoodStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new LastGoodStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async save(report: ObjectiveReport): Promise<void> {
    await this.knex('slo_last_good_reports')
      .insert({
        entity_ref: report.entityRef,
        objective_id: report.id,
        source_id: report.source.id,
        evaluated_at: new Date(report.evaluatedAt),
        report: JSON.stringify(report),
      })
      .onConflict(['entity_ref', 'objective_id'])
      .merge(['source_id', 'evaluated_at', 'report']);
  }

  async get(
    entityRef: string,
    objectiveId: string,
  ): Promise<ObjectiveReport | undefined> {
    const row = await this.knex('slo_last_good_reports')
      .where({ entity_ref: entityRef, objective_id: objectiveId })
      .first();
    return row ? (JSON.parse(row.report) as ObjectiveReport) : undefined;
  }
}
