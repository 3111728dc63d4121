import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-deploy-gate-backend-module-github',
  'migrations',
);

/** The module shares the deploy gate's database: its migrations keep a table of their own. */
export const MIGRATIONS_TABLE = 'deploy_gate_github_knex_migrations';

/** The deploy gate's knex client, with this module's tables migrated unless migrations are skipped. */
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
