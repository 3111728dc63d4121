import { LoggerService } from '@backstage/backend-plugin-api';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { ArgocdClient } from '../client/client';
import { CommitDetails, CommitLookup } from '../client/commits';
import { Application } from '../client/types';
import { ArgocdInstance } from '../config';
import {
  DeployedCommit,
  MappingContext,
  operationSyncOf,
  syncsOf,
} from './application';
import { EnvironmentRule } from './environment';
import { SOURCE_ID } from './ids';
import { ArgocdClaim, ownerOf } from '../matching/claims';
import { RolloutFacts } from './rollout/facts';
import { rolledOut } from './rollout/outcome';

export interface DeliverOptions {
  /**
   * `all`: every sync the application tells of (the pull); `operation`: only its
   * latest operation's (a notification, which is about that one); `ids`: those syncs
   * (an Argo Rollouts notification, about the sync that started the rollout).
   */
  syncs: 'all' | 'operation' | { ids: string[] };
  /**
   * What is known of the Argo Rollouts revisions each sync started (the module's
   * memory): their phases, status and finish go into the sync's event. Absent: none.
   */
  rolloutFacts?: (
    deploymentIds: string[],
  ) => Promise<Map<string, RolloutFacts[]>>;
  sink: DeliveryEventSink;
  claims: ArgocdClaim[];
  lookupCommit: CommitLookup;
  environments: EnvironmentRule[];
  defaultEnvironment: string;
  logger: LoggerService;
}

export interface DeliverResult {
  /** Events handed to the store. */
  stored: number;
  /** Whether no component (or more than one) claims the application. */
  unmatched: boolean;
  /** What went wrong but did not stop the rest: commit lookups, rejected events. */
  problems: string[];
}

async function commitsOf(
  deployedCommits: DeployedCommit[],
  app: Application,
  client: ArgocdClient | undefined,
  lookupCommit: CommitLookup,
  problems: string[],
): Promise<CommitDetails[]> {
  if (!client) return [];
  const commits: CommitDetails[] = [];
  for (const deployed of deployedCommits) {
    const found = await lookupCommit(
      client,
      {
        name: app.metadata.name,
        namespace: app.metadata.namespace,
        project: app.spec.project ?? undefined,
      },
      deployed,
    );
    if ('commit' in found) {
      commits.push(found.commit);
    } else {
      problems.push(`revision ${deployed.sha}: ${found.error}`);
    }
  }
  return commits;
}

/** The syncs of an application a delivery is about. */
function recordsOf(
  app: Application,
  context: MappingContext,
  syncs: DeliverOptions['syncs'],
) {
  if (syncs === 'all') return syncsOf(app, context);
  if (syncs === 'operation') {
    const operation = operationSyncOf(app, context);
    return operation ? [operation] : [];
  }
  return syncsOf(app, context).filter(record => syncs.ids.includes(record.id));
}

/**
 * Turns an application's syncs into stored deployments of the component that claims
 * it, or reports it unmatched. Webhook deliveries and pulls both come through here,
 * so a sync gets the same id, component and fields either way. Without a client
 * (an instance without credentials) commits cannot be read and are left out; a later
 * pull that reads them updates the same events.
 */
export async function deliverApplication(
  app: Application,
  instance: ArgocdInstance,
  client: ArgocdClient | undefined,
  options: DeliverOptions,
): Promise<DeliverResult> {
  const { sink, claims, lookupCommit, logger } = options;
  const owner = ownerOf(claims, {
    instance: instance.name,
    namespace: app.metadata.namespace,
    name: app.metadata.name,
    project: app.spec.project ?? undefined,
    labels: app.metadata.labels ?? {},
  });
  if ('unmatched' in owner) {
    logger.info(`Unmatched Argo CD sync: ${owner.unmatched.reason}`);
    await sink.reportUnmatched(owner.unmatched);
    return { stored: 0, unmatched: true, problems: [] };
  }
  const context: MappingContext = {
    instance,
    environments: options.environments,
    defaultEnvironment: options.defaultEnvironment,
  };
  const problems: string[] = [];
  const events = [];
  const records = recordsOf(app, context, options.syncs);
  const rollouts =
    records.length > 0 && options.rolloutFacts
      ? await options.rolloutFacts(records.map(record => record.id))
      : new Map<string, RolloutFacts[]>();
  for (const record of records) {
    const { commits: deployed, ...fields } = record;
    events.push({
      kind: 'deployment',
      source: SOURCE_ID,
      ...fields,
      ...rolledOut(fields, rollouts.get(record.id) ?? []),
      entityRef: owner.entityRef,
      commits: await commitsOf(deployed, app, client, lookupCommit, problems),
    });
  }
  if (events.length === 0) {
    return { stored: 0, unmatched: false, problems };
  }
  const result = await sink.ingest(events);
  for (const rejection of result.rejected) {
    const id = (events[rejection.index] as { id: string }).id;
    problems.push(`event ${id} rejected: ${rejection.error}`);
  }
  return {
    stored: events.length - result.rejected.length,
    unmatched: false,
    problems,
  };
}
