import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES,
  DeliveryEvent,
  deploymentLeadTime,
  DeploymentEvent,
  IncidentEvent,
  toMillis,
  toUtcIso,
} from '@internal/backstage-plugin-delivery-common';
import type {
  AlsoReportedBy,
  ListedDeployment,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { whereIdentityIn } from './identities';
import { applyDeploymentFilters, DeploymentFilters } from './deploymentFilters';
import { reevaluateDuplicates, RolloutRow } from './duplicateRollouts';
import {
  changesOfDeployments,
  ensureFactsMatch,
  isDoraDeployment,
  productionSet,
  recomputeChanges,
  writeDeploymentFacts,
} from './doraFacts';
import {
  aggregateDeployments,
  loadComponentFacts,
  defaultReadTuning,
  ReadTuning,
  FactsScope,
  FailureScope,
  loadFailureEvents,
  loadWindowIncidents,
} from './doraReads';
import {
  CommitRow,
  DeploymentRow,
  IncidentRow,
  toCommitRow,
  toDeploymentRow,
  toDeploymentEvent,
  toIncidentEvent,
  toIncidentRow,
  toIso,
} from './rows';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-delivery-backend',
  'migrations',
);

/** Keeps every statement well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

export type UpsertOutcome = 'inserted' | 'updated';

/** Another source's report of the same rollout (see `findDuplicateRollouts`). */
export type { AlsoReportedBy };

/** A deployment as the list returns it: the rollout's primary report. */
export type { ListedDeployment };

export interface ListQuery extends DeploymentFilters {
  entityRefs: string[];
  from?: string;
  to?: string;
  environment?: string;
  limit: number;
  cursor?: ListPosition;
}

/** Where a page of newest-first results ends: the last row's time and pk. */
export interface ListPosition {
  at: string;
  pk: number;
}

