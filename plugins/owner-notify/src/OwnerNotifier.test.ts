/*
 * Two replicas on one database evaluate the same episodes at the same moment: the
 * owners get one notification when the episode starts, none while it lasts, and its end
 * updates that same notification (same scope). PostgreSQL with a connection pool per
 * replica, as two backends have; SQLite with the one in-memory database shared.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { Episode } from './episodes';
import {
  episodeMigrationsDir,
  episodeMigrationsTable,
  EpisodeStore,
} from './EpisodeStore';
import { OwnerNotifier } from './OwnerNotifier';
import { RecordingNotificationService } from './testUtils';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const frozen: Episode = {
  key: 'slo:freeze:component:default/cart:availability',
  subject: 'component:default/cart:availability',
  topic: 'slo-error-budget',
  entityRef: 'component:default/cart',
  recipients: ['group:default/team-checkout'],
  link: '/catalog/default/component/cart/slos',
  start: { title: 'cart: deploys frozen', severity: 'high' },
  end: { title: 'cart: deploys unfrozen' },
};
const subjects = new Set([frozen.subject]);

/** A second client on the same database, as a second replica would open. */
function secondClient(knex: Knex, databaseId: TestDatabaseId): Knex {
  if (databaseId.startsWith('SQLITE')) return knex;
  return knexFactory({
    client: 'pg',
    connection: (knex.client as any).config.connection,
  });
}

async function replicas(databaseId: TestDatabaseId) {
  const knexA = await databases.init(databaseId);
  await knexA.migrate.latest({
    directory: episodeMigrationsDir,
    tableName: episodeMigrationsTable,
  });
  const knexB = secondClient(knexA, databaseId);
  // One recorder for both, so what was sent is in the order it was sent.
  const notifications = new RecordingNotificationService();
  const make = (knex: Knex) => {
    const notifier = new OwnerNotifier({
      family: 'slo',
      store: new EpisodeStore(knex),
      notifications,
      logger: mockServices.logger.mock(),
    });
    return { notifier, notifications };
  };
  return {
    a: make(knexA),
    b: make(knexB),
    close: async () => {
      if (knexB !== knexA) await knexB.destroy();
    },
  };
}

it.each(databases.eachSupportedId())(
  'sends one notification per episode from two replicas at once on %p',
  async databaseId => {
    const { a, b, close } = await replicas(databaseId as TestDatabaseId);
    const sent = () => a.notifications.sent;
    try {
      // The freeze starts: both replicas see it, one tells.
      await Promise.all([
        a.notifier.reconcile([frozen], subjects),
        b.notifier.reconcile([frozen], subjects),
      ]);
      expect(sent()).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: ['group:default/team-checkout'],
          },
          payload: {
            title: 'cart: deploys frozen',
            description: undefined,
            severity: 'high',
            link: '/catalog/default/component/cart/slos',
            topic: 'slo-error-budget',
            scope: 'slo:freeze:component:default/cart:availability#1',
            metadata: {
              entityRef: 'component:default/cart',
              episodeKey: 'slo:freeze:component:default/cart:availability',
            },
          },
        },
      ]);

      // Still frozen at the next runs: no repeat.
      for (let run = 0; run < 3; run++) {
        await Promise.all([
          a.notifier.reconcile([frozen], subjects),
          b.notifier.reconcile([frozen], subjects),
        ]);
      }
      expect(sent()).toHaveLength(1);

      // The metric source fails: cart is not evaluated, so the freeze does not end.
      await a.notifier.reconcile([], new Set());
      expect(sent()).toHaveLength(1);

      // The budget recovers: one end, updating the same notification.
      await Promise.all([
        a.notifier.reconcile([], subjects),
        b.notifier.reconcile([], subjects),
      ]);
      expect(sent()).toHaveLength(2);
      expect(sent()[1].payload).toMatchObject({
        title: 'cart: deploys unfrozen',
        severity: 'normal',
        scope: 'slo:freeze:component:default/cart:availability#1',
      });

      // Frozen again: a new episode, a new notification (scope #2).
      await Promise.all([
        a.notifier.reconcile([frozen], subjects),
        b.notifier.reconcile([frozen], subjects),
      ]);
      expect(sent()).toHaveLength(3);
      expect(sent()[2].payload.scope).toBe(
        'slo:freeze:component:default/cart:availability#2',
      );
    } finally {
      await close();
    }
  },
  60_000,
);

it.each(databases.eachSupportedId())(
  'tells a one-shot episode once on %p',
  async databaseId => {
    const { a, b, close } = await replicas(databaseId as TestDatabaseId);
    try {
      const denied: Episode = {
        ...frozen,
        key: 'deploy-gate:decision:d-1',
        subject: 'component:default/cart',
        topic: 'deploy-gate-decision',
        end: undefined,
      };
      const results = await Promise.all([
        a.notifier.notifyOnce(denied),
        b.notifier.notifyOnce(denied),
        a.notifier.notifyOnce(denied),
      ]);
      expect(results.filter(Boolean)).toEqual([true]);
      expect(a.notifications.sent).toHaveLength(1);
    } finally {
      await close();
    }
  },
  60_000,
);

it('tells nobody, and says so, when the entity has no owner', async () => {
  const { a, close } = await replicas('SQLITE_3');
  try {
    await a.notifier.reconcile([{ ...frozen, recipients: [] }], subjects);
    expect(a.notifications.sent).toEqual([]);
  } finally {
    await close();
  }
});
