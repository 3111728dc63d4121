import { ConfigReader } from '@backstage/config';
import { Duration } from 'luxon';
import { readGitlabSourceConfig } from './config';

const read = (data: object) => readGitlabSourceConfig(new ConfigReader(data));

describe('readGitlabSourceConfig', () => {
  it('defaults to a pull every 30 minutes over 7 days, no pipeline rules, merge requests read, and no webhooks without a secret', () => {
    expect(read({})).toEqual({
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      },
      lookback: Duration.fromObject({ days: 7 }),
      pipelines: [],
      mergeRequests: true,
      webhooks: false,
    });
  });

  it('reads the schedule, the lookback, pipeline rules, whether merge requests are read and whether webhooks are checked', () => {
    const config = read({
      events: { modules: { gitlab: { webhookSecret: 's3cret' } } },
      delivery: {
        gitlab: {
          schedule: { frequency: { minutes: 5 }, timeout: { minutes: 4 } },
          lookback: 'P30D',
          mergeRequests: false,
          pipelines: [
            { ref: 'main', environment: 'production' },
            { name: 'Deploy *', source: 'web', environment: ' staging ' },
          ],
        },
      },
    });
    expect(config.schedule).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 4 },
    });
    expect(config.lookback.as('days')).toBe(30);
    expect(config.pipelines).toEqual([
      { ref: 'main', environment: 'production' },
      { name: 'Deploy *', source: 'web', environment: 'staging' },
    ]);
    expect(config.webhooks).toBe(true);
    expect(config.mergeRequests).toBe(false);
  });

  it('refuses a pipeline rule that names no pipeline, or no environment', () => {
    expect(() =>
      read({
        delivery: { gitlab: { pipelines: [{ environment: 'production' }] } },
      }),
    ).toThrow(
      'delivery.gitlab.pipelines[0] must have a ref, name or source pattern',
    );
    expect(() =>
      read({
        delivery: {
          gitlab: { pipelines: [{ ref: 'main', environment: '  ' }] },
        },
      }),
    ).toThrow('delivery.gitlab.pipelines[0].environment must not be empty');
    expect(() =>
      read({
        delivery: { gitlab: { pipelines: [{ ref: 'main' }] } },
      }),
    ).toThrow(/environment/);
  });

  it('refuses a lookback of zero', () => {
    expect(() => read({ delivery: { gitlab: { lookback: 'PT0S' } } })).toThrow(
      'delivery.gitlab.lookback must be a positive duration',
    );
  });
});
