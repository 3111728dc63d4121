import { LoggerService } from '@backstage/backend-plugin-api';
import type { DeploymentEvent } from '@internal/backstage-plugin-delivery-common';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { DateTime } from 'luxon';
import { AnnotatedJob } from '../matching/annotations';
import { JenkinsInstanceConfig } from '../config';
import { JenkinsClient } from '../client/client';
import { JenkinsRequestError } from '../client/retry';
import {
  buildParameters,
  deploymentStatus,
  JenkinsBuild,
  SOURCE_ID,
  toDeploymentEvent,
} from '../mapping/build';
import { DeploymentRule, deploymentTarget, mayDeploy } from '../mapping/rules';
import { JobRead, readJob } from './jobs';

export interface PullSettings {
  rules: DeploymentRule[];
  unstable: 'success' | 'failure';
  /** Builds started before this are not read. */
  since: DateTime;
  maxBuildsPerJob: number;
}

/**
 * After this many annotated jobs in a row failed, the instance is taken to be down
 * and its other jobs wait for the next run instead of each using up its retries.
 */
export const MAX_CONSECUTIVE_FAILURES = 3;

const key = (job: { instance: string; jobFullName: string }) =>
  `${job.instance}:${job.jobFullName}`.slice(0, 300);

/** The deployments among a job's builds: those a rule gives an environment. */
export function deploymentsOf(options: {
  instance: string;
  jobFullName: string;
  entityRef: string;
  builds: JenkinsBuild[];
  settings: Pick<PullSettings, 'rules' | 'unstable'>;
}): DeploymentEvent[] {
  const { instance, jobFullName, entityRef, settings } = options;
  const events: DeploymentEvent[] = [];
  for (const build of options.builds) {
    const parameters = buildParameters(build);
    const target = deploymentTarget(settings.rules, jobFullName, parameters);
    const status = deploymentStatus(build, settings.unstable);
    if (!target || !status) continue;
    events.push(
      toDeploymentEvent(build, {
        instance,
        jobFullName,
        entityRef,
        environment: target.environment,
        status,
        version: target.versionParameter
          ? parameters[target.versionParameter]
          : undefined,
      }),
    );
  }
  return events;
}

interface InstanceContext {
  instance: string;
  client: JenkinsClient;
  settings: PullSettings;
  sink: DeliveryEventSink;
  logger: LoggerService;
}

/** Stores the deployments among a job's builds; answers how many. */
async function storeJob(
  context: InstanceContext,
  jobFullName: string,
  entityRef: string,
  read: Extract<JobRead, { kind: 'job' }>,
): Promise<number> {
  const { instance, settings, sink, logger } = context;
  if (read.malformed > 0) {
    logger.warn(
      `Jenkins ${instance}: skipped ${read.malformed} builds of ${jobFullName} lacking a number or timestamp`,
    );
  }
  const events = deploymentsOf({
    instance,
    jobFullName,
    entityRef,
    builds: read.builds,
    settings,
  });
  if (events.length === 0) return 0;
  const { rejected } = await sink.ingest(events);
  for (const { index, error } of rejected) {
    logger.warn(
      `Jenkins ${instance}: deployment ${events[index].id} rejected: ${error}`,
    );
  }
  return events.length - rejected.length;
}

/**
 * Pulls an annotated job: its builds, or for a folder (a multibranch project) the
 * builds of each job in it. Folders within the folder are not descended into.
 */
async function pullJob(
  context: InstanceContext,
  job: AnnotatedJob,
): Promise<number> {
  const { client, settings, logger, instance } = context;
  const [entityRef] = job.entityRefs;
  const read = {
    since: settings.since,
    max: settings.maxBuildsPerJob,
    wanted: (name: string) => mayDeploy(settings.rules, name),
  };
  const first = await readJob(client, job.jobFullName, read);
  if (first.kind === 'job') {
    return storeJob(context, job.jobFullName, entityRef, first);
  }
  let stored = 0;
  for (const child of first.children.filter(read.wanted)) {
    let result;
    try {
      result = await readJob(client, child, read);
    } catch (error) {
      // Removed since the folder was listed: nothing to read.
      if (!(error instanceof JenkinsRequestError && error.status === 404)) {
        throw error;
      }
      continue;
    }
    if (result.kind === 'folder') {
      logger.debug(`Jenkins ${instance}: not descending into folder ${child}`);
      continue;
    }
    stored += await storeJob(context, child, entityRef, result);
  }
  return stored;
}

