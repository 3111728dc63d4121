import {
  DeploymentStatus,
  EVENT_LIMITS,
} from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import {
  Application,
  ApplicationSource,
  OperationInitiator,
  OperationState,
  RevisionHistory,
} from '../client/types';
import { environmentFor, EnvironmentRule } from './environment';
import { deploymentId } from './ids';

/** A revision a sync deployed that is a Git commit, to be looked up for its time. */
export interface DeployedCommit {
  sha: string;
  /** Position of its source in a multi-source application; absent for one source. */
  sourceIndex?: number;
}

/** One sync operation as a deployment, before a component and commits are attached. */
export interface SyncRecord {
  id: string;
  environment: string;
  status: DeploymentStatus;
  startedAt: string;
  finishedAt: string | null;
  version?: string;
  url: string;
  /** Who started the sync, or that automation did (see `triggeredByOf`). */
  triggeredBy?: string;
  commits: DeployedCommit[];
}

export interface MappingContext {
  instance: { name: string; url: string };
  environments: EnvironmentRule[];
  defaultEnvironment: string;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const MAX_VERSION = EVENT_LIMITS.version;

const millis = (iso: string) => DateTime.fromISO(iso).toMillis();

/** `end`, or `start` if Argo CD's clocks put the end first: the schema refuses that. */
function notBefore(start: string, end: string): string {
  return millis(end) < millis(start) ? start : end;
}

/**
 * The deployment status of an operation phase (gitops-engine's OperationPhase).
 * Argo CD ends a terminated sync as Failed with the message "Operation terminated".
 */
export function statusOfPhase(
  phase: string,
  message?: string | null,
): DeploymentStatus | undefined {
  switch (phase) {
    case 'Succeeded':
      return 'success';
    case 'Failed':
    case 'Error':
      return message?.startsWith('Operation terminated')
        ? 'cancelled'
        : 'failure';
    case 'Running':
    case 'Terminating':
      return 'in_progress';
    default:
      return undefined;
  }
}

const MAX_TRIGGERED_BY = EVENT_LIMITS.triggeredBy;

/**
 * The event's `triggeredBy` from Argo CD's operation initiator: `argocd: automated
 * sync` for the auto-sync policy, `<user> (manual sync)` for a user's sync (UI,
 * CLI or API); undefined when Argo CD did not record it.
 */
export function triggeredByOf(
  initiator: OperationInitiator | undefined,
): string | undefined {
  if (initiator?.automated) return 'argocd: automated sync';
  if (initiator?.username) {
    return `${initiator.username} (manual sync)`.slice(0, MAX_TRIGGERED_BY);
  }
  return undefined;
}

const withTriggeredBy = (initiator: OperationInitiator | undefined) => {
  const value = triggeredByOf(initiator);
  return value ? { triggeredBy: value } : {};
};

/** Pairs each deployed revision with its source; one source gives one pair. */
function deployedRevisions(
  single: { revision?: string | null; source?: ApplicationSource | null },
  multi: {
    revisions?: string[] | null;
    sources?: ApplicationSource[] | null;
  },
): { revision: string; source?: ApplicationSource; sourceIndex?: number }[] {
  if (multi.revisions && multi.revisions.length > 0) {
    return multi.revisions.map((revision, sourceIndex) => ({
      revision,
      source: multi.sources?.[sourceIndex],
      sourceIndex,
    }));
  }
  return single.revision
    ? [{ revision: single.revision, source: single.source ?? undefined }]
    : [];
}

function describe(
  revisions: ReturnType<typeof deployedRevisions>,
): Pick<SyncRecord, 'version' | 'commits'> {
  // A Helm repository source deploys a chart version, not a commit.
  const commits = revisions.flatMap(({ revision, source, sourceIndex }) =>
    !source?.chart && SHA.test(revision)
      ? [
          {
            sha: revision.toLowerCase(),
            ...(sourceIndex !== undefined ? { sourceIndex } : {}),
          },
        ]
      : [],
  );
  const version = revisions
    .map(({ revision }) =>
      SHA.test(revision) ? revision.slice(0, 7) : revision,
    )
    .join(', ')
    .slice(0, MAX_VERSION);
  return { ...(version ? { version } : {}), commits };
}

function fromHistory(
  entry: RevisionHistory,
  base: Omit<
    SyncRecord,
    'id' | 'status' | 'startedAt' | 'finishedAt' | 'commits'
  > & {
    idOf: (startedAt: string) => string;
  },
): SyncRecord {
  // Entries written before Argo CD recorded the start fall back to the finish.
  const startedAt = entry.deployStartedAt ?? entry.deployedAt;
  return {
    id: base.idOf(startedAt),
    environment: base.environment,
    status: 'success',
    startedAt,
    finishedAt: notBefore(startedAt, entry.deployedAt),
    url: base.url,
    ...withTriggeredBy(entry.initiatedBy),
    ...describe(deployedRevisions(entry, entry)),
  };
}

/**
 * The operation as a deployment, or undefined for one that deploys nothing: a dry
 * run, or a selective sync of some resources (Argo CD keeps no history of either).
 */
function fromOperation(
  state: OperationState,
  base: Omit<
    SyncRecord,
    'id' | 'status' | 'startedAt' | 'finishedAt' | 'commits'
  > & {
    idOf: (startedAt: string) => string;
  },
): SyncRecord | undefined {
  const sync = state.operation?.sync;
  if (sync?.dryRun || (sync?.resources && sync.resources.length > 0)) {
    return undefined;
  }
  const status = statusOfPhase(state.phase, state.message);
  if (!status) return undefined;
  const result = state.syncResult;
  // Until the sync resolves them, the requested revisions may be branch names.
  const revisions = result
    ? deployedRevisions(result, result)
    : deployedRevisions(sync ?? {}, sync ?? {}).filter(r =>
        SHA.test(r.revision),
      );
  return {
    id: base.idOf(state.startedAt),
    environment: base.environment,
    status,
    startedAt: state.startedAt,
    finishedAt:
      status === 'in_progress'
        ? null
        : notBefore(state.startedAt, state.finishedAt ?? state.startedAt),
    url: base.url,
    ...withTriggeredBy(state.operation?.initiatedBy),
    ...describe(revisions),
  };
}

/**
 * Every sync an application tells of: one per history entry (Argo CD keeps the
 * last `revisionHistoryLimit`, 10 by default, successful syncs) and the latest
 * operation, running, failed or succeeded. A succeeded operation is also the newest
 * history entry, under the same id; its finish is the entry's `deployedAt` (a moment
 * before the operation's `finishedAt`), so the sync keeps the same finish once a
 * newer operation has replaced it and only the history tells of it.
 */
export function syncsOf(
  app: Application,
  context: MappingContext,
): SyncRecord[] {
  const { instance } = context;
  const { name, namespace } = app.metadata;
  const destination = app.spec.destination ?? {};
  const base = {
    environment: environmentFor(
      context.environments,
      {
        instance: instance.name,
        app: name,
        project: app.spec.project ?? undefined,
        server: destination.server ?? undefined,
        name: destination.name ?? undefined,
        namespace: destination.namespace ?? undefined,
      },
      context.defaultEnvironment,
    ),
    url: `${instance.url}/applications/${encodeURIComponent(
      namespace,
    )}/${encodeURIComponent(name)}`,
    idOf: (startedAt: string) =>
      deploymentId(instance.name, namespace, name, startedAt),
  };
  const byId = new Map<string, SyncRecord>();
  for (const entry of app.status?.history ?? []) {
    const record = fromHistory(entry, base);
    byId.set(record.id, record);
  }
  const state = app.status?.operationState;
  const latest = state ? fromOperation(state, base) : undefined;
  if (latest) {
    const recorded = byId.get(latest.id);
    byId.set(
      latest.id,
      recorded && latest.status === 'success'
        ? { ...latest, finishedAt: recorded.finishedAt }
        : latest,
    );
  }
  return [...byId.values()].sort(
    (a, b) => millis(a.startedAt) - millis(b.startedAt),
  );
}

/**
 * The sync of the application's latest operation alone (what a notification is
 * about), with the same fields `syncsOf` gives it; undefined when the operation
 * deploys nothing.
 */
export function operationSyncOf(
  app: Application,
  context: MappingContext,
): SyncRecord | undefined {
  const state = app.status?.operationState;
  if (!state) return undefined;
  const id = deploymentId(
    context.instance.name,
    app.metadata.namespace,
    app.metadata.name,
    state.startedAt,
  );
  return syncsOf(app, context).find(record => record.id === id);
}
