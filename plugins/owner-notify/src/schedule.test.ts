import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { OwnerNotifier } from './OwnerNotifier';
import { readEpisodeSchedule, startOwnerNotifications } from './schedule';

describe('readEpisodeSchedule', () => {
  it('reads the plugin key and falls back to the defaults given, then its own', () => {
    expect(
      readEpisodeSchedule(
        new ConfigReader({
          slo: {
            notifications: { frequency: '2m', initialDelay: { seconds: 30 } },
          },
        }),
        'slo.notifications',
      ),
    ).toEqual({
      enabled: true,
      frequency: { minutes: 2 },
      initialDelay: { seconds: 30 },
    });
    expect(
      readEpisodeSchedule(new ConfigReader({}), 'x.notifications', {
        frequency: { minutes: 15 },
      }),
    ).toEqual({
      enabled: true,
      frequency: { minutes: 15 },
      initialDelay: { minutes: 1 },
    });
    expect(
      readEpisodeSchedule(
        new ConfigReader({ x: { notifications: { enabled: false } } }),
        'x.notifications',
      ).enabled,
    ).toBe(false);
  });

  it('names the key of a bad duration', () => {
    expect(() =>
      readEpisodeSchedule(
        new ConfigReader({ x: { notifications: { frequency: 'soon' } } }),
        'x.notifications',
      ),
    ).toThrow(/x\.notifications\.frequency/);
  });
});

describe('startOwnerNotifications', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const start = async (config: object, database: DatabaseService) => {
    const scheduler = mockServices.scheduler.mock();
    const run = async () => {};
    const evaluator = jest.fn((_notifier: OwnerNotifier) => run);
    await startOwnerNotifications({
      config: new ConfigReader(config),
      configKey: 'x.notifications',
      scheduleDefaults: { frequency: { minutes: 30 } },
      database,
      scheduler,
      logger: mockServices.logger.mock(),
      notifications: { send: jest.fn() },
      family: 'x',
      taskId: 'x-owner-notifications',
      evaluator,
    });
    return { scheduler, evaluator };
  };

  it('touches neither the database nor the scheduler when switched off', async () => {
    const getClient = jest.fn();
    const { scheduler, evaluator } = await start(
      { x: { notifications: { enabled: false } } },
      { getClient },
    );
    expect(getClient).not.toHaveBeenCalled();
    expect(evaluator).not.toHaveBeenCalled();
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
  });

  it('makes the episode table and schedules the run built around the notifier', async () => {
    const knex = await databases.init('SQLITE_3');
    const { scheduler, evaluator } = await start(
      { x: { notifications: { initialDelay: { seconds: 20 } } } },
      { getClient: async () => knex },
    );
    expect(await knex.schema.hasTable('notified_episodes')).toBe(true);
    expect(evaluator).toHaveBeenCalledTimes(1);
    expect(evaluator.mock.calls[0][0]).toBeInstanceOf(OwnerNotifier);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'x-owner-notifications',
        scope: 'global',
        frequency: { minutes: 30 },
        initialDelay: { seconds: 20 },
      }),
    );
  });
});