/**
 * Pulls the annotated jobs of one instance, one after the other. A job Jenkins does
 * not know is reported unmatched, as is a job several components claim; a job that
 * fails is noted and the others still pulled, unless the instance is unreachable or
 * refuses the credentials, or `MAX_CONSECUTIVE_FAILURES` jobs in a row failed.
 * Answers why the run failed, if it did.
 */
export async function pullInstance(
  context: InstanceContext & { jobs: AnnotatedJob[]; signal?: AbortSignal },
): Promise<{ error?: string; deployments: number }> {
  const { instance, sink, logger, jobs, signal } = context;
  const failures: string[] = [];
  let consecutive = 0;
  let deployments = 0;
  const failed = (reason: string) => ({
    error: [...failures, reason].join('; '),
    deployments,
  });

  for (const job of jobs) {
    if (signal?.aborted) {
      return failed('pull stopped: the scheduled task timed out');
    }
    const claimants = job.entityRefs.join(', ');
    if (job.entityRefs.length > 1) {
      await sink.reportUnmatched({
        source: SOURCE_ID,
        key: key(job),
        reason: `ambiguous: several components are annotated with Jenkins job ${job.jobFullName} on instance ${instance} (${claimants}); its builds are credited to none`,
      });
      continue;
    }
    try {
      deployments += await pullJob(context, job);
      consecutive = 0;
    } catch (error) {
      if (error instanceof JenkinsRequestError && error.status === 404) {
        await sink.reportUnmatched({
          source: SOURCE_ID,
          key: key(job),
          reason: `no job ${job.jobFullName} on Jenkins instance ${instance}, annotated on ${claimants}`,
        });
        continue;
      }
      const message = (error as Error).message ?? String(error);
      logger.warn(
        `Could not pull Jenkins job ${job.jobFullName} of ${instance}: ${message}`,
      );
      if (error instanceof JenkinsRequestError && error.instanceWide) {
        return failed(message);
      }
      failures.push(`${job.jobFullName}: ${message}`);
      consecutive++;
      if (consecutive >= MAX_CONSECUTIVE_FAILURES) {
        return failed(
          `stopped after ${consecutive} jobs in a row failed; the other jobs wait for the next pull`,
        );
      }
    }
  }
  return failures.length > 0
    ? { error: failures.join('; '), deployments }
    : { deployments };
}

/**
 * One scheduled pull: each configured instance that has annotated jobs, one after
 * the other, each reported to the sink whether it worked or not. Jobs annotated
 * with an instance that is not configured are reported unmatched.
 */
export async function pullJenkins(options: {
  instances: JenkinsInstanceConfig[];
  clientFor: (instance: JenkinsInstanceConfig) => JenkinsClient;
  jobs: AnnotatedJob[];
  settings: PullSettings;
  sink: DeliveryEventSink;
  logger: LoggerService;
  signal?: AbortSignal;
}): Promise<void> {
  const { instances, sink, logger, settings } = options;
  const configured = new Set(instances.map(i => i.name));
  for (const job of options.jobs.filter(j => !configured.has(j.instance))) {
    await sink.reportUnmatched({
      source: SOURCE_ID,
      key: key(job),
      reason: `no Jenkins instance named ${
        job.instance
      } in the jenkins config, annotated on ${job.entityRefs.join(', ')}`,
    });
  }

  for (const instance of instances) {
    const jobs = options.jobs.filter(j => j.instance === instance.name);
    if (jobs.length === 0) {
      logger.debug(`Jenkins ${instance.name}: no component names a job on it`);
      continue;
    }
    const { error, deployments } = await pullInstance({
      instance: instance.name,
      client: options.clientFor(instance),
      jobs,
      settings,
      sink,
      logger,
      signal: options.signal,
    });
    logger.info(
      `Pulled ${deployments} deployments from ${
        jobs.length
      } annotated jobs of Jenkins ${instance.name}${
        error ? `, with errors: ${error}` : ''
      }`,
    );
    await sink.reportSync({
      source: SOURCE_ID,
      instance: instance.name,
      via: 'pull',
      ...(error ? { error } : {}),
    });
  }
}
