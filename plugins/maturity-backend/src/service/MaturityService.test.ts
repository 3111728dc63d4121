/*
 * The levels cache on SQLite and PostgreSQL: computed once per collection run, shared
 * by replicas through the cache service, recomputed after a new run or with another
 * rubric.
 */
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultRubric,
  parseRubric,
} from '@internal/backstage-plugin-maturity-common';
import { entities } from '../__testUtils__/fixtures';
import { MaturityStore } from '../database/MaturityStore';
import { MaturityService } from './MaturityService';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

it.each(databases.eachSupportedId())(
  'computes levels once per run and rubric, shared through the cache, on %p',
  async databaseId => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const store = await MaturityStore.create(mockServices.database({ knex }));
    const values = new Map<string, any>();
    const cache = mockServices.cache.mock({
      get: async (key: string) => values.get(key),
      set: async (key: string, value: any) => {
        values.set(key, value);
      },
    });
    const replica = (rubric = defaultRubric) => {
      const service = new MaturityService({
        store,
        cache,
        catalog: catalogServiceMock({ entities }),
        rubric,
        initiatives: [],
        maxFactAgeMs: 86_400_000,
      });
      return { service, compute: jest.spyOn(service, 'computeLevels') };
    };
    const run = async () => {
      const id = await store.startRun(new Date());
      await store.saveFacts(
        'catalog',
        new Map([
          [
            'component:default/alpha',
            { owner: 'group:default/team-a1', annotations: {}, links: [] },
          ],
        ]),
        new Date(),
      );
      await store.finishRun(id, {
        finishedAt: new Date(),
        components: 1,
        failedDomains: [],
      });
    };

    await run();
    const a = replica();
    const first = await a.service.levels();
    await a.service.levels();
    expect(a.compute).toHaveBeenCalledTimes(1);
    // another replica reads the same run's levels from the shared cache
    const b = replica();
    expect(await b.service.levels()).toEqual(first);
    expect(b.compute).not.toHaveBeenCalled();
    // a new run is a new key: computed again
    await run();
    const second = await a.service.levels();
    expect(second.version).toBe(first.version + 1);
    expect(a.compute).toHaveBeenCalledTimes(2);
    // another rubric never reads levels cached under the old one
    const c = replica(parseRubric({ ...defaultRubric, name: 'other' }));
    await c.service.levels();
    expect(c.compute).toHaveBeenCalledTimes(1);
  },
  60_000,
);
