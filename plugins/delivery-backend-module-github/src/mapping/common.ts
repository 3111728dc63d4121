import { EVENT_LIMITS } from '@internal/backstage-plugin-delivery-common';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';

export const SOURCE_ID = 'github';

export const repositorySchema = z
  .object({ full_name: z.string().min(1), html_url: z.string().min(1) })
  .transform(r => ({ fullName: r.full_name, htmlUrl: r.html_url }));

/** A workflow as payloads name it (`workflow`, `workflow_run`): either field may be empty. */
export const workflowRefSchema = z
  .object({ name: z.string().nullish(), path: z.string().nullish() })
  .nullish();

/** The normalised schema caps these; longer values would get the event rejected. */
const MAX_MESSAGE = EVENT_LIMITS.commitMessage;
const MAX_AUTHOR = EVENT_LIMITS.commitAuthor;
const MAX_TRIGGERED_BY = EVENT_LIMITS.triggeredBy;

export const truncate = {
  message: (value: string) => value.slice(0, MAX_MESSAGE),
  author: (value: string) => value.slice(0, MAX_AUTHOR),
};

/** A user as payloads embed one (`actor`, `triggering_actor`, `creator`). */
export const userSchema = z.object({ login: z.string().min(1) }).nullish();

/**
 * The event's `triggeredBy`: who, and through which trigger when known, e.g.
 * `octocat (push)`; the trigger alone when no user is named.
 */
export function triggeredBy(
  login: string | null | undefined,
  trigger?: string | null,
): string | undefined {
  let text = trigger;
  if (login) text = trigger ? `${login} (${trigger})` : login;
  return text ? text.slice(0, MAX_TRIGGERED_BY) : undefined;
}

export const shortSha = (sha: string) => sha.slice(0, 7);

/** The first value that is an absolute http(s) URL; GitHub sends `""` for unset URLs. */
export function firstHttpUrl(
  ...candidates: (string | null | undefined)[]
): string | undefined {
  for (const candidate of candidates) {
    if (candidate && isHttpUrl(candidate)) return candidate;
  }
  return undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * `end`, or `start` when GitHub reports an end before the start (its own examples
 * carry such runs); the event schema refuses a finish before the start.
 */
export function notBefore(start: string, end: string): string {
  return DateTime.fromISO(end) < DateTime.fromISO(start) ? start : end;
}

/**
 * The stored id of a record's event for one component: `<record id>@<entityRef>`,
 * e.g. `acme/shop/issues/7@component:default/web`. A record of a repository with
 * several components (an issue, a pull request) is one event per component, as each
 * event has one entity, so the id names both. Should that pass the schema's 200
 * characters, a hash of the entity ref stands in for it.
 */
export function idForComponent(recordId: string, entityRef: string): string {
  const id = `${recordId}@${entityRef}`;
  if (id.length <= EVENT_LIMITS.id) return id;
  return `${recordId}@${createHash('sha256')
    .update(entityRef)
    .digest('hex')
    .slice(0, 16)}`;
}
