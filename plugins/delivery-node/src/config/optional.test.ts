import { ConfigReader } from '@backstage/config';
import { Duration } from 'luxon';
import { readOptionalDuration, readOptionalSchedule } from './optional';

describe('optional source config', () => {
  const config = new ConfigReader({
    delivery: {
      x: {
        schedule: { frequency: { minutes: 5 }, timeout: 'PT2M' },
        lookback: { days: 3 },
        timeout: '45s',
      },
    },
  });
  const fallbackSchedule = {
    frequency: { minutes: 15 },
    timeout: { minutes: 10 },
  };

  it('reads the schedule configured, else the default', () => {
    expect(
      readOptionalSchedule(config, 'delivery.x.schedule', fallbackSchedule),
    ).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 2 },
      initialDelay: undefined,
      scope: undefined,
    });
    expect(
      readOptionalSchedule(config, 'delivery.y.schedule', fallbackSchedule),
    ).toBe(fallbackSchedule);
  });

  it.each([
    // key, default in seconds, answer in seconds
    ['delivery.x.lookback', 7 * 86_400, 3 * 86_400],
    ['delivery.x.timeout', 30, 45],
    ['delivery.y.lookback', 7 * 86_400, 7 * 86_400],
  ])('reads %s (default %ss) as %ss', (key, fallback, seconds) => {
    expect(
      readOptionalDuration(
        config,
        key,
        Duration.fromObject({ seconds: fallback }),
      ).as('seconds'),
    ).toBe(seconds);
  });

  it('names the key of a bad value', () => {
    const bad = new ConfigReader({ delivery: { x: { lookback: 'soon' } } });
    expect(() =>
      readOptionalDuration(bad, 'delivery.x.lookback', Duration.fromMillis(1)),
    ).toThrow(/delivery\.x\.lookback/);
  });
});
