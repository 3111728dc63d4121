import {
  EVENT_LIMITS,
  type DeploymentEvent,
  type DeploymentStatus,
} from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';

export const SOURCE_ID = 'gitlab';

/** A deployment event before the catalog says whose it is. */
export type UnattributedDeployment = Omit<DeploymentEvent, 'entityRef'>;

export type Commit = DeploymentEvent['commits'][number];

export type { DeploymentStatus };

/** A GitLab project as webhooks and the API name it, on one GitLab instance. */
export interface GitlabProject {
  /** The `integrations.gitlab` host serving the project, e.g. `gitlab.com`. */
  instance: string;
  id: number;
  /** `path_with_namespace`, e.g. `acme/shop`. */
  path: string;
  webUrl: string;
}

/*
 * Ids carry the instance, as GitLab's ids are unique per instance only. GitLab's
 * global ids (not the per-project iid) are in webhook payloads and API answers alike,
 * so a webhook and a later pull of the same record store one event.
 */
export const deploymentEventId = (instance: string, id: number) =>
  `${instance}/deployments/${id}`;

export const pipelineEventId = (instance: string, id: number) =>
  `${instance}/pipelines/${id}`;

/** GitLab shows commits by their first 8 characters (`short_id`). */
export const shortSha = (sha: string) => sha.slice(0, 8);

/** Cut to the schema's limits: longer values would get the event rejected. */
export const truncate = {
  message: (value: string) => value.slice(0, EVENT_LIMITS.commitMessage),
  author: (value: string) => value.slice(0, EVENT_LIMITS.commitAuthor),
};

/**
 * The event's `triggeredBy`: the GitLab user who started the run and, for a
 * pipeline, its source (`root (push)`, `root (schedule)`); the source alone when no
 * user is named.
 */
export function triggeredBy(
  username: string | null | undefined,
  pipelineSource?: string | null,
): string | undefined {
  let text = pipelineSource;
  if (username) {
    text = pipelineSource ? `${username} (${pipelineSource})` : username;
  }
  return text ? text.slice(0, EVENT_LIMITS.triggeredBy) : undefined;
}

/** `{ triggeredBy }` to spread into an event, nothing when unknown. */
export const withTriggeredBy = (value: string | undefined) =>
  value ? { triggeredBy: value } : {};

/**
 * An instant GitLab sent, as ISO-8601 with its offset, or undefined. The REST API
 * answers ISO-8601; webhooks use Ruby's default format instead, either with an offset
 * (`2021-04-28 21:50:00 +0200`) or in UTC (`2016-08-12 15:23:28 UTC`).
 */
export function parseGitlabTime(
  value: string | null | undefined,
): string | undefined {
  if (!value) return undefined;
  const candidates = [
    DateTime.fromISO(value, { setZone: true }),
    DateTime.fromFormat(value, 'yyyy-MM-dd HH:mm:ss ZZZ', { setZone: true }),
    DateTime.fromFormat(value, "yyyy-MM-dd HH:mm:ss 'UTC'", { zone: 'utc' }),
  ];
  const parsed = candidates.find(candidate => candidate.isValid);
  return parsed?.toISO() ?? undefined;
}

/** Like parseGitlabTime, but a missing or unreadable time is an error naming `what`. */
export function requireGitlabTime(
  value: string | null | undefined,
  what: string,
): string {
  const parsed = parseGitlabTime(value);
  if (!parsed) throw new Error(`${what} is not a time: ${value}`);
  return parsed;
}

/**
 * `end`, or `start` when GitLab reports an end before the start (its own API
 * examples carry a job finished before its deployment was created); the event schema
 * refuses a finish before the start.
 */
export function notBefore(start: string, end: string): string {
  return DateTime.fromISO(end) < DateTime.fromISO(start) ? start : end;
}

/** The value when it is an absolute http(s) URL; the event schema refuses others. */
export function httpUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

/** `https://host/group/project` plus a path below it, without doubled slashes. */
export function projectPageUrl(webUrl: string, path: string): string {
  return `${webUrl.replace(/\/+$/, '')}/${path}`;
}
