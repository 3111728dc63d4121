import {
  readOptionalSchedule,
  readOptionalDuration,
} from '@internal/backstage-plugin-delivery-node';
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Duration } from 'luxon';
import { DeploymentRule, parseJobPattern } from './mapping/rules';

/** The instance annotations without an `instance:` prefix refer to. */
export const DEFAULT_INSTANCE = 'default';

/** One Jenkins, as the community Jenkins backend plugin configures it. */
export interface JenkinsInstanceConfig {
  name: string;
  /** Without trailing slash. */
  baseUrl: string;
  username?: string;
  apiKey?: string;
  crumbIssuer?: boolean;
  extraRequestHeaders?: Record<string, string>;
}

export interface JenkinsSourceConfig {
  instances: JenkinsInstanceConfig[];
  rules: DeploymentRule[];
  /** What an UNSTABLE build counts as. */
  unstable: 'success' | 'failure';
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How far back each pull reads builds. */
  lookback: Duration;
  maxBuildsPerJob: number;
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  // Lets the catalog and the rest of the backend settle first.
  initialDelay: { minutes: 1 },
};

export const DEFAULT_LOOKBACK = Duration.fromObject({ days: 7 });
export const DEFAULT_MAX_BUILDS_PER_JOB = 500;

/** The Jenkins client refuses a base URL ending in `/`. */
const trimSlashes = (url: string) => url.replace(/\/+$/, '');

function readInstance(
  config: Config,
  name: string,
  where: string,
): JenkinsInstanceConfig {
  const username = config.getOptionalString('username');
  const apiKey = config.getOptionalString('apiKey');
  if (!username !== !apiKey) {
    throw new Error(
      `${where} must have both username and apiKey, or neither for anonymous access`,
    );
  }
  const baseUrl = trimSlashes(config.getString('baseUrl'));
  try {
    if (!['http:', 'https:'].includes(new URL(baseUrl).protocol)) {
      throw new Error('not http(s)');
    }
  } catch {
    throw new Error(`${where}.baseUrl must be an http(s) URL`);
  }
  return {
    name,
    baseUrl,
    ...(username && apiKey ? { username, apiKey } : {}),
    ...(config.has('crumbIssuer')
      ? { crumbIssuer: config.getBoolean('crumbIssuer') }
      : {}),
    ...(config.has('extraRequestHeaders')
      ? {
          extraRequestHeaders: config
            .getConfig('extraRequestHeaders')
            .get<Record<string, string>>(),
        }
      : {}),
  };
}

/**
 * Reads `jenkins` the way the community Jenkins backend plugin does: named
 * `instances`, plus a top-level `baseUrl`/`username`/`apiKey` that is the instance
 * named `default`. Absent config gives no instance.
 */
export function readJenkinsInstances(config: Config): JenkinsInstanceConfig[] {
  const jenkins = config.getOptionalConfig('jenkins');
  if (!jenkins) return [];
  const named = (jenkins.getOptionalConfigArray('instances') ?? []).map(
    (instance, index) =>
      readInstance(
        instance,
        instance.getString('name'),
        `jenkins.instances[${index}]`,
      ),
  );
  const names = new Set<string>();
  for (const { name } of named) {
    if (names.has(name)) {
      throw new Error(`jenkins.instances has two instances named ${name}`);
    }
    names.add(name);
  }
  if (!jenkins.has('baseUrl')) {
    if (jenkins.has('username') || jenkins.has('apiKey')) {
      throw new Error(
        'jenkins has username or apiKey but no baseUrl: all of them, or none, must be given',
      );
    }
    return named;
  }
  if (names.has(DEFAULT_INSTANCE)) {
    throw new Error(
      `jenkins has both a top-level baseUrl and an instance named ${DEFAULT_INSTANCE}; use only one`,
    );
  }
  return [...named, readInstance(jenkins, DEFAULT_INSTANCE, 'jenkins')];
}

function readRules(config: Config): DeploymentRule[] {
  const rules =
    config.getOptionalConfigArray('delivery.jenkins.deployments') ?? [];
  return rules.map((rule, index) => {
    const where = `delivery.jenkins.deployments[${index}]`;
    const job = rule.getOptionalString('job');
    const environment = rule.getOptionalString('environment')?.trim();
    const parameter = rule.getOptionalString('parameter')?.trim();
    if (!environment && !parameter) {
      throw new Error(`${where} must have an environment or a parameter`);
    }
    let pattern;
    try {
      pattern = job === undefined ? undefined : parseJobPattern(job);
    } catch (error) {
      throw new Error(`${where}.job: ${(error as Error).message}`);
    }
    const versionParameter = rule.getOptionalString('versionParameter');
    return {
      ...(pattern ? { job: pattern } : {}),
      ...(environment ? { environment } : {}),
      ...(parameter ? { parameter } : {}),
      ...(versionParameter ? { versionParameter } : {}),
    };
  });
}

function readUnstable(config: Config): 'success' | 'failure' {
  const value =
    config.getOptionalString('delivery.jenkins.unstable') ?? 'failure';
  if (value !== 'success' && value !== 'failure') {
    throw new Error(
      `delivery.jenkins.unstable must be success or failure, not ${value}`,
    );
  }
  return value;
}

function readMaxBuilds(config: Config): number {
  const value =
    config.getOptionalNumber('delivery.jenkins.maxBuildsPerJob') ??
    DEFAULT_MAX_BUILDS_PER_JOB;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      'delivery.jenkins.maxBuildsPerJob must be a positive integer',
    );
  }
  return value;
}

/** Reads `jenkins` and `delivery.jenkins`; a rule or instance that cannot work is an error. */
export function readJenkinsSourceConfig(config: Config): JenkinsSourceConfig {
  return {
    instances: readJenkinsInstances(config),
    rules: readRules(config),
    unstable: readUnstable(config),
    schedule: readOptionalSchedule(
      config,
      'delivery.jenkins.schedule',
      DEFAULT_SCHEDULE,
    ),
    lookback: readOptionalDuration(
      config,
      'delivery.jenkins.lookback',
      DEFAULT_LOOKBACK,
    ),
    maxBuildsPerJob: readMaxBuilds(config),
  };
}

/**
 * Why the Jenkins source is off, or undefined when it is on: without any instance
 * under `jenkins` nothing can be pulled until someone configures one.
 */
export function jenkinsDisabledReason(
  instances: JenkinsInstanceConfig[],
): string | undefined {
  return instances.length === 0
    ? 'not configured: no instance under jenkins (baseUrl, or instances)'
    : undefined;
}
