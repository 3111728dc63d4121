import { ConfigReader } from '@backstage/config';
import { readEpisodeSchedule } from './schedule';

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
