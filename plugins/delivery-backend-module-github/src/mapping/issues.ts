import type { IncidentEvent } from '@internal/backstage-plugin-delivery-common';
import {
  formatZodError,
  EVENT_LIMITS,
} from '@internal/backstage-plugin-delivery-common';
import { deploymentReferenceIn } from '@internal/backstage-plugin-delivery-node';
import { z } from 'zod';
import { firstHttpUrl, notBefore, repositorySchema, SOURCE_ID } from './common';
import { GithubRepository } from './types';

/** An incident before a catalog entity is assigned; `id` names the issue. */
export type IncidentDraft = Omit<IncidentEvent, 'entityRef'>;

/** What one `issues` delivery says about an incident. */
export interface MappedIncident {
  incident: IncidentDraft;
  repository: GithubRepository;
  /** Lower-case component names from `component:<name>` labels, in label order. */
  components: string[];
}

/** Either an incident, or why the delivery is not one (logged, not reported). */
export type IncidentMappingResult = MappedIncident | { skipped: string };

/** The actions that (may) change what the incident says; others are ignored. */
export const ISSUE_ACTIONS = [
  'opened',
  'edited',
  'closed',
  'reopened',
  'labeled',
  'unlabeled',
] as const;

// Webhooks carry label objects; the REST API may also return plain names.
const labelSchema = z
  .union([z.string(), z.object({ name: z.string().nullish() })])
  .transform(label => (typeof label === 'string' ? label : label.name ?? ''));

// Only the fields the mapping reads; anything else in the payload is ignored.
const payloadSchema = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number(),
    title: z.string(),
    body: z.string().nullish(),
    state: z.string().nullish(),
    created_at: z.string(),
    closed_at: z.string().nullish(),
    html_url: z.string().nullish(),
    labels: z.array(labelSchema).nullish(),
    // Present on pull requests, which GitHub treats as issues too.
    pull_request: z.unknown().optional(),
  }),
  // The label added or removed, on `labeled` and `unlabeled`.
  label: z.object({ name: z.string() }).nullish(),
  repository: repositorySchema,
});

/** The normalised schema caps these; longer values would get the event rejected. */
const MAX_TITLE = EVENT_LIMITS.title;
const MAX_SEVERITY = EVENT_LIMITS.severity;
const MAX_ID = EVENT_LIMITS.id;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The severity a label gives: `severity:<value>` (or `severity/<value>`) gives
 * `<value>`, `sev<N>` (or `sev-<N>`, `sev:<N>`) gives `sev<N>`; lower case.
 */
export function severityOf(label: string): string | undefined {
  const named = label.match(/^severity\s*[:/]\s*(\S.*)$/i);
  if (named) return named[1].trim().toLowerCase().slice(0, MAX_SEVERITY);
  const numbered = label.match(/^sev[-:]?\s*(\d+)$/i);
  return numbered ? `sev${numbered[1]}` : undefined;
}

/** The component a `component:<name>` (or `component/<name>`) label names, lower case. */
export function componentOf(label: string): string | undefined {
  const named = label.match(/^component\s*[:/]\s*(\S.*)$/i);
  return named ? named[1].trim().toLowerCase() : undefined;
}

/**
 * The id this module gives the deployment an issue body names on a line
 * `Deployment: <reference>` (read by the kit's `deploymentReferenceIn`: the first
 * such line, also `Deployment id:`, markdown around it). The reference is one of:
 *
 * - a workflow run's URL, `https://<host>/<owner>/<repo>/actions/runs/<id>` (also with
 *   `/attempts/…` or `/job/…` after it, or its API URL) → `<owner>/<repo>/runs/<id>`;
 * - a deployment's API URL, `https://<api host>/repos/<owner>/<repo>/deployments/<id>`
 *   → `<owner>/<repo>/deployments/<id>`;
 * - an id as this module stores it, `<owner>/<repo>/deployments/<id>` or
 *   `<owner>/<repo>/runs/<id>`, or without `<owner>/<repo>/` for the issue's own
 *   repository.
 *
 * A repository named without case differences from the issue's is spelt as GitHub
 * spells the issue's, so the id equals the stored one.
 */
export function deploymentIdFromBody(
  body: string | null | undefined,
  repository: GithubRepository,
): string | undefined {
  // The line and its markdown are read as every source reads them.
  const reference = deploymentReferenceIn(body);
  if (!reference) return undefined;
  const isUrl = /^https?:\/\//i.test(reference);
  let path = reference;
  if (isUrl) {
    try {
      path = new URL(reference).pathname;
    } catch {
      return undefined;
    }
    // API URLs: `/repos/…` on api.github.com, `/api/v3/repos/…` on GitHub Enterprise.
    path = path.replace(/^\/api\/v3(?=\/)/, '').replace(/^\/repos(?=\/)/, '');
  }
  const match = path.match(
    /^\/?(?:([^/\s]+)\/([^/\s]+)\/)?(deployments|actions\/runs|runs)\/(\d+)(?:[/?#].*)?$/i,
  );
  if (!match) return undefined;
  const [, owner, repo, kind, id] = match;
  const isRun = /runs$/i.test(kind);
  if (isUrl) {
    // A URL names its repository; a web `…/runs/<id>` without `actions/` is a job
    // (check run), whose id is not the workflow run's.
    if (!owner || (isRun && !/^actions\//i.test(kind))) return undefined;
  }
  const named = owner ? `${owner}/${repo}` : repository.fullName;
  const fullName = same(named, repository.fullName)
    ? repository.fullName
    : named;
  const deploymentId = `${fullName}/${isRun ? 'runs' : 'deployments'}/${id}`;
  return deploymentId.length <= MAX_ID ? deploymentId : undefined;
}

/**
 * Maps an `issues` webhook payload (or an issue from the REST API, wrapped alike)
 * to an incident when the issue carries `label` (compared without case). An
 * `unlabeled` delivery that removed the label is skipped: the store cannot delete,
 * so the incident stays as last stored (see the README).
 */
export function mapIssue(
  payload: unknown,
  label: string,
): IncidentMappingResult {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    return {
      skipped: `not an issues payload: ${formatZodError(parsed.error)}`,
    };
  }
  const { action, issue, repository } = parsed.data;
  if (!(ISSUE_ACTIONS as readonly string[]).includes(action)) {
    return { skipped: `issues action ${action} is not mapped` };
  }
  if (issue.pull_request !== undefined && issue.pull_request !== null) {
    return { skipped: `#${issue.number} is a pull request` };
  }
  const labels = (issue.labels ?? []).filter(Boolean);
  const removed =
    action === 'unlabeled' &&
    parsed.data.label &&
    same(parsed.data.label.name, label);
  if (removed || !labels.some(name => same(name, label))) {
    return { skipped: `issue #${issue.number} does not carry label ${label}` };
  }

  const closed = issue.state === 'closed';
  const closedAt = closed ? issue.closed_at : undefined;
  const severity = labels.map(severityOf).find(Boolean);
  return {
    repository,
    components: [
      ...new Set(labels.map(componentOf).filter((c): c is string => !!c)),
    ],
    incident: {
      kind: 'incident',
      source: SOURCE_ID,
      id: `${repository.fullName}/issues/${issue.number}`,
      title: (issue.title.trim() || `#${issue.number}`).slice(0, MAX_TITLE),
      severity,
      openedAt: issue.created_at,
      resolvedAt: closedAt ? notBefore(issue.created_at, closedAt) : undefined,
      deploymentId: deploymentIdFromBody(issue.body, repository),
      url: firstHttpUrl(issue.html_url),
    },
  };
}