/** The delivery event store: idempotent upserts and the reads behind DORA and the timeline. */
export class DeliveryStore {
  /**
   * Migrates the database and brings the DORA facts in line with the configured
   * production environments (rebuilding them when that list changed).
   */
  static async create(
    database: DatabaseService,
    options: {
      productionEnvironments: string[];
      /** Default 10; 0 turns merging of duplicate rollouts off. */
      duplicateRolloutWindowMinutes?: number;
      readTuning?: ReadTuning;
    },
  ): Promise<DeliveryStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    const duplicateWindowMs =
      (options.duplicateRolloutWindowMinutes ??
        DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES) * 60_000;
    await ensureFactsMatch(
      knex,
      options.productionEnvironments,
      duplicateWindowMs,
    );
    return new DeliveryStore(
      knex,
      options.productionEnvironments,
      options.readTuning,
      duplicateWindowMs,
    );
  }

  private readonly production: Set<string>;

  constructor(
    private readonly knex: Knex,
    productionEnvironments: string[],
    private readonly readTuning: ReadTuning = defaultReadTuning,
    private readonly duplicateWindowMs: number = DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES *
      60_000,
  ) {
    this.production = productionSet(productionEnvironments);
  }

  /**
   * Stores validated events; returns per event whether it was new or replaced an earlier
   * version. A (source, id) repeated inside one batch is stored once, the last one winning.
   */
  async upsert(events: DeliveryEvent[]): Promise<UpsertOutcome[]> {
    const now = toUtcIso(DateTime.utc().toISO()!);
    return this.knex.transaction(async tx => {
      const deployments = lastByIdentity(
        events.filter((e): e is DeploymentEvent => e.kind === 'deployment'),
      );
      const incidents = lastByIdentity(
        events.filter((e): e is IncidentEvent => e.kind === 'incident'),
      );
      const known = new Set([
        ...(await existingIdentities(tx, 'deployments', deployments)),
        ...(await existingIdentities(tx, 'incidents', incidents)).map(
          k => `incident:${k}`,
        ),
      ]);

      // Webhooks arrive out of order: a late "in progress" must not reopen a
      // deployment that already finished, so it is dropped (and counted as updated).
      const finished = await finishedIdentities(
        tx,
        deployments.filter(d => d.status === 'in_progress'),
      );
      await this.upsertDeployments(
        tx,
        deployments.filter(
          d => d.status !== 'in_progress' || !finished.has(identity(d)),
        ),
        known,
        now,
      );
      for (const batch of chunks(incidents)) {
        await tx('incidents')
          .insert(batch.map(e => toIncidentRow(e, now)))
          .onConflict(['source', 'external_id'])
          .merge();
      }

      const seen = new Set<string>();
      return events.map(event => {
        const key =
          event.kind === 'incident'
            ? `incident:${identity(event)}`
            : identity(event);
        const outcome: UpsertOutcome =
          known.has(key) || seen.has(key) ? 'updated' : 'inserted';
        seen.add(key);
        return outcome;
      });
    });
  }

  /**
   * Stores deployments with their commits and keeps the DORA facts in step: the
   * changes a re-sent deployment used to contribute are recomputed with the new ones.
   */
  private async upsertDeployments(
    tx: Knex.Transaction,
    deployments: DeploymentEvent[],
    known: Set<string>,
    now: string,
  ) {
    for (const batch of chunks(deployments)) {
      const resent = batch.filter(e => known.has(identity(e)));
      const former = resent.length
        ? await tx('deployments')
            .select('pk', 'duplicate_of')
            .where(qb => whereIdentityIn(qb, resent))
        : [];
      const formerPks = former.map(r => Number(r.pk));
      // The rollouts they belonged to: their other reports may stop being duplicates.
      const formerRoots = former.map(r => Number(r.duplicate_of ?? r.pk));
      const formerDuplicateOf = new Map(
        former.map(r => [
          Number(r.pk),
          r.duplicate_of === null ? null : Number(r.duplicate_of),
        ]),
      );
      const formerChanges = await changesOfDeployments(tx, formerPks);

      const rows = batch.map(e => toDeploymentRow(e, now));
      await tx('deployments')
        .insert(rows)
        .onConflict(['source', 'external_id'])
        .merge();
      const pks = await tx('deployments')
        .select('pk', 'source', 'external_id')
        .where(qb => whereIdentityIn(qb, batch));
      const pkByIdentity = new Map(
        pks.map(r => [`${r.source}\u0000${r.external_id}`, Number(r.pk)]),
      );

      // A re-sent deployment replaces its commit list.
      if (formerPks.length) {
        await tx('deployment_commits')
          .whereIn('deployment_pk', formerPks)
          .delete();
      }
      const commitRows: CommitRow[] = batch.flatMap(event => {
        const pk = pkByIdentity.get(identity(event))!;
        const bySha = new Map(event.commits.map(c => [c.sha, c]));
        return [...bySha.values()].map(c => toCommitRow(pk, c));
      });
      // Conflicts only when a concurrent request stored the same deployment first.
      for (const slice of chunks(commitRows)) {
        await tx('deployment_commits')
          .insert(slice)
          .onConflict(['deployment_pk', 'sha'])
          .merge();
      }

      const stored: RolloutRow[] = batch.map((event, i) => ({
        ...rows[i],
        pk: pkByIdentity.get(identity(event))!,
        finished_ms: event.finishedAt ? toMillis(event.finishedAt) : null,
        // As stored until re-decided: the upsert leaves the column alone.
        duplicate_of:
          formerDuplicateOf.get(pkByIdentity.get(identity(event))!) ?? null,
        shas: [...new Set(event.commits.map(c => c.sha))],
      }));
      // Which reports are duplicates, around these deployments (an indexed lookup
      // of their shas); the rows re-decided carry every member of their rollouts.
      const redecided = await reevaluateDuplicates(
        tx,
        stored,
        formerRoots,
        this.duplicateWindowMs,
      );
      const redecidedPks = new Set(redecided.map(r => r.pk));
      const facts = [
        ...stored.filter(d => !redecidedPks.has(d.pk)),
        ...redecided,
      ];
      await writeDeploymentFacts(tx, facts, this.production, {
        replacing: [...new Set([...formerPks, ...redecidedPks])],
      });
      await recomputeChanges(tx, [
        ...formerChanges,
        ...facts
          .filter(
            d => redecidedPks.has(d.pk) || isDoraDeployment(d, this.production),
          )
          .flatMap(d => d.shas.map(sha => ({ entityRef: d.entity_ref, sha }))),
      ]);
    }
  }

  /** Deployment counts and lead-time quantiles of a window, or of each of its weeks. */
  aggregateDeployments(scope: FactsScope) {
    return aggregateDeployments(this.knex, scope, this.readTuning);
  }

  /** Per-component counts and lead times, or undefined above `limit` changes. */
  loadComponentFacts(scope: Omit<FactsScope, 'weekStart'>, limit: number) {
    return loadComponentFacts(this.knex, scope, limit);
  }

  /** The events that decide which deployments of a window failed and recovered. */
  loadFailureEvents(scope: FailureScope) {
    return loadFailureEvents(this.knex, scope);
  }

  /** Incidents of the scope opened in the window. */
  loadWindowIncidents(scope: FactsScope) {
    return loadWindowIncidents(this.knex, scope);
  }

  /**
   * Deployments newest first (by start time), with their commits, for the raw-events
   * API: one entry per rollout (its primary report), naming the other reports.
   */
  async listDeployments(
    query: ListQuery,
  ): Promise<{ items: ListedDeployment[]; next?: ListPosition }> {
    const { rows, next } = await this.newestFirst<DeploymentRow>(
      'deployments',
      'started_at',
      query,
      qb => {
        qb.whereNull('duplicate_of');
        if (query.environment) qb.where('environment', query.environment);
        applyDeploymentFilters(qb, query);
      },
    );
    const pks = rows.map(r => Number(r.pk));
    const commits = await this.commitsOf(pks);
    const duplicates = await alsoReportedBy(this.knex, pks);
    const leadTimes = await changeLeadTimesOf(this.knex, pks);
    return {
      items: rows.map(row => {
        const others = duplicates.get(Number(row.pk));
        const leadTime = deploymentLeadTime(
          leadTimes.get(Number(row.pk)) ?? [],
        );
        return {
          ...toDeploymentEvent(row, commits.get(Number(row.pk)) ?? []),
          ...(others ? { alsoReportedBy: others } : {}),
          ...(leadTime
            ? {
                leadTimeHours: leadTime.medianHours,
                leadTimeChanges: leadTime.changes,
              }
            : {}),
        };
      }),
      next,
    };
  }

  /** Incidents newest first (by opening time), for the raw-events API. */
  async listIncidents(
    query: ListQuery,
  ): Promise<{ items: IncidentEvent[]; next?: ListPosition }> {
    const { rows, next } = await this.newestFirst<IncidentRow>(
      'incidents',
      'opened_at',
      query,
    );
    return { items: rows.map(toIncidentEvent), next };
  }

  /**
   * One page of a table's rows for some entities, newest first by `timeColumn` (pk breaks
   * ties), within [from, to) and after the cursor; `next` is where the following page starts.
   */
  private async newestFirst<T extends { pk: number | string }>(
    table: 'deployments' | 'incidents',
    timeColumn: 'started_at' | 'opened_at',
    query: ListQuery,
    narrow: (qb: Knex.QueryBuilder) => void = () => {},
  ): Promise<{ rows: T[]; next?: ListPosition }> {
    const rows: T[] = await this.knex(table)
      .whereIn('entity_ref', query.entityRefs)
      .modify(qb => {
        if (query.from) qb.where(timeColumn, '>=', query.from);
        if (query.to) qb.where(timeColumn, '<', query.to);
        if (query.cursor) {
          const { at, pk } = query.cursor;
          qb.where(inner =>
            inner
              .where(timeColumn, '<', at)
              .orWhere(same => same.where(timeColumn, at).where('pk', '<', pk)),
          );
        }
      })
      .modify(narrow)
      .orderBy([
        { column: timeColumn, order: 'desc' },
        { column: 'pk', order: 'desc' },
      ])
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1] as T & Record<string, Date | string>;
    return {
      rows: page,
      next:
        rows.length > query.limit
          ? { at: toIso(last[timeColumn])!, pk: Number(last.pk) }
          : undefined,
    };
  }

  /** Counts an event no entity claims; the latest reason wins. */
  async reportUnmatched(event: {
    source: string;
    key: string;
    reason: string;
  }): Promise<void> {
    const now = toUtcIso(DateTime.utc().toISO()!);
    await this.knex('unmatched_events')
      .insert({
        source: event.source,
        key: event.key,
        reason: event.reason,
        count: 1,
        first_seen_at: now,
        last_seen_at: now,
      })
      .onConflict(['source', 'key'])
      .merge({
        reason: event.reason,
        last_seen_at: now,
        count: this.knex.raw('?? + 1', ['unmatched_events.count']),
      });
  }

  async listUnmatched(): Promise<
    {
      source: string;
      key: string;
      reason: string;
      count: number;
      firstSeenAt: string;
      lastSeenAt: string;
    }[]
  > {
    const rows = await this.knex('unmatched_events').orderBy(
      'last_seen_at',
      'desc',
    );
    return rows.map(row => ({
      source: row.source,
      key: row.key,
      reason: row.reason,
      count: Number(row.count),
      firstSeenAt: toIso(row.first_seen_at)!,
      lastSeenAt: toIso(row.last_seen_at)!,
    }));
  }

  private async commitsOf(pks: number[]): Promise<Map<number, CommitRow[]>> {
    const rows: CommitRow[] = [];
    for (const batch of chunks(pks)) {
      rows.push(
        ...(await this.knex('deployment_commits')
          .whereIn('deployment_pk', batch)
          .orderBy('committed_at', 'desc')),
      );
    }
    return groupBy(rows, r => Number(r.deployment_pk));
  }
}

