import { LoggerService } from '@backstage/backend-plugin-api';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { ArgocdClient } from '../client/client';
import { Application } from '../client/types';
import { ArgocdInstance } from '../config';
import { RolloutMemory } from '../database/RolloutMemory';
import { deliverApplication, DeliverOptions } from '../mapping/deliver';
import { applicationKey, SOURCE_ID } from '../mapping/ids';
import { trackApplicationRollouts } from './rollouts';
import {
  APP_NAME_ANNOTATION,
  ArgocdClaim,
  claimsInstance,
} from '../matching/claims';

export interface PullOptions
  extends Omit<DeliverOptions, 'claims' | 'syncs' | 'rolloutFacts'> {
  instances: ArgocdInstance[];
  /**
   * Where the Argo Rollouts revisions seen are kept: with it, each application's
   * Rollouts are read (through Argo CD) and their phases go into the syncs' events.
   */
  rollouts?: { memory: RolloutMemory; now?: () => string };
  /** A client with retries, or undefined for an instance without credentials. */
  clientFor: (instance: ArgocdInstance) => ArgocdClient | undefined;
  claims: () => Promise<ArgocdClaim[]>;
  sink: DeliveryEventSink;
  logger: LoggerService;
}

export interface InstancePullResult {
  instance: string;
  /** Applications read. */
  applications: number;
  /** Syncs handed to the store. */
  syncs: number;
  /** What failed, for `reportSync`; absent when all went well. */
  error?: string;
}

/** `reportSync` errors stay short: the first problems, and how many there were. */
const MAX_REPORTED_PROBLEMS = 3;

function summarise(problems: string[]): string | undefined {
  if (problems.length === 0) return undefined;
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).join('; ');
  return problems.length > MAX_REPORTED_PROBLEMS
    ? `${problems.length} problems: ${shown}; …`
    : shown;
}

const listKey = (claim: ArgocdClaim) =>
  JSON.stringify([claim.selector, claim.project, claim.namespace]);

/** A name claim: the application it names, on one instance or any. */
const nameKey = (claim: ArgocdClaim) =>
  JSON.stringify([
    claim.entityRef,
    claim.appName,
    claim.namespace,
    claim.instance,
  ]);

/**
 * Reads, on one instance, every application some claim may name: by name
 * (`GET /api/v1/applications/{name}`), by labels or by project
 * (`GET /api/v1/applications?selector=…`). Argo CD answers a list in one piece:
 * its List API has no pages. A failing request is noted and the others still made.
 */
async function readApplications(
  client: ArgocdClient,
  claims: ArgocdClaim[],
): Promise<{
  apps: Map<string, Application>;
  found: Set<string>;
  problems: string[];
}> {
  const apps = new Map<string, Application>();
  const found = new Set<string>();
  const problems: string[] = [];
  const add = (app: Application) =>
    apps.set(`${app.metadata.namespace}/${app.metadata.name}`, app);

  const byName = new Map<string, Promise<Application | undefined>>();
  const lists = new Set<string>();
  for (const claim of claims) {
    try {
      if (claim.kind === 'name') {
        const key = JSON.stringify([claim.appName, claim.namespace]);
        if (!byName.has(key)) {
          byName.set(
            key,
            client.getApplication(claim.appName!, claim.namespace),
          );
        }
        const app = await byName.get(key)!;
        if (app) {
          add(app);
          found.add(nameKey(claim));
        }
      } else if (!lists.has(listKey(claim))) {
        lists.add(listKey(claim));
        const { items, invalid } = await client.listApplications({
          selector: claim.selector,
          project: claim.project,
          namespace: claim.namespace,
        });
        items.forEach(add);
        problems.push(...invalid.map(text => `invalid application ${text}`));
      }
    } catch (error) {
      problems.push((error as Error).message);
      if (claim.kind === 'name') {
        // Answered once per name: do not count the same failure again.
        byName.set(
          JSON.stringify([claim.appName, claim.namespace]),
          Promise.resolve(undefined),
        );
      }
    }
  }
  return { apps, found, problems };
}

