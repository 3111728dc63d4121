import {
  argoAnalysisRunSchema,
  argoRolloutSchema,
  ArgoAnalysisRun,
} from '@internal/backstage-plugin-delivery-node';
import { formatZodError } from '@internal/backstage-plugin-delivery-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ArgocdClient, AppRef } from '../client/client';
import { Application, ResourceNode } from '../client/types';
import { ArgocdInstance } from '../config';
import { RolloutMemory } from '../database/RolloutMemory';
import { syncsOf } from '../mapping/application';
import { EnvironmentRule } from '../mapping/environment';
import { applicationKey } from '../mapping/ids';
import { rememberObservation } from '../mapping/rollout/remember';
import {
  observeRollout,
  RolloutObservation,
} from '../mapping/rollout/observation';

const GROUP = 'argoproj.io';
const VERSION = 'v1alpha1';

/** The Rollouts an application manages (`status.resources`). */
export function rolloutsOf(
  app: Application,
): { namespace: string; name: string; version: string }[] {
  return (app.status?.resources ?? []).flatMap(resource => {
    const namespace =
      resource.namespace ?? app.spec.destination?.namespace ?? undefined;
    return resource.group === GROUP &&
      resource.kind === 'Rollout' &&
      resource.name &&
      namespace
      ? [
          {
            namespace,
            name: resource.name,
            version: resource.version || VERSION,
          },
        ]
      : [];
  });
}

const appRefOf = (app: Application): AppRef => ({
  name: app.metadata.name,
  namespace: app.metadata.namespace,
  project: app.spec.project ?? undefined,
});

const nodeIs = (
  node: ResourceNode,
  kind: string,
  group: string,
  namespace: string,
) =>
  node.kind === kind &&
  (node.group ?? '') === group &&
  node.namespace === namespace;

/**
 * Reads, through Argo CD, each Rollout an application manages and what dates its
 * current revision: the live Rollout (`.../resource?kind=Rollout`), the AnalysisRuns
 * of the revision (from the resource tree, each read live) and its ReplicaSet's
 * creation (the tree's `createdAt`). Answers one observation per Rollout at `now`,
 * and what failed (the others are still read).
 */
export async function observeApplicationRollouts(
  client: ArgocdClient,
  app: Application,
  now: string,
): Promise<{ observations: RolloutObservation[]; problems: string[] }> {
  const rollouts = rolloutsOf(app);
  const observations: RolloutObservation[] = [];
  const problems: string[] = [];
  if (rollouts.length === 0) return { observations, problems };
  const appRef = appRefOf(app);
  let tree: ResourceNode[];
  try {
    tree = await client.getResourceTree(appRef);
  } catch (error) {
    return { observations, problems: [(error as Error).message] };
  }
  for (const ref of rollouts) {
    const where = `Rollout ${ref.namespace}/${ref.name}`;
    try {
      const manifest = await client.getResource(appRef, {
        group: GROUP,
        kind: 'Rollout',
        ...ref,
      });
      if (manifest === undefined) continue;
      const parsed = argoRolloutSchema.safeParse(manifest);
      if (!parsed.success) {
        problems.push(`${where}: ${formatZodError(parsed.error)}`);
        continue;
      }
      const rollout = parsed.data;
      const podHash = rollout.status?.currentPodHash;
      const revision =
        rollout.metadata.annotations?.['rollout.argoproj.io/revision'];
      const runs: ArgoAnalysisRun[] = [];
      let replicaSetCreatedAt: string | undefined;
      if (podHash && revision) {
        // Named `<rollout>-<pod hash>-<revision>[-<step>|-pre|-post]`; the
        // observation keeps those whose labels say they are this revision's.
        const prefix = `${ref.name}-${podHash}-${revision}`;
        for (const node of tree) {
          if (
            nodeIs(node, 'AnalysisRun', GROUP, ref.namespace) &&
            node.name &&
            (node.name === prefix || node.name.startsWith(`${prefix}-`))
          ) {
            const live = await client.getResource(appRef, {
              group: GROUP,
              version: node.version || VERSION,
              kind: 'AnalysisRun',
              namespace: ref.namespace,
              name: node.name,
            });
            if (live === undefined) continue;
            const run = argoAnalysisRunSchema.safeParse(live);
            if (run.success) {
              runs.push(run.data);
            } else {
              problems.push(
                `${where}: AnalysisRun ${node.name}: ${formatZodError(
                  run.error,
                )}`,
              );
            }
          }
        }
        replicaSetCreatedAt =
          tree.find(
            node =>
              nodeIs(node, 'ReplicaSet', 'apps', ref.namespace) &&
              node.name === `${ref.name}-${podHash}`,
          )?.createdAt ?? undefined;
      }
      const observation = observeRollout(rollout, {
        at: now,
        analysisRuns: runs,
        ...(replicaSetCreatedAt ? { replicaSetCreatedAt } : {}),
      });
      if (observation) observations.push(observation);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  }
  return { observations, problems };
}

/**
 * Reads an application's Rollouts through Argo CD and adds what they show to the
 * memory, each revision attributed to the application's sync that started it.
 * Answers what failed, the application's sync ids, and the syncs whose revisions a
 * newer one replaced (their events change too).
 */
export async function trackApplicationRollouts(
  client: ArgocdClient,
  app: Application,
  options: {
    instance: ArgocdInstance;
    memory: RolloutMemory;
    environments: EnvironmentRule[];
    defaultEnvironment: string;
    logger: LoggerService;
    now?: () => string;
  },
): Promise<{ problems: string[]; syncIds: string[]; superseded: string[] }> {
  const { instance, memory, logger } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const syncs = syncsOf(app, {
    instance,
    environments: options.environments,
    defaultEnvironment: options.defaultEnvironment,
  });
  const syncIds = syncs.map(sync => sync.id);
  if (rolloutsOf(app).length === 0) {
    return { problems: [], syncIds, superseded: [] };
  }
  const { observations, problems } = await observeApplicationRollouts(
    client,
    app,
    now(),
  );
  const application = applicationKey(
    instance.name,
    app.metadata.namespace,
    app.metadata.name,
  );
  const superseded: string[] = [];
  for (const observation of observations) {
    const remembered = await rememberObservation(memory, {
      application,
      syncs,
      observation,
    });
    superseded.push(...remembered.superseded);
    if (!remembered.deploymentId) {
      // A revision older than the syncs Argo CD still tells of: nothing to add to.
      logger.debug(
        `Argo CD application ${application}: no sync started before revision ${observation.revision} of Rollout ${observation.rollout.namespace}/${observation.rollout.name}`,
      );
    }
  }
  return { problems, syncIds, superseded };
}
