/*
 * The SLO owner notifications over a catalog, on SQLite and PostgreSQL: a frozen
 * component's owners are told once, by one of two replicas evaluating at the same
 * moment (two connection pools on one PostgreSQL database), open SLO pages get one
 * signal, and the end of the freeze updates the same notification.
 */
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import {
  EpisodeStore,
  episodeMigrationsDir,
  episodeMigrationsTable,
  OwnerNotifier,
  RecordingNotificationService,
} from '@internal/owner-notify';
import knexFactory, { Knex } from 'knex';
import { ComponentEvaluation, SLO_FAMILY } from './sloEpisodes';
import { SloOwnerNotifications } from './SloOwnerNotifications';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'product-catalog-service',
      annotations: { 'slo.acme-portal.io/openslo-file': './slo/pcs.yaml' },
    },
    spec: { owner: 'team-catalog' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-catalog' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'no-slos' },
    spec: { owner: 'team-catalog' },
  },
];

type Objective = ComponentEvaluation['objectives'][number];
const objective = (frozen: boolean): Objective => ({
  id: 'availability',
  definition: {},
  state: frozen ? 'exhausted' : 'ok',
  frozen,
  exhaustedSince: frozen ? '2026-12-06T01:00:00Z' : null,
  burnRates: [],
  freshness: {
    stale: false,
    lastSuccessAt: '2026-12-06T05:00:00Z',
    lastError: null,
    lastErrorAt: null,
  },
  budget: {
    total: 0.001,
    consumed: 1.25,
    remaining: frozen ? -0.25 : 0.5,
    badEventsLeft: null,
    timeLeftMs: null,
    timeToExhaustionMs: null,
    windowBurnRate: null,
    currentBurnRate: null,
  },
});

class RecordingSignals implements SignalsService {
  readonly published: SignalPayload[] = [];
  async publish(signal: SignalPayload) {
    this.published.push(signal as SignalPayload);
  }
}

it.each(databases.eachSupportedId())(
  'tells the owners of a frozen component once from two replicas, and signals, on %p',
  async databaseId => {
    const knexA = await databases.init(databaseId as TestDatabaseId);
    await knexA.migrate.latest({
      directory: episodeMigrationsDir,
      tableName: episodeMigrationsTable,
    });
    const knexB: Knex = databaseId.startsWith('SQLITE')
      ? knexA
      : knexFactory({
          client: 'pg',
          connection: (knexA.client as any).config.connection,
        });
    let frozen = true;
    const notifications = new RecordingNotificationService();
    const signals = new RecordingSignals();
    const replica = (knex: Knex) =>
      new SloOwnerNotifications({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        reportsOf: async entity =>
          entity.metadata.name === 'no-slos' ? [] : [objective(frozen)],
        notifier: new OwnerNotifier({
          family: SLO_FAMILY,
          store: new EpisodeStore(knex),
          notifications,
          logger: mockServices.logger.mock(),
        }),
        signals,
        logger: mockServices.logger.mock(),
      });
    const [a, b] = [replica(knexA), replica(knexB)];
    try {
      await Promise.all([a.evaluate(), b.evaluate()]);
      await Promise.all([a.evaluate(), b.evaluate()]);
      expect(notifications.sent).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: ['group:default/team-catalog'],
          },
          payload: {
            title:
              'Deploys frozen: product-catalog-service has spent the error budget of availability',
            description:
              'Error budget spent: 125% since 6 Dec 2026, 01:00 UTC. The error budget policy stops production deploys until the budget recovers.',
            severity: 'high',
            link: '/catalog/default/component/product-catalog-service/slos',
            topic: 'slo-budget-freeze',
            scope:
              'slo:freeze:component:default/product-catalog-service:availability#1',
            metadata: {
              entityRef: 'component:default/product-catalog-service',
              episodeKey:
                'slo:freeze:component:default/product-catalog-service:availability',
            },
          },
        },
      ]);
      expect(signals.published).toEqual([
        {
          recipients: { type: 'broadcast' },
          channel: 'slo-policy',
          message: {
            entityRef: 'component:default/product-catalog-service',
            frozen: true,
          },
        },
      ]);

      frozen = false;
      await Promise.all([a.evaluate(), b.evaluate()]);
      expect(notifications.sent).toHaveLength(2);
      expect(notifications.sent[1].payload).toMatchObject({
        title:
          'Deploys unfrozen: product-catalog-service has error budget again on availability',
        scope:
          'slo:freeze:component:default/product-catalog-service:availability#1',
      });
      expect(signals.published.map(s => s.message)).toEqual([
        {
          entityRef: 'component:default/product-catalog-service',
          frozen: true,
        },
        {
          entityRef: 'component:default/product-catalog-service',
          frozen: false,
        },
      ]);
    } finally {
      if (knexB !== knexA) await knexB.destroy();
    }
  },
  60_000,
);

it('keeps an episode open when its component cannot be evaluated', async () => {
  const knex = await databases.init('SQLITE_3');
  await knex.migrate.latest({
    directory: episodeMigrationsDir,
    tableName: episodeMigrationsTable,
  });
  const notifications = new RecordingNotificationService();
  let fail = false;
  const run = new SloOwnerNotifications({
    catalog: catalogServiceMock({ entities: entities.slice(0, 1) }),
    auth: mockServices.auth(),
    reportsOf: async () => {
      if (fail) throw new Error('prometheus:default: connection refused');
      return [objective(true)];
    },
    notifier: new OwnerNotifier({
      family: SLO_FAMILY,
      store: new EpisodeStore(knex),
      notifications,
      logger: mockServices.logger.mock(),
    }),
    logger: mockServices.logger.mock(),
  });
  await run.evaluate();
  fail = true;
  await run.evaluate();
  fail = false;
  await run.evaluate();
  // One start, no end, no second start.
  expect(notifications.sent).toHaveLength(1);
});
