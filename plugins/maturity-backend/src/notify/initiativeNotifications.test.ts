/*
 * Initiative milestones told once, from two replicas at once (PostgreSQL with a
 * connection pool each, SQLite sharing its one database), over the organisation of
 * __testUtils__/fixtures.ts. The initiative runs from 2026-01-01 to 2099-06-30 and
 * covers team-a (alpha, beta, delta: 2 of 3 at level 1); each milestone is one
 * notification to the owning teams team-a, team-a1, team-a2 and its owners
 * (user:default/lead) together.
 */
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultRubric } from '@internal/backstage-plugin-maturity-common';
import type { InitiativeStatus } from '@internal/backstage-plugin-maturity-common';
import {
  EpisodeStore,
  OwnerNotifier,
  RecordingNotificationService,
} from '@internal/owner-notify';
import knexFactory, { Knex } from 'knex';
import { entities, fakeProviders, initiative } from '../__testUtils__/fixtures';
import { Collector } from '../collect/Collector';
import { MaturityStore } from '../database/MaturityStore';
import { MaturityService } from '../service/MaturityService';
import { initiativeEpisodes, MATURITY_FAMILY } from './initiativeEpisodes';
import { notifyInitiativeMilestones } from './startInitiativeNotifications';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function memoryCache() {
  const values = new Map<string, any>();
  return mockServices.cache.mock({
    get: async (key: string) => values.get(key),
    set: async (key: string, value: any) => {
      values.set(key, value);
    },
  });
}

/** A second client on the same database, as a second replica would open. */
function secondClient(knex: Knex, databaseId: TestDatabaseId): Knex {
  if (databaseId.startsWith('SQLITE')) return knex;
  return knexFactory({
    client: 'pg',
    connection: (knex.client as any).config.connection,
  });
}

it.each(databases.eachSupportedId())(
  'tells each milestone once from two replicas at once on %p',
  async databaseId => {
    const knexA = await databases.init(databaseId as TestDatabaseId);
    const knexB = secondClient(knexA, databaseId as TestDatabaseId);
    try {
      const catalog = catalogServiceMock({ entities });
      const auth = mockServices.auth();
      const store = await MaturityStore.create(
        mockServices.database({ knex: knexA }),
      );
      const service = new MaturityService({
        store,
        cache: memoryCache(),
        catalog,
        rubric: defaultRubric,
        initiatives: [initiative],
        maxFactAgeMs: 7 * 86_400_000,
      });
      await new Collector({
        catalog,
        auth,
        logger: mockServices.logger.mock(),
        store,
        service,
        providers: fakeProviders().providers,
        rubric: defaultRubric,
        initiatives: [initiative],
        batchSize: 100,
      }).run();

      const notifications = new RecordingNotificationService();
      const replica = async (knex: Knex) =>
        new OwnerNotifier({
          family: MATURITY_FAMILY,
          store: await EpisodeStore.create(mockServices.database({ knex })),
          notifications,
          logger: mockServices.logger.mock(),
        });
      const [a, b] = [await replica(knexA), await replica(knexB)];
      const both = (now: string) =>
        Promise.all(
          [a, b].map(notifier =>
            notifyInitiativeMilestones({
              service,
              auth,
              notifier,
              now: new Date(now),
            }),
          ),
        );
      const told = () =>
        notifications.sent.map(n => [
          (n.recipients as { entityRef: string[] }).entityRef.join(','),
          n.payload.title,
        ]);

      // Started, far from the deadline: told once, to the teams and owners together.
      await both('2099-01-01T00:00:00Z');
      await both('2099-01-02T00:00:00Z');
      const everyone =
        'group:default/team-a,group:default/team-a1,group:default/team-a2,user:default/lead';
      expect(told()).toEqual([
        [everyone, 'Initiative started: Team A repeatable'],
      ]);
      expect(notifications.sent[0].payload).toMatchObject({
        topic: 'maturity-initiative',
        link: '/maturity?initiative=repeatable-a',
        description:
          'Target level 1 by 30 Jun 2099; 2 of 3 components there (67%).',
      });

      // A month before the deadline, then 5 days before it: each once.
      await both('2099-06-01T00:00:00Z');
      await both('2099-06-25T00:00:00Z');
      await both('2099-06-26T00:00:00Z');
      expect(told().slice(1)).toEqual([
        [everyone, 'A month left: Team A repeatable'],
        [everyone, 'A week left: Team A repeatable'],
      ]);
    } finally {
      if (knexB !== knexA) await knexB.destroy();
    }
  },
  60_000,
);

describe('initiativeEpisodes', () => {
  it('tells only the latest milestone, to every owning team and the owners at once', () => {
    const status: InitiativeStatus = {
      ...initiative,
      progress: {
        components: 2,
        done: 2,
        ratio: 1,
        complete: true,
        remaining: [],
      },
      history: [],
      teams: ['group:default/team-a1'],
    };
    // Started and completed: "started" is superseded, not told late.
    const episodes = initiativeEpisodes([status], new Date('2099-03-01'));
    expect(episodes.map(e => [e.key, e.recipients, e.start.title])).toEqual([
      [
        'maturity:initiative:repeatable-a:completed',
        ['group:default/team-a1', 'user:default/lead'],
        'Initiative complete: Team A repeatable',
      ],
    ]);
    // Before it starts, nothing.
    expect(initiativeEpisodes([status], new Date('2025-12-31'))).toEqual([]);
  });
});
