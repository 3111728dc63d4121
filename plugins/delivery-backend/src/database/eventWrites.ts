/*
 * The write side of the delivery store: idempotent upserts of normalised events (a
 * (source, id) redelivered updates, never duplicates) and the unmatched-event counter.
 */
import {
  ChangeEvent,
  DeliveryEvent,
  DeploymentEvent,
  FlagEvent,
  IncidentEvent,
  settleRollout,
  toMillis,
  toUtcIso,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { namedRollouts, reconcileAbortRollbacks } from './abortRollbacks';
import { changesShippedBy, recomputeChangeFacts } from './changeFacts';
import { chunks } from './chunks';
import { changesOfDeployments, isDoraDeployment } from './doraFacts';
import { RolloutRow } from './duplicateRollouts';
import { FactSettings, refreshDeploymentFacts } from './factRefresh';
import { upsertFlags } from './flagWrites';
import { whereIdentityIn } from './identities';
import { writePhases } from './phases';
import {
  CommitRow,
  toChangeCommitRow,
  toChangeRow,
  toCommitRow,
  toDeploymentRow,
  toIncidentRow,
} from './rows';
import { UpsertOutcome } from './stores';

export async function upsertEvents(
  knex: Knex,
  events: DeliveryEvent[],
  settings: FactSettings,
): Promise<UpsertOutcome[]> {
  const now = toUtcIso(DateTime.utc().toISO()!);
  return knex.transaction(async tx => {
    // Stored as DORA counts them: a rollout's phases decide its status and finish.
    const deployments = lastByIdentity(
      events.filter((e): e is DeploymentEvent => e.kind === 'deployment'),
    ).map(d => settleRollout(d).deployment);
    const incidents = lastByIdentity(
      events.filter((e): e is IncidentEvent => e.kind === 'incident'),
    );
    const changes = lastByIdentity(
      events.filter((e): e is ChangeEvent => e.kind === 'change'),
    );
    const flags = lastByIdentity(
      events.filter((e): e is FlagEvent => e.kind === 'flag'),
    );
    const known = new Set([
      ...(await existingIdentities(tx, 'deployments', deployments)),
      ...(await existingIdentities(tx, 'incidents', incidents)).map(
        k => `incident:${k}`,
      ),
      ...(await existingIdentities(tx, 'changes', changes)).map(
        k => `change:${k}`,
      ),
      ...(await existingIdentities(tx, 'flags', flags)).map(k => `flag:${k}`),
    ]);

    // Webhooks arrive out of order: a late "in progress" must not reopen a
    // deployment that already finished, so it is dropped (and counted as updated).
    const finished = await finishedIdentities(
      tx,
      deployments.filter(d => d.status === 'in_progress'),
    );
    const written = deployments.filter(
      d => d.status !== 'in_progress' || !finished.has(identity(d)),
    );
    // Rollouts their former versions rolled back: a rollback's change may re-decide
    // whether an abort's rollback is derived.
    const formerlyNamed = await namedRollouts(
      tx,
      written.filter(d => known.has(identity(d))),
    );
    const shippedChanges = await upsertDeployments(
      tx,
      written,
      known,
      now,
      settings,
    );
    await reconcileAbortRollbacks(
      tx,
      {
        written,
        resent: known,
        named: [
          ...formerlyNamed,
          ...written.flatMap(d =>
            d.rollbackOf ? [{ source: d.source, id: d.rollbackOf }] : [],
          ),
        ],
      },
      (rollbacks, derivedKnown, derivedFrom) =>
        upsertDeployments(
          tx,
          rollbacks,
          derivedKnown,
          now,
          settings,
          derivedFrom,
        ),
    );
    for (const batch of chunks(incidents)) {
      await tx('incidents')
        .insert(batch.map(e => toIncidentRow(e, now)))
        .onConflict(['source', 'external_id'])
        .merge();
    }
    const writtenChanges = await upsertChanges(tx, changes, known, now);
    // Once for the batch, after both: a change and the deployment shipping it
    // may come together.
    await recomputeChangeFacts(
      tx,
      [...shippedChanges, ...writtenChanges],
      settings.production,
    );
    await upsertFlags(tx, flags, now);

    const seen = new Set<string>();
    return events.map(event => {
      const key =
        event.kind === 'deployment'
          ? identity(event)
          : `${event.kind}:${identity(event)}`;
      const outcome: UpsertOutcome =
        known.has(key) || seen.has(key) ? 'updated' : 'inserted';
      seen.add(key);
      return outcome;
    });
  });
}

/**
 * Stores deployments with their commits and phases and keeps the DORA facts in step:
 * the changes a re-sent deployment used to contribute are recomputed with the new
 * ones. Answers the pull or merge requests they may have shipped (or stopped
 * shipping). `derivedFrom`: the rollout pk of each rollback the store derived.
 */
async function upsertDeployments(
  tx: Knex.Transaction,
  deployments: DeploymentEvent[],
  known: Set<string>,
  now: string,
  settings: FactSettings,
  derivedFrom: Map<string, number> = new Map(),
): Promise<number[]> {
  const shippedChanges: number[] = [];
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

    const rows = batch.map(e => ({
      ...toDeploymentRow(e, now),
      derived_from: derivedFrom.get(identity(e)) ?? null,
    }));
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
    await writePhases(
      tx,
      batch.map(event => ({ pk: pkByIdentity.get(identity(event))!, event })),
      formerPks,
    );

    const stored: RolloutRow[] = batch.map((event, i) => ({
      ...rows[i],
      pk: pkByIdentity.get(identity(event))!,
      finished_ms: event.finishedAt ? toMillis(event.finishedAt) : null,
      // As stored until re-decided: the upsert leaves the column alone.
      duplicate_of:
        formerDuplicateOf.get(pkByIdentity.get(identity(event))!) ?? null,
      shas: [...new Set(event.commits.map(c => c.sha))],
    }));
    await refreshDeploymentFacts(
      tx,
      { stored, formerPks, formerRoots, formerChanges },
      settings,
    );
    // Any successful production deployment may be a change's first, duplicate
    // reports of a rollout included (not only DORA's primaries).
    shippedChanges.push(
      ...(await changesShippedBy(tx, {
        shipping: stored
          .filter(d =>
            isDoraDeployment({ ...d, duplicate_of: null }, settings.production),
          )
          .flatMap(d => d.shas),
        formerPks,
      })),
    );
  }
  return shippedChanges;
}

