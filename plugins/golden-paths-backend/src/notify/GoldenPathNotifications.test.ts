/*
 * Major golden-path drift over a catalog, on SQLite and PostgreSQL: orders falls a major
 * version behind when the template moves to 2.0.0; team-checkout is told once, not again
 * at the next runs, and told when orders is upgraded.
 */
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EpisodeStore,
  OwnerNotifier,
  RecordingNotificationService,
} from '@internal/owner-notify';
import { GOLDEN_PATHS_FAMILY } from './driftEpisodes';
import { evaluateDriftNotifications } from './GoldenPathNotifications';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const template = (version: string): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name: 'typescript-service',
    annotations: { 'golden-path.acme-portal.io/version': version },
  },
  spec: {},
});
const orders = (version: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    annotations: {
      'golden-path.acme-portal.io/template':
        'template:default/typescript-service',
      'golden-path.acme-portal.io/template-version': version,
    },
  },
  spec: { owner: 'team-checkout' },
});

it.each(databases.eachSupportedId())(
  'tells the owner once when a component falls a major version behind, on %p',
  async databaseId => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const notifications = new RecordingNotificationService();
    const notifier = new OwnerNotifier({
      family: GOLDEN_PATHS_FAMILY,
      store: await EpisodeStore.create(mockServices.database({ knex })),
      notifications,
      logger: mockServices.logger.mock(),
    });
    const run = (entities: Entity[]) =>
      evaluateDriftNotifications({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        notifier,
      });

    await run([template('1.3.0'), orders('1.1.0')]); // minor behind: nothing
    await run([template('2.0.0'), orders('1.1.0')]);
    await run([template('2.0.0'), orders('1.1.0')]);
    await run([template('2.0.0'), orders('2.0.0')]);
    expect(
      notifications.sent.map(n => [
        n.recipients,
        n.payload.title,
        n.payload.scope,
      ]),
    ).toEqual([
      [
        { type: 'entity', entityRef: ['group:default/team-checkout'] },
        'orders is a major version behind its golden path typescript-service',
        'golden-paths:major-behind:component:default/orders#1',
      ],
      [
        { type: 'entity', entityRef: ['group:default/team-checkout'] },
        'orders is back within the major version of its golden path typescript-service',
        'golden-paths:major-behind:component:default/orders#1',
      ],
    ]);
  },
  60_000,
);
