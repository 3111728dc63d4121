import { ConfigReader } from '@backstage/config';
import { Duration } from 'luxon';
import {
  jenkinsDisabledReason,
  readJenkinsInstances,
  readJenkinsSourceConfig,
} from './config';

const instancesOf = (jenkins: object) =>
  readJenkinsInstances(new ConfigReader({ jenkins }));

/** A named instance with every field of the community plugin's shape. */
const euInstance = {
  name: 'eu',
  baseUrl: 'https://jenkins-eu.example.com/ci',
  username: 'bot',
  apiKey: 'k2',
  crumbIssuer: true,
  extraRequestHeaders: { 'X-Team': 'platform' },
};

describe('readJenkinsInstances', () => {
  it('reads the community plugin shape: named instances plus a top-level default', () => {
    expect(
      instancesOf({
        baseUrl: 'https://jenkins.example.com/',
        username: 'backstage',
        apiKey: 'k1',
        instances: [euInstance],
      }),
    ).toEqual([
      // Read as configured: every field of the community plugin's shape.
      euInstance,
      {
        name: 'default',
        baseUrl: 'https://jenkins.example.com',
        username: 'backstage',
        apiKey: 'k1',
      },
    ]);
  });

  it('accepts an instance without credentials, and no jenkins config at all', () => {
    expect(instancesOf({ baseUrl: 'http://jenkins:8080' })).toEqual([
      { name: 'default', baseUrl: 'http://jenkins:8080' },
    ]);
    expect(readJenkinsInstances(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [
      { baseUrl: 'https://a', username: 'u' },
      'jenkins must have both username and apiKey, or neither for anonymous access',
    ],
    [
      { apiKey: 'k' },
      'jenkins has username or apiKey but no baseUrl: all of them, or none, must be given',
    ],
    [
      {
        baseUrl: 'https://a',
        instances: [{ name: 'default', baseUrl: 'https://b' }],
      },
      'jenkins has both a top-level baseUrl and an instance named default; use only one',
    ],
    [
      {
        instances: [
          { name: 'eu', baseUrl: 'https://a' },
          { name: 'eu', baseUrl: 'https://b' },
        ],
      },
      'jenkins.instances has two instances named eu',
    ],
    [
      { instances: [{ name: 'x', baseUrl: 'jenkins.example.com' }] },
      'jenkins.instances[0].baseUrl must be an http(s) URL',
    ],
  ])('refuses %j', (jenkins, message) => {
    expect(() => instancesOf(jenkins)).toThrow(message);
  });
});

describe('readJenkinsSourceConfig', () => {
  it('defaults to no rule, UNSTABLE as failure, a half-hourly pull of 7 days and 500 builds per job', () => {
    expect(readJenkinsSourceConfig(new ConfigReader({}))).toEqual({
      instances: [],
      rules: [],
      unstable: 'failure',
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      },
      lookback: Duration.fromObject({ days: 7 }),
      maxBuildsPerJob: 500,
    });
  });

  it('reads rules, schedule, lookback and limits', () => {
    const config = readJenkinsSourceConfig(
      new ConfigReader({
        delivery: {
          jenkins: {
            deployments: [
              { job: '/^deploy-(.+)$/', environment: '$1' },
              { parameter: 'DEPLOY_ENV', versionParameter: 'VERSION' },
            ],
            unstable: 'success',
            schedule: { frequency: { hours: 1 }, timeout: 'PT5M' },
            lookback: 'P30D',
            maxBuildsPerJob: 100,
          },
        },
      }),
    );
    expect(config.rules).toEqual([
      {
        job: {
          source: '/^deploy-(.+)$/',
          regex: /^deploy-(.+)$/,
          isRegex: true,
        },
        environment: '$1',
      },
      { parameter: 'DEPLOY_ENV', versionParameter: 'VERSION' },
    ]);
    expect(config.unstable).toBe('success');
    expect(config.schedule).toMatchObject({
      frequency: { hours: 1 },
      timeout: { minutes: 5 },
    });
    expect(config.lookback.as('days')).toBe(30);
    expect(config.maxBuildsPerJob).toBe(100);
  });

  it.each([
    [
      { deployments: [{ job: 'deploy' }] },
      'delivery.jenkins.deployments[0] must have an environment or a parameter',
    ],
    [
      { deployments: [{ job: '/(/', environment: 'x' }] },
      /^delivery\.jenkins\.deployments\[0\]\.job: invalid regular expression/,
    ],
    [
      { unstable: 'maybe' },
      'delivery.jenkins.unstable must be success or failure, not maybe',
    ],
    [
      { maxBuildsPerJob: 0 },
      'delivery.jenkins.maxBuildsPerJob must be a positive integer',
    ],
  ])('refuses %j', (jenkins, message) => {
    expect(() =>
      readJenkinsSourceConfig(new ConfigReader({ delivery: { jenkins } })),
    ).toThrow(message);
  });
});

describe('jenkinsDisabledReason', () => {
  it('turns the source off, with the reason, until an instance is configured', () => {
    expect(
      jenkinsDisabledReason(readJenkinsInstances(new ConfigReader({}))),
    ).toBe('not configured: no instance under jenkins (baseUrl, or instances)');
    // An instance without credentials is anonymous access, which Jenkins allows.
    expect(
      jenkinsDisabledReason(
        readJenkinsInstances(
          new ConfigReader({ jenkins: { baseUrl: 'https://ci.acme.test' } }),
        ),
      ),
    ).toBeUndefined();
  });
});
