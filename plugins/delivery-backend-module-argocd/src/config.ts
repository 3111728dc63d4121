import { readOptionalSchedule } from '@internal/backstage-plugin-delivery-node';
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { EnvironmentRule } from './mapping/environment';

/** How the module authenticates to an instance. */
export type InstanceCredentials =
  | { token: string }
  | { username: string; password: string };

/** One Argo CD server, from `argocd.appLocatorMethods[type=config].instances[]`. */
export interface ArgocdInstance {
  name: string;
  /** Base URL without a trailing slash. */
  url: string;
  /** Absent: the instance is not pulled and commit details cannot be read. */
  credentials?: InstanceCredentials;
}

export interface ArgocdSourceConfig {
  instances: ArgocdInstance[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  environments: EnvironmentRule[];
  defaultEnvironment: string;
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  // Lets the catalog and the rest of the backend settle first.
  initialDelay: { minutes: 1 },
};

export const DEFAULT_ENVIRONMENT = 'unknown';

const RULE_PATTERNS = [
  'instance',
  'server',
  'cluster',
  'namespace',
  'app',
  'project',
] as const;

function readCredentials(
  instance: Config,
  defaults: { username?: string; password?: string },
  where: string,
): InstanceCredentials | undefined {
  const token = instance.getOptionalString('token');
  if (token) return { token };
  const username = instance.getOptionalString('username') ?? defaults.username;
  const password = instance.getOptionalString('password') ?? defaults.password;
  if (username && password) return { username, password };
  if (username || password) {
    throw new Error(`${where} needs both a username and a password`);
  }
  return undefined;
}

function readUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${where}.url must be an absolute URL, got '${value}'`);
  }
  if (!['http:', 'https:'].includes(url.protocol)) {
    throw new Error(`${where}.url must be an http(s) URL, got '${value}'`);
  }
  return value.replace(/\/+$/, '');
}

/** Reads the Roadie / community plugin's instance list; names must be unique. */
export function readInstances(config: Config): ArgocdInstance[] {
  const defaults = {
    username: config.getOptionalString('argocd.username'),
    password: config.getOptionalString('argocd.password'),
  };
  const methods =
    config.getOptionalConfigArray('argocd.appLocatorMethods') ?? [];
  const instances: ArgocdInstance[] = [];
  methods.forEach((method, m) => {
    if (method.getString('type') !== 'config') return;
    method.getConfigArray('instances').forEach((instance, i) => {
      const where = `argocd.appLocatorMethods[${m}].instances[${i}]`;
      const name = instance.getString('name').trim();
      if (!name || name.includes('/')) {
        throw new Error(`${where}.name must be a non-empty name without '/'`);
      }
      if (instances.some(other => other.name === name)) {
        throw new Error(`${where}.name '${name}' is used by another instance`);
      }
      instances.push({
        name,
        url: readUrl(instance.getString('url'), where),
        credentials: readCredentials(instance, defaults, where),
      });
    });
  });
  return instances;
}

function readEnvironmentRules(config: Config): EnvironmentRule[] {
  const rules =
    config.getOptionalConfigArray('delivery.argocd.environments') ?? [];
  return rules.map((rule, index) => {
    const patterns = Object.fromEntries(
      RULE_PATTERNS.flatMap(key => {
        const value = rule.getOptionalString(key);
        return value === undefined ? [] : [[key, value]];
      }),
    );
    if (Object.keys(patterns).length === 0) {
      throw new Error(
        `delivery.argocd.environments[${index}] must have at least one of ${RULE_PATTERNS.join(
          ', ',
        )}`,
      );
    }
    const environment = rule.getString('environment').trim();
    if (!environment) {
      throw new Error(
        `delivery.argocd.environments[${index}].environment must not be empty`,
      );
    }
    return { ...patterns, environment };
  });
}

/** Reads `argocd` and `delivery.argocd` at start, so a bad entry stops the backend. */
export function readArgocdSourceConfig(config: Config): ArgocdSourceConfig {
  return {
    instances: readInstances(config),
    schedule: readOptionalSchedule(
      config,
      'delivery.argocd.schedule',
      DEFAULT_SCHEDULE,
    ),
    environments: readEnvironmentRules(config),
    defaultEnvironment:
      config.getOptionalString('delivery.argocd.defaultEnvironment')?.trim() ||
      DEFAULT_ENVIRONMENT,
  };
}
