/*
 * The fuzz tests' oracle for "never stored garbage": every row the delivery store holds,
 * read back as a normalised event, must pass the event schema again. The mapping here is
 * written independently of the store's own row mappers on purpose, so a bug in those
 * cannot hide a bad row.
 */
import { deliveryEventSchema } from '@internal/backstage-plugin-delivery-common';
import type { Knex } from 'knex';

const iso = (value: unknown) => new Date(value as string).toISOString();
const optionalIso = (value: unknown) => (value ? iso(value) : undefined);

/** One line per stored row that is not a valid event: `<kind> <source>/<id>: <problem>`. */
export async function invalidStoredEvents(knex: Knex): Promise<string[]> {
  const commits = await knex('deployment_commits');
  const deployments = (await knex('deployments')).map(row => ({
    kind: 'deployment',
    source: row.source,
    id: row.external_id,
    entityRef: row.entity_ref,
    environment: row.environment,
    status: row.status,
    startedAt: iso(row.started_at),
    finishedAt: optionalIso(row.finished_at),
    version: row.version ?? undefined,
    url: row.url ?? undefined,
    triggeredBy: row.triggered_by ?? undefined,
    commits: commits
      .filter(c => Number(c.deployment_pk) === Number(row.pk))
      .map(c => ({
        sha: c.sha,
        committedAt: iso(c.committed_at),
        ...(c.author ? { author: c.author } : {}),
        ...(c.message ? { message: c.message } : {}),
      })),
  }));
  const incidents = (await knex('incidents')).map(row => ({
    kind: 'incident',
    source: row.source,
    id: row.external_id,
    entityRef: row.entity_ref,
    title: row.title,
    severity: row.severity ?? undefined,
    openedAt: iso(row.opened_at),
    resolvedAt: optionalIso(row.resolved_at),
    deploymentId: row.deployment_id ?? undefined,
    url: row.url ?? undefined,
  }));
  const changes = (await knex.schema.hasTable('changes'))
    ? await storedChanges(knex)
    : [];
  const flags = (await knex.schema.hasTable('flags'))
    ? await storedFlags(knex)
    : [];
  return [...deployments, ...incidents, ...changes, ...flags].flatMap(event => {
    const parsed = deliveryEventSchema.safeParse(event);
    return parsed.success
      ? []
      : [`${event.kind} ${event.source}/${event.id}: ${parsed.error.message}`];
  });
}

/** Changes (pull and merge requests) as stored, with their commits. */
async function storedChanges(knex: Knex) {
  const commits = await knex('change_commits');
  const optional = (value: unknown) =>
    value === null || value === undefined ? undefined : value;
  return (await knex('changes')).map(row => ({
    kind: 'change',
    source: row.source,
    id: row.external_id,
    entityRef: row.entity_ref,
    number: row.number === null ? undefined : Number(row.number),
    title: optional(row.title),
    author: optional(row.author),
    url: optional(row.url),
    openedAt: iso(row.opened_at),
    firstCommitAt: optionalIso(row.first_commit_at),
    firstReviewAt: optionalIso(row.first_review_at),
    mergedAt: optionalIso(row.merged_at),
    closedAt: optionalIso(row.closed_at),
    mergeCommitSha: optional(row.merge_commit_sha),
    draft: row.draft === null ? undefined : Boolean(row.draft),
    additions: optional(row.additions),
    deletions: optional(row.deletions),
    commits: commits
      .filter(c => Number(c.change_pk) === Number(row.pk))
      .map(c => ({ sha: c.sha, committedAt: iso(c.committed_at) })),
  }));
}

/** Feature-flag changes as stored. */
async function storedFlags(knex: Knex) {
  const optional = (value: unknown) =>
    value === null || value === undefined ? undefined : value;
  return (await knex('flags')).map(row => ({
    kind: 'flag',
    source: row.source,
    id: row.external_id,
    entityRef: row.entity_ref,
    flagKey: row.flag_key,
    environment: row.environment,
    action: row.action,
    percentage: row.percentage === null ? undefined : Number(row.percentage),
    at: iso(row.at),
    author: optional(row.author),
    url: optional(row.url),
  }));
}
