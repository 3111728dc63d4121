import {
  EVENT_LIMITS,
  type DeploymentEvent,
  type DeploymentStatus,
} from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const SOURCE_ID = 'jenkins';

/** A change of a build's change log (`hudson.scm.ChangeLogSet.Entry`, git's `GitChangeSet`). */
const changeSchema = z.object({
  commitId: z.string().nullish(),
  /** Epoch milliseconds; -1 when the SCM could not tell. */
  timestamp: z.number().nullish(),
  msg: z.string().nullish(),
  authorEmail: z.string().nullish(),
  author: z.object({ fullName: z.string().nullish() }).nullish(),
});

const changeSetSchema = z.object({ items: z.array(changeSchema).nullish() });

/** One entry of `actions[].parameters[]` (`hudson.model.ParameterValue`). */
const parameterSchema = z.object({
  name: z.string(),
  value: z.unknown().optional(),
});

const parametersActionSchema = z.object({
  parameters: z.array(parameterSchema),
});

/**
 * One entry of `CauseAction.causes` (`hudson.model.Cause`): why the build started.
 * Every cause has `shortDescription`; a user's has `userId`/`userName`, an upstream
 * build's `upstreamProject`/`upstreamBuild`.
 */
const causeSchema = z.object({
  _class: z.string().nullish(),
  shortDescription: z.string().nullish(),
  userId: z.string().nullish(),
  userName: z.string().nullish(),
  upstreamProject: z.string().nullish(),
  upstreamBuild: z.number().nullish(),
});

const causeActionSchema = z.object({ causes: z.array(causeSchema).min(1) });

/**
 * A build (`hudson.model.Run`) as `BUILD_TREE` asks for it. Pipelines report
 * `changeSets` (one per checkout), freestyle builds `changeSet`.
 */
export const buildSchema = z.object({
  number: z.number().int(),
  url: z.string().nullish(),
  displayName: z.string().nullish(),
  result: z.string().nullish(),
  building: z.boolean().nullish(),
  timestamp: z.number(),
  duration: z.number().nullish(),
  actions: z.array(z.unknown()).nullish(),
  changeSets: z.array(changeSetSchema).nullish(),
  changeSet: changeSetSchema.nullish(),
});

export type JenkinsBuild = z.infer<typeof buildSchema>;

/** The properties of a build this module reads, as a Jenkins `tree` expression. */
const CHANGE_TREE =
  'items[commitId,timestamp,msg,authorEmail,author[fullName]]';
export const BUILD_TREE = [
  'number',
  'url',
  'displayName',
  'result',
  'building',
  'timestamp',
  'duration',
  'actions[parameters[name,value],causes[shortDescription,userId,userName,upstreamProject,upstreamBuild]]',
  `changeSets[${CHANGE_TREE}]`,
  `changeSet[${CHANGE_TREE}]`,
].join(',');

/** Build parameters by name; values that are not plain (files, passwords) are left out. */
export function buildParameters(build: JenkinsBuild): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const action of build.actions ?? []) {
    const parsed = parametersActionSchema.safeParse(action);
    if (!parsed.success) continue;
    for (const { name, value } of parsed.data.parameters) {
      if (['string', 'number', 'boolean'].includes(typeof value)) {
        parameters[name] = String(value);
      }
    }
  }
  return parameters;
}

/**
 * Who or what started the build, from its first cause (Jenkins lists the one that
 * queued it first): `jane (manual build)` for a user, `jenkins: timer` for a cron
 * trigger, `jenkins: SCM change` for SCM polling, `jenkins: upstream <job> #<n>` for
 * an upstream build; any other cause (e.g. a GitHub push, branch indexing) by its
 * own short description. Undefined when the build names no cause.
 */
export function buildTriggeredBy(build: JenkinsBuild): string | undefined {
  for (const action of build.actions ?? []) {
    const parsed = causeActionSchema.safeParse(action);
    if (!parsed.success) continue;
    const text = describeCause(parsed.data.causes[0]);
    if (text) return text.slice(0, EVENT_LIMITS.triggeredBy);
  }
  return undefined;
}

