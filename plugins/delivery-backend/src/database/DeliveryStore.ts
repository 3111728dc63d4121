import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DeliveryEvent,
  DeploymentEvent,
  DoraDeployment,
  DoraIncident,
  IncidentEvent,
  toUtcIso,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import {
  CommitRow,
  DeploymentRow,
  IncidentRow,
  toCommitRow,
  toDeploymentRow,
  toDoraDeployment,
  toDoraIncident,
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

export interface DoraQuery {
  entityRefs: string[];
  from: string;
  to: string;
  productionEnvironments: string[];
  incidentAttributionWindowHours?: number;
}

export interface ListQuery {
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
  static async create(database: DatabaseService): Promise<DeliveryStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DeliveryStore(knex);
  }

  constructor(private readonly knex: Knex) {}

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

  private async upsertDeployments(
    tx: Knex.Transaction,
    deployments: DeploymentEvent[],
    now: string,
  ) {
    for (const batch of chunks(deployments)) {
      await tx('deployments')
        .insert(batch.map(e => toDeploymentRow(e, now)))
        .onConflict(['source', 'external_id'])
        .merge();
      const pks = await tx('deployments')
        .select('pk', 'source', 'external_id')
        .whereIn(
          ['source', 'external_id'],
          batch.map(e => [e.source, e.id]),
        );
      const pkByIdentity = new Map(
        pks.map(r => [`${r.source}\u0000${r.external_id}`, Number(r.pk)]),
      );
      // A re-sent deployment replaces its commit list.
      await tx('deployment_commits')
        .whereIn('deployment_pk', [...pkByIdentity.values()])
        .delete();
      const commitRows: CommitRow[] = batch.flatMap(event => {
        const pk = pkByIdentity.get(identity(event))!;
        const bySha = new Map(event.commits.map(c => [c.sha, c]));
        return [...bySha.values()].map(c => toCommitRow(pk, c));
      });
      for (const rows of chunks(commitRows)) {
        await tx('deployment_commits')
          .insert(rows)
          .onConflict(['deployment_pk', 'sha'])
          .merge();
      }
    }
  }

  /**
   * Loads what the DORA engine needs for a window: a superset of the relevant events
   * (the engine applies the definitions and the window itself).
   */
  async loadDoraInput(
    query: DoraQuery,
  ): Promise<{ deployments: DoraDeployment[]; incidents: DoraIncident[] }> {
    const { entityRefs, from, to, productionEnvironments } = query;
    if (entityRefs.length === 0) return { deployments: [], incidents: [] };
    const attribution = query.incidentAttributionWindowHours ?? 0;
    const extendedTo = toUtcIso(
      DateTime.fromISO(to, { setZone: true })
        .plus({ hours: attribution })
        .toISO()!,
    );
    const production = (qb: Knex.QueryBuilder, alias = 'deployments') =>
      qb.where(`${alias}.status`, 'success').whereRaw(
        `lower(${alias}.environment) in (${productionEnvironments
          .map(() => '?')
          .join(',')})`,
        productionEnvironments.map(e => e.toLowerCase()),
      );

    // 1. Production deployments of the window (and, for incident attribution, just after it).
    const windowRows: DeploymentRow[] = await this.knex('deployments')
      .whereIn('entity_ref', entityRefs)
      .where('finished_at', '>=', from)
      .where('finished_at', '<', extendedTo)
      .modify(production);

    // 2. Earlier deployments of the same commits, so lead time counts first deployments only.
    const windowShas = this.knex('deployment_commits as c2')
      .join('deployments as d2', 'd2.pk', 'c2.deployment_pk')
      .whereIn('d2.entity_ref', entityRefs)
      .where('d2.finished_at', '>=', from)
      .where('d2.finished_at', '<', to)
      .modify(qb => production(qb, 'd2'))
      .select('c2.sha');
    const earlierRows: (DeploymentRow & CommitRow)[] = await this.knex(
      'deployment_commits as c',
    )
      .join('deployments as d', 'd.pk', 'c.deployment_pk')
      .whereIn('d.entity_ref', entityRefs)
      .where('d.finished_at', '<', from)
      .modify(qb => production(qb, 'd'))
      .whereIn('c.sha', windowShas)
      .select('d.*', 'c.sha', 'c.committed_at');

    // Joins rather than id lists: the window may hold a whole organisation's deployments.
    const inWindow = (qb: Knex.QueryBuilder, alias: string) =>
      qb
        .whereIn(`${alias}.entity_ref`, entityRefs)
        .where(`${alias}.finished_at`, '>=', from)
        .where(`${alias}.finished_at`, '<', extendedTo)
        .modify(q => production(q, alias));
    /** "Incident <alias> names a deployment of the window", as a correlated subquery. */
    const namesWindowDeployment = (incident: string) =>
      this.knex('deployments as w')
        .select(this.knex.raw('1'))
        .whereRaw('w.source = ??.source', [incident])
        .whereRaw('w.external_id = ??.deployment_id', [incident])
        .modify(q => inWindow(q, 'w'));

    // 3. Rollbacks of window deployments, and incidents naming them or opened in the window.
    const rollbackRows: DeploymentRow[] = await this.knex('deployments as r')
      .join('deployments as w', join =>
        join.on('w.source', 'r.source').andOn('w.external_id', 'r.rollback_of'),
      )
      .modify(q => inWindow(q, 'w'))
      .modify(q => production(q, 'r'))
      .select('r.*');
    const namingIncidents: IncidentRow[] = await this.knex('incidents as i')
      .whereExists(namesWindowDeployment('i'))
      .select('i.*');
    const windowIncidents: IncidentRow[] = await this.knex('incidents')
      .whereIn('entity_ref', entityRefs)
      .where('opened_at', '>=', from)
      .where('opened_at', '<', extendedTo);
    const incidents = uniqueByPk([...namingIncidents, ...windowIncidents]);

    // 4. Deployments that remediate those incidents.
    const remediationRows: DeploymentRow[] = await this.knex('deployments as r')
      .join('incidents as i', join =>
        join.on('i.source', 'r.source').andOn('i.external_id', 'r.remediates'),
      )
      .modify(q => production(q, 'r'))
      .where(either =>
        either
          .whereExists(namesWindowDeployment('i'))
          .orWhere(opened =>
            opened
              .whereIn('i.entity_ref', entityRefs)
              .where('i.opened_at', '>=', from)
              .where('i.opened_at', '<', extendedTo),
          ),
      )
      .select('r.*');

    const deploymentRows = uniqueByPk([
      ...windowRows,
      ...rollbackRows,
      ...remediationRows,
    ]);
    const commits = await this.commitsOf(deploymentRows.map(r => Number(r.pk)));
    const earlier = groupBy(earlierRows, r => Number(r.pk));

    return {
      deployments: [
        ...deploymentRows.map(row =>
          toDoraDeployment(row, commits.get(Number(row.pk)) ?? []),
        ),
        ...[...earlier.values()].map(rows => toDoraDeployment(rows[0], rows)),
      ],
      incidents: incidents.map(toDoraIncident),
    };
  }

  /** Deployments newest first (by start time), with their commits, for the raw-events API. */
  async listDeployments(
    query: ListQuery,
  ): Promise<{ items: DeploymentEvent[]; next?: ListPosition }> {
    const { rows, next } = await this.newestFirst<DeploymentRow>(
      'deployments',
      'started_at',
      query,
      qb => {
        if (query.environment) qb.where('environment', query.environment);
      },
    );
    const commits = await this.commitsOf(rows.map(r => Number(r.pk)));
    return {
      items: rows.map(row =>
        toDeploymentEvent(row, commits.get(Number(row.pk)) ?? []),
      ),
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
      .whereIn(
        ['source', 'external_id'],
        batch.map(e => [e.source, e.id]),
      );
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
      .whereIn(
        ['source', 'external_id'],
        batch.map(e => [e.source, e.id]),
      )
      .whereNot('status', 'in_progress');
    for (const row of rows) {
      found.add(identity({ source: row.source, id: row.external_id }));
    }
  }
  return found;
}

function uniqueByPk<T extends { pk: number | string }>(rows: T[]): T[] {
  return [...new Map(rows.map(r => [Number(r.pk), r])).values()];
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
