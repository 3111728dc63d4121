import { matchesPattern } from '@internal/backstage-plugin-delivery-node';

/** A config rule: syncs whose destination matches every given pattern go to `environment`. */
export interface EnvironmentRule {
  environment: string;
  instance?: string;
  server?: string;
  cluster?: string;
  namespace?: string;
  app?: string;
  project?: string;
}

/** What a sync tells about where it went. */
export interface SyncDestination {
  instance: string;
  app: string;
  project?: string;
  /** `spec.destination.server` */
  server?: string;
  /** `spec.destination.name` */
  name?: string;
  /** `spec.destination.namespace` */
  namespace?: string;
}

/** The address Argo CD gives the cluster it runs in; its default name is `in-cluster`. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** The destination cluster's name, `in-cluster` for the local cluster addressed by URL. */
export function clusterName(destination: SyncDestination): string | undefined {
  if (destination.name) return destination.name;
  return destination.server?.replace(/\/+$/, '') === IN_CLUSTER_SERVER
    ? 'in-cluster'
    : undefined;
}

function ruleMatches(rule: EnvironmentRule, destination: SyncDestination) {
  const values: Record<
    keyof Omit<EnvironmentRule, 'environment'>,
    string | undefined
  > = {
    instance: destination.instance,
    server: destination.server,
    cluster: clusterName(destination),
    namespace: destination.namespace,
    app: destination.app,
    project: destination.project,
  };
  return (Object.keys(values) as (keyof typeof values)[]).every(key => {
    const pattern = rule[key];
    if (pattern === undefined) return true;
    const value = values[key];
    return value !== undefined && matchesPattern(pattern, value);
  });
}

/**
 * Environment words, most specific first: `pre-prod` must say staging before `prod`
 * can say production. A word counts only between separators (`-`, `.`, `_`, `/`
 * or the ends), so `product` or `devops` say nothing.
 */
const ENVIRONMENT_WORDS: [environment: string, words: string][] = [
  ['staging', 'pre-?prod(?:uction)?|staging|stage|stg'],
  ['production', 'production|prod|prd|live'],
  ['test', 'test|qa|uat'],
  ['development', 'development|dev'],
];

const wordMatchers = ENVIRONMENT_WORDS.map(
  ([environment, words]) =>
    [
      environment,
      new RegExp(`(?:^|[^a-z0-9])(?:${words})(?:[^a-z0-9]|$)`),
    ] as const,
);

function environmentWord(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const lower = value.toLowerCase();
  return wordMatchers.find(([, matcher]) => matcher.test(lower))?.[0];
}

/** Where the default looks for an environment word, nearest to the workload first. */
function inferenceCandidates(destination: SyncDestination) {
  let host: string | undefined;
  try {
    host = destination.server
      ? new URL(destination.server).hostname
      : undefined;
  } catch {
    host = destination.server;
  }
  return [
    destination.namespace,
    clusterName(destination),
    host,
    destination.app,
    destination.project,
    destination.instance,
  ];
}

/**
 * The environment of a sync: the first config rule that matches, else the first
 * environment word in the destination namespace, cluster name, server host,
 * application name, project or instance name (in that order), else `fallback`.
 */
export function environmentFor(
  rules: EnvironmentRule[],
  destination: SyncDestination,
  fallback: string,
): string {
  const rule = rules.find(r => ruleMatches(r, destination));
  if (rule) return rule.environment;
  for (const candidate of inferenceCandidates(destination)) {
    const environment = environmentWord(candidate);
    if (environment) return environment;
  }
  return fallback;
}