/** Rows per statement: a change has 24 columns, under SQLite's 32,766 values. */
const CHANGES_PER_STATEMENT = 500;

/**
 * Stores changes with their commits (a re-sent change replaces its commit list);
 * answers their pks, whose facts need recomputing.
 */
async function upsertChanges(
  tx: Knex.Transaction,
  changes: ChangeEvent[],
  known: Set<string>,
  now: string,
): Promise<number[]> {
  const written: number[] = [];
  for (const batch of chunks(changes, CHANGES_PER_STATEMENT)) {
    await tx('changes')
      .insert(batch.map(e => toChangeRow(e, now)))
      .onConflict(['source', 'external_id'])
      .merge();
    const stored = await tx('changes')
      .select('pk', 'source', 'external_id')
      .where(qb => whereIdentityIn(qb, batch));
    const pkByIdentity = new Map(
      stored.map(r => [`${r.source}\u0000${r.external_id}`, Number(r.pk)]),
    );
    const pkOf = (e: ChangeEvent) => pkByIdentity.get(identity(e))!;
    const resent = batch.filter(e => known.has(`change:${identity(e)}`));
    if (resent.length > 0) {
      await tx('change_commits')
        .whereIn('change_pk', resent.map(pkOf))
        .delete();
    }
    const commitRows = batch.flatMap(event => {
      const bySha = new Map(event.commits.map(c => [c.sha, c]));
      return [...bySha.values()].map(c => toChangeCommitRow(pkOf(event), c));
    });
    // Conflicts only when a concurrent request stored the same change first.
    for (const slice of chunks(commitRows)) {
      await tx('change_commits')
        .insert(slice)
        .onConflict(['change_pk', 'sha'])
        .merge();
    }
    written.push(...batch.map(pkOf));
  }
  return written;
}

/** Counts an event no entity claims; the latest reason wins. */
export async function reportUnmatched(
  knex: Knex,
  event: {
    source: string;
    key: string;
    reason: string;
  },
): Promise<void> {
  const now = toUtcIso(DateTime.utc().toISO()!);
  await knex('unmatched_events')
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
      count: knex.raw('?? + 1', ['unmatched_events.count']),
    });
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
  table: 'deployments' | 'incidents' | 'changes' | 'flags',
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