function describeCause(cause: z.infer<typeof causeSchema>): string | undefined {
  const kind = cause._class ?? '';
  if (cause.userId || cause.userName) {
    return `${cause.userId || cause.userName} (manual build)`;
  }
  if (kind.endsWith('TimerTrigger$TimerTriggerCause')) return 'jenkins: timer';
  if (kind.endsWith('SCMTrigger$SCMTriggerCause')) {
    return 'jenkins: SCM change';
  }
  if (cause.upstreamProject) {
    return `jenkins: upstream ${cause.upstreamProject}${
      cause.upstreamBuild ? ` #${cause.upstreamBuild}` : ''
    }`;
  }
  return cause.shortDescription?.trim() || undefined;
}

/**
 * The normalised status of a build, by its `result`; undefined for a result this
 * module does not know. A build still running reports `building: true`, and a
 * null result until it ends (a pipeline may set a result while still running).
 */
export function deploymentStatus(
  build: Pick<JenkinsBuild, 'building' | 'result'>,
  unstable: 'success' | 'failure',
): DeploymentStatus | undefined {
  if (build.building || !build.result) return 'in_progress';
  switch (build.result) {
    case 'SUCCESS':
      return 'success';
    case 'FAILURE':
      return 'failure';
    case 'UNSTABLE':
      return unstable;
    case 'ABORTED':
    case 'NOT_BUILT':
      return 'cancelled';
    default:
      return undefined;
  }
}

/**
 * `<instance>:<job full name>#<number>`, the annotation's spelling plus the build
 * number. Past the schema's 200 characters the job part is cut and a hash of the
 * whole keeps it unique.
 */
export function deploymentId(
  instance: string,
  jobFullName: string,
  number: number,
): string {
  const job = `${instance}:${jobFullName}`;
  const suffix = `#${number}`;
  if (job.length + suffix.length <= EVENT_LIMITS.id) return `${job}${suffix}`;
  const hash = createHash('sha256').update(job).digest('hex').slice(0, 16);
  return `${job.slice(
    0,
    EVENT_LIMITS.id - suffix.length - hash.length - 1,
  )}~${hash}${suffix}`;
}

const isoFromMillis = (millis: number) =>
  DateTime.fromMillis(millis, { zone: 'utc' }).toISO()!;

function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The commits of all the build's change logs, each once, in Jenkins' order. */
export function buildCommits(build: JenkinsBuild): DeploymentEvent['commits'] {
  const changeSets = [...(build.changeSets ?? [])];
  if (build.changeSet) changeSets.push(build.changeSet);
  const commits = new Map<string, DeploymentEvent['commits'][number]>();
  for (const change of changeSets.flatMap(set => set.items ?? [])) {
    const sha = change.commitId?.trim();
    // A commit without a time cannot give a lead time; the schema requires one.
    if (!sha || !change.timestamp || change.timestamp < 0) continue;
    if (commits.has(sha)) continue;
    const author = change.authorEmail || change.author?.fullName;
    commits.set(sha, {
      sha,
      committedAt: isoFromMillis(change.timestamp),
      ...(author ? { author: author.slice(0, EVENT_LIMITS.commitAuthor) } : {}),
      ...(change.msg
        ? { message: change.msg.slice(0, EVENT_LIMITS.commitMessage) }
        : {}),
    });
  }
  return [...commits.values()].slice(0, EVENT_LIMITS.commits);
}

const withTriggeredBy = (value: string | undefined) =>
  value ? { triggeredBy: value } : {};

export interface BuildContext {
  instance: string;
  jobFullName: string;
  entityRef: string;
  environment: string;
  status: DeploymentStatus;
  /** Overrides the display name as the version. */
  version?: string;
}

/**
 * A Jenkins build as a normalised deployment: started at its `timestamp`, finished
 * `duration` milliseconds later unless still running.
 */
export function toDeploymentEvent(
  build: JenkinsBuild,
  context: BuildContext,
): DeploymentEvent {
  const { instance, jobFullName, entityRef, environment, status } = context;
  const version = (context.version || build.displayName)?.trim();
  return {
    kind: 'deployment',
    source: SOURCE_ID,
    id: deploymentId(instance, jobFullName, build.number),
    entityRef,
    environment,
    status,
    startedAt: isoFromMillis(build.timestamp),
    ...(status === 'in_progress'
      ? {}
      : {
          finishedAt: isoFromMillis(
            build.timestamp + Math.max(0, build.duration ?? 0),
          ),
        }),
    ...(version ? { version: version.slice(0, EVENT_LIMITS.version) } : {}),
    ...(isHttpUrl(build.url) ? { url: build.url } : {}),
    ...withTriggeredBy(buildTriggeredBy(build)),
    commits: buildCommits(build),
  };
}
