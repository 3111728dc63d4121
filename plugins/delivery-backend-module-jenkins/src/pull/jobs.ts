import { formatZodError } from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { jobApiPath, JenkinsClient } from '../client/client';
import { JenkinsRequestError } from '../client/retry';
import { BUILD_TREE, buildSchema, JenkinsBuild } from '../mapping/build';

/** Builds per request: a build with its change log can be a few kilobytes. */
export const PAGE_SIZE = 25;

/**
 * A job or folder as the `tree` below asks for it. Only folders (multibranch
 * projects, organisation folders) have `jobs`; only jobs have `allBuilds`.
 */
const itemSchema = z.object({
  _class: z.string().nullish(),
  jobs: z
    .array(z.object({ name: z.string(), fullName: z.string().nullish() }))
    .nullish(),
  allBuilds: z.array(z.unknown()).nullish(),
});

/**
 * `allBuilds` lists every build, newest first, unlike `builds` (the newest 100); the
 * `{from,to}` range pages through it. The first page also asks for `jobs`, which
 * tells a folder from a job in the same request.
 */
export function jobTree(from: number, to: number): string {
  return `${
    from === 0 ? '_class,jobs[name,fullName],' : ''
  }allBuilds[${BUILD_TREE}]{${from},${to}}`;
}

export type JobRead =
  | { kind: 'folder'; children: string[] }
  | { kind: 'job'; builds: JenkinsBuild[]; malformed: number };

/**
 * Reads a job's builds started at or after `since`, newest first, at most `max`;
 * or, for a folder, the full names of the items in it. A job `wanted` refuses
 * gets no further page than the first, which a folder had to be told from it.
 */
export async function readJob(
  client: JenkinsClient,
  jobFullName: string,
  options: {
    since: DateTime;
    max: number;
    wanted: (jobFullName: string) => boolean;
  },
): Promise<JobRead> {
  const since = options.since.toMillis();
  const builds: JenkinsBuild[] = [];
  let malformed = 0;
  for (let from = 0; from < options.max; from += PAGE_SIZE) {
    const to = Math.min(from + PAGE_SIZE, options.max);
    const parsed = itemSchema.safeParse(
      await client.getJob(jobFullName, jobTree(from, to)),
    );
    if (!parsed.success) {
      throw new JenkinsRequestError(
        `GET ${jobApiPath(jobFullName)}: unexpected answer (${formatZodError(
          parsed.error,
        )})`,
        {},
      );
    }
    const page = parsed.data;
    if (from === 0 && page.jobs) {
      return {
        kind: 'folder',
        children: page.jobs.map(
          child => child.fullName ?? `${jobFullName}/${child.name}`,
        ),
      };
    }
    if (!options.wanted(jobFullName)) return { kind: 'job', builds, malformed };
    const items = page.allBuilds ?? [];
    for (const item of items) {
      const build = buildSchema.safeParse(item);
      if (!build.success) {
        malformed++;
        continue;
      }
      // Newest first: the first build started before the lookback ends the read.
      if (build.data.timestamp < since) {
        return { kind: 'job', builds, malformed };
      }
      builds.push(build.data);
    }
    if (items.length < to - from) break;
  }
  return { kind: 'job', builds, malformed };
}