/**
 * Pulls every configured instance that has credentials and that some component
 * claims applications of, one after the other: the applications the claims name,
 * and each one's syncs (its history and latest operation) through the same mapping
 * and matching as webhook deliveries. Each instance is reported with `reportSync`,
 * with an error when a request or commit lookup failed; one instance being down
 * stops neither the others nor the rest of its own applications, and nothing stored
 * is ever removed. A component naming an application that no instance has is
 * reported unmatched (not when an instance it could be on failed).
 */
export async function pullInstances(
  options: PullOptions,
): Promise<InstancePullResult[]> {
  const { instances, clientFor, sink, logger } = options;
  const claims = await options.claims();
  const results: InstancePullResult[] = [];
  const searched = new Map<string, { instances: string[]; found: boolean }>();
  const failedInstances = new Set<string>();

  for (const instance of instances) {
    const client = clientFor(instance);
    const here = claims.filter(claim => claimsInstance(claim, instance.name));
    if (!client || here.length === 0) {
      logger.debug(
        `Not pulling Argo CD instance ${instance.name}: ${
          client ? 'no component claims its applications' : 'no credentials'
        }`,
      );
      continue;
    }
    const { apps, found, problems } = await readApplications(client, here);
    if (problems.length > 0) failedInstances.add(instance.name);
    for (const claim of here.filter(c => c.kind === 'name')) {
      const entry = searched.get(nameKey(claim)) ?? {
        instances: [],
        found: false,
      };
      entry.instances.push(instance.name);
      entry.found ||= found.has(nameKey(claim));
      searched.set(nameKey(claim), entry);
    }

    let syncs = 0;
    for (const app of apps.values()) {
      try {
        const memory = options.rollouts?.memory;
        if (memory) {
          const tracked = await trackApplicationRollouts(client, app, {
            ...options,
            instance,
            memory,
            now: options.rollouts?.now,
          });
          problems.push(
            ...tracked.problems.map(
              p => `${app.metadata.namespace}/${app.metadata.name}: ${p}`,
            ),
          );
          // Argo CD no longer tells of the other syncs: never sent again.
          await memory.forgetOthers(
            applicationKey(
              instance.name,
              app.metadata.namespace,
              app.metadata.name,
            ),
            tracked.syncIds,
          );
        }
        const delivered = await deliverApplication(app, instance, client, {
          ...options,
          claims,
          syncs: 'all',
          ...(memory ? { rolloutFacts: ids => memory.factsOf(ids) } : {}),
        });
        syncs += delivered.stored;
        problems.push(
          ...delivered.problems.map(
            p => `${app.metadata.namespace}/${app.metadata.name}: ${p}`,
          ),
        );
      } catch (error) {
        problems.push(
          `${app.metadata.namespace}/${app.metadata.name}: ${
            (error as Error).message
          }`,
        );
      }
    }
    const error = summarise(problems);
    if (error) {
      logger.warn(`Pull of Argo CD instance ${instance.name}: ${error}`);
    } else {
      logger.info(
        `Pulled ${syncs} syncs of ${apps.size} applications from Argo CD instance ${instance.name}`,
      );
    }
    await sink.reportSync({
      source: SOURCE_ID,
      instance: instance.name,
      via: 'pull',
      ...(error ? { error } : {}),
    });
    results.push({
      instance: instance.name,
      applications: apps.size,
      syncs,
      ...(error ? { error } : {}),
    });
  }

  for (const claim of claims.filter(c => c.kind === 'name')) {
    const entry = searched.get(nameKey(claim));
    if (
      !entry ||
      entry.found ||
      entry.instances.some(name => failedInstances.has(name))
    ) {
      continue;
    }
    const where = claim.namespace
      ? `${claim.namespace}/${claim.appName}`
      : claim.appName!;
    await sink.reportUnmatched({
      source: SOURCE_ID,
      key: `${claim.instance ?? '*'}/${where}`.slice(0, 300),
      reason: `${
        claim.entityRef
      } names Argo CD application ${where} (${APP_NAME_ANNOTATION}), which instance ${entry.instances.join(
        ', ',
      )} does not have or does not let the token read`,
    });
  }
  return results;
}
