/*
 * Stale-source notifications over the real delivery store on SQLite and PostgreSQL:
 * events from argocd name checkout-service (team-checkout); once argocd/prod has been
 * stale for the threshold, team-checkout is told once, by one of two replicas, and told
 * again when it is fresh.
 */
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SourceStatus } from '@internal/backstage-plugin-delivery-common';
import {
  EpisodeStore,
  OwnerNotifier,
  RecordingNotificationService,
} from '@internal/owner-notify';
import { DeliveryStore } from '../database/DeliveryStore';
import { ingestEvents } from '../service/ingest';
import { DeliveryOwnerNotifications } from './DeliveryOwnerNotifications';
import { feedingComponents } from './feedingComponents';
import { DELIVERY_FAMILY } from './staleSourceEpisodes';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

it.each(databases.eachSupportedId())(
  'tells the owners of the components a stale source feeds, once, on %p',
  async databaseId => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const database = mockServices.database({ knex });
    const store = await DeliveryStore.create(database, {
      productionEnvironments: ['production'],
    });
    await ingestEvents(store, [
      {
        kind: 'deployment',
        source: 'argocd',
        id: 'd-1',
        entityRef: 'component:default/checkout-service',
        environment: 'production',
        status: 'success',
        startedAt: '2026-12-06T06:00:00Z',
        finishedAt: '2026-12-06T06:05:00Z',
        commits: [],
      },
      {
        kind: 'incident',
        source: 'pagerduty',
        id: 'i-1',
        entityRef: 'component:default/search-service',
        title: 'search down',
        openedAt: '2026-12-06T07:00:00Z',
      },
    ]);
    expect(await feedingComponents(knex, ['argocd', 'pagerduty'])).toEqual(
      new Map([
        ['argocd', ['component:default/checkout-service']],
        ['pagerduty', ['component:default/search-service']],
      ]),
    );

    let status: SourceStatus = {
      id: 'argocd/prod',
      source: 'argocd',
      instance: 'prod',
      stale: true,
      staleSince: '2026-12-06T09:00:00Z',
      failing: ['pull'],
    };
    const notifications = new RecordingNotificationService();
    const episodes = await EpisodeStore.create(database);
    const replica = () =>
      new DeliveryOwnerNotifications({
        freshness: async () => [status],
        feeding: names => feedingComponents(knex, names),
        catalog: catalogServiceMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'checkout-service' },
              spec: { owner: 'team-checkout' },
            },
          ],
        }),
        auth: mockServices.auth(),
        notifier: new OwnerNotifier({
          family: DELIVERY_FAMILY,
          store: episodes,
          notifications,
          logger: mockServices.logger.mock(),
        }),
        staleForMs: 2 * 3_600_000,
        logger: mockServices.logger.mock(),
      });
    const [a, b] = [replica(), replica()];
    const at = new Date('2026-12-06T12:00:00Z');

    await Promise.all([a.evaluate(at), b.evaluate(at)]);
    await a.evaluate(new Date('2026-12-06T12:05:00Z'));
    expect(
      notifications.sent.map(n => [n.recipients, n.payload.title]),
    ).toEqual([
      [
        { type: 'entity', entityRef: ['group:default/team-checkout'] },
        'Delivery source argocd/prod stale for 3 hours',
      ],
    ]);

    status = { ...status, stale: false, staleSince: undefined, failing: [] };
    await Promise.all([a.evaluate(at), b.evaluate(at)]);
    expect(notifications.sent.map(n => n.payload.title)).toEqual([
      'Delivery source argocd/prod stale for 3 hours',
      'Delivery source argocd/prod is fresh again',
    ]);
  },
  60_000,
);
