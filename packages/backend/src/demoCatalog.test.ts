/*
 * Loads the demo organisation exactly as app-config.yaml's catalog.locations declare it,
 * through the real catalog backend, on SQLite and on PostgreSQL, and checks that every
 * entity in examples/ is stored and that no entity or location carries a processing error.
 */
import { resolve as resolvePath } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModelModule from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { parse as parseYaml, parseAllDocuments } from 'yaml';

const repoRoot = resolvePath(__dirname, '../../..');
const backendDir = resolvePath(repoRoot, 'packages/backend');

type ConfiguredLocation = {
  type: string;
  target: string;
  rules?: { allow: string[] }[];
};

/** The catalog section of app-config.yaml, with file targets made absolute. */
function demoCatalogConfig() {
  const appConfig = parseYaml(
    readFileSync(resolvePath(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  const locations: ConfiguredLocation[] = appConfig.catalog.locations.map(
    (location: ConfiguredLocation) => ({
      ...location,
      // Targets are relative to the backend process, which runs in packages/backend.
      target: resolvePath(backendDir, location.target),
    }),
  );
  return { ...appConfig.catalog, locations };
}

/** Entity refs of every document in the configured files (what the catalog must hold). */
function expectedEntityRefs(locations: ConfiguredLocation[]): string[] {
  return locations
    .flatMap(location =>
      parseAllDocuments(readFileSync(location.target, 'utf8')).map(
        doc => doc.toJSON() as Entity | null,
      ),
    )
    .filter((entity): entity is Entity => !!entity)
    .map(entity => stringifyEntityRef(entity))
    .sort();
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe('demo catalog', () => {
  it('runs on PostgreSQL too when the full test command runs', () => {
    // The README's test command sets PORTAL_REQUIRE_POSTGRES; without a PostgreSQL
    // connection string TestDatabases would silently test SQLite alone.
    const postgresRequired = Boolean(process.env.PORTAL_REQUIRE_POSTGRES);
    const postgresMissing = !databases.supports('POSTGRES_15');
    expect({ postgresRequired, postgresMissing }).not.toEqual({
      postgresRequired: true,
      postgresMissing: true,
    });
    expect(databases.supports('SQLITE_3')).toBe(true);
  });

  it.each(databases.eachSupportedId())(
    'loads every demo entity without errors, %p',
    async (databaseId: TestDatabaseId) => {
      const knex = await databases.init(databaseId);
      const catalogConfig = demoCatalogConfig();
      const expected = expectedEntityRefs(catalogConfig.locations);

      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          scaffolderEntityModelModule,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: { ...catalogConfig, processingInterval: { seconds: 1 } },
            },
          }),
        ],
      });

      try {
        const baseUrl = `http://localhost:${backend.server.port()}/api/catalog`;
        const headers = {
          Authorization: mockCredentials.user.header('user:default/guest'),
        };
        // AlphaEntity: entities as the API returns them, with their processing status.
        const fetchEntities = async (): Promise<AlphaEntity[]> => {
          const response = await fetch(`${baseUrl}/entities`, { headers });
          expect(response.status).toBe(200);
          return response.json();
        };

        // Processing is asynchronous: wait until every expected entity has been stored.
        let entities: AlphaEntity[] = [];
        const deadline = Date.now() + 90_000;
        for (;;) {
          entities = await fetchEntities();
          const stored = entities.filter(e => e.kind !== 'Location');
          const hasErrors = entities.some(e =>
            e.status?.items?.some(item => item.level === 'error'),
          );
          if (stored.length >= expected.length || hasErrors) break;
          if (Date.now() > deadline) break;
          await new Promise(r => setTimeout(r, 500));
        }

        const storedRefs = entities
          .filter(e => e.kind !== 'Location')
          .map(e => stringifyEntityRef(e))
          .sort();
        expect(storedRefs).toEqual(expected);
        expect(storedRefs).toEqual(
          expect.arrayContaining([
            'component:default/checkout-service',
            'group:default/team-sre',
            'system:default/storefront',
            'user:default/guest',
          ]),
        );

        // Rejected documents surface as errors on their location entity; processing
        // problems of a stored entity surface on the entity itself.
        const errors = entities.flatMap(entity =>
          (entity.status?.items ?? [])
            .filter(item => item.level === 'error')
            .map(item => `${stringifyEntityRef(entity)}: ${item.message}`),
        );
        expect(errors).toEqual([]);
      } finally {
        await backend.stop();
      }
    },
    120_000,
  );
});
