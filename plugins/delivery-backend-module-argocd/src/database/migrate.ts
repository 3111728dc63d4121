import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-delivery-backend-module-argocd',
  'migrations',
);

/** The module shares the delivery plugin's database: its migrations keep a table of their own. */
export const MIGRATIONS_TABLE = 'delivery_argocd_knex_migrations';

/** The delivery plugin's knex client, with this module's tables migrated unless migrations are skipped. */
export async function migratedClient(database: DatabaseService): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({
      directory: migrationsDir,
      tableName: MIGRATIONS_TABLE,
    });
  }
  return knex;
}
