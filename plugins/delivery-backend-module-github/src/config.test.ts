import { ConfigReader } from '@backstage/config';
import { Duration } from 'luxon';
import { readGithubSourceConfig } from './config';

describe('readGithubSourceConfig', () => {
  it('reads the workflow rules in order', () => {
    const config = new ConfigReader({
      delivery: {
        github: {
          workflows: [
            { name: 'Deploy', environment: 'production' },
            { path: '.github/workflows/stage-*.yml', environment: 'staging' },
          ],
        },
      },
    });
    expect(readGithubSourceConfig(config).workflows).toEqual([
      { name: 'Deploy', environment: 'production' },
      { path: '.github/workflows/stage-*.yml', environment: 'staging' },
    ]);
  });

  it('defaults to no workflow being a deployment, a half-hourly pull of 7 days, incidents labelled incident and changes read', () => {
    expect(readGithubSourceConfig(new ConfigReader({}))).toEqual({
      workflows: [],
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      },
      lookback: Duration.fromObject({ days: 7 }),
      incidents: { enabled: true, label: 'incident' },
      changes: { enabled: true },
      requestTimeout: Duration.fromObject({ seconds: 30 }),
    });
  });

  it('reads the changes switch', () => {
    expect(
      readGithubSourceConfig(
        new ConfigReader({
          delivery: { github: { changes: { enabled: false } } },
        }),
      ).changes,
    ).toEqual({ enabled: false });
  });

  it('reads the incident label and switch', () => {
    const read = (incidents: object) =>
      readGithubSourceConfig(
        new ConfigReader({ delivery: { github: { incidents } } }),
      ).incidents;
    expect(read({ label: ' Outage ' })).toEqual({
      enabled: true,
      label: 'Outage',
    });
    expect(read({ enabled: false })).toEqual({
      enabled: false,
      label: 'incident',
    });
    expect(() => read({ label: 'a,b' })).toThrow(
      'delivery.github.incidents.label must be a non-empty label name without commas',
    );
    expect(() => read({ label: ' ' })).toThrow(/non-empty/);
  });

  it('reads the pull schedule and lookback', () => {
    const { schedule, lookback } = readGithubSourceConfig(
      new ConfigReader({
        delivery: {
          github: {
            schedule: { frequency: { hours: 1 }, timeout: 'PT5M' },
            lookback: { days: 90 },
          },
        },
      }),
    );
    expect(schedule.frequency).toEqual({ hours: 1 });
    expect(lookback.as('days')).toBe(90);
  });

  it('refuses rules that would match every workflow or name no environment', () => {
    const read = (rule: object) => () =>
      readGithubSourceConfig(
        new ConfigReader({ delivery: { github: { workflows: [rule] } } }),
      );
    expect(read({ environment: 'production' })).toThrow(
      'delivery.github.workflows[0] must have a name or a path pattern',
    );
    expect(read({ name: 'Deploy' })).toThrow(/environment/);
  });
});