/** The other reports of each of these primaries, by primary pk. */
export async function alsoReportedBy(
  knex: Knex,
  primaryPks: number[],
): Promise<Map<number, AlsoReportedBy[]>> {
  const found = new Map<number, AlsoReportedBy[]>();
  for (const batch of chunks(primaryPks)) {
    const rows = await knex('deployments')
      .whereIn('duplicate_of', batch)
      .select('duplicate_of', 'source', 'external_id', 'url')
      .orderBy([
        { column: 'finished_ms', order: 'asc' },
        { column: 'source', order: 'asc' },
        { column: 'external_id', order: 'asc' },
      ]);
    for (const row of rows) {
      const primary = Number(row.duplicate_of);
      found.set(primary, [
        ...(found.get(primary) ?? []),
        {
          source: row.source,
          id: row.external_id,
          ...(row.url ? { url: row.url } : {}),
        },
      ]);
    }
  }
  return found;
}

/**
 * Lead times (ms) of the changes each of these deployments shipped first, by
 * deployment pk: dora_changes keeps every (component, commit) at its first
 * successful production deployment (a duplicate's commits count for its primary).
 */
async function changeLeadTimesOf(
  knex: Knex,
  pks: number[],
): Promise<Map<number, number[]>> {
  const found = new Map<number, number[]>();
  for (const batch of chunks(pks)) {
    const rows: { deployment_pk: number | string; lead_ms: number | string }[] =
      await knex('dora_changes')
        .whereIn('deployment_pk', batch)
        .select('deployment_pk', 'lead_ms');
    for (const row of rows) {
      const pk = Number(row.deployment_pk);
      found.set(pk, [...(found.get(pk) ?? []), Number(row.lead_ms)]);
    }
  }
  return found;
}

function identity(event: { source: string; id: string }) {
  return `${event.source}\u0000${event.id}`;
}

function lastByIdentity<T extends { source: string; id: string }>(
  events: T[],
): T[] {
  return [...new Map(events.map(e => [identity(e), e])).values()];
}

async function existingIdentities(
  tx: Knex.Transaction,
  table: 'deployments' | 'incidents',
  events: { source: string; id: string }[],
): Promise<string[]> {
  const found: string[] = [];
  for (const batch of chunks(events)) {
    const rows = await tx(table)
      .select('source', 'external_id')
      .where(qb => whereIdentityIn(qb, batch));
    found.push(
      ...rows.map(r => identity({ source: r.source, id: r.external_id })),
    );
  }
  return found;
}

/** Identities among `events` whose stored deployment has a final status. */
async function finishedIdentities(
  tx: Knex.Transaction,
  events: { source: string; id: string }[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of chunks(events)) {
    const rows = await tx('deployments')
      .select('source', 'external_id')
      .where(qb => whereIdentityIn(qb, batch))
      .whereNot('status', 'in_progress');
    for (const row of rows) {
      found.add(identity({ source: row.source, id: row.external_id }));
    }
  }
  return found;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
