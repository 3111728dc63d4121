import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  AUTHORS,
  dayNumberOf,
  iso,
  poisson,
  random,
  skewed,
} from './demoRandom';

/** How a demo component's pull or merge requests go; see examples/delivery-demo.yaml. */
export const changePaceSchema = z.object({
  /** Repository URL; components sharing one are a monorepo (PR numbers shared). */
  repository: z.url(),
  codingHours: z.number().positive(),
  pickupHours: z.number().positive(),
  reviewHours: z.number().positive(),
  unreviewedShare: z.number().min(0).max(1),
  typicalLines: z.number().positive(),
  /** Share of its changes that touch another component of the same monorepo too. */
  alsoTouches: z
    .object({ entityRef: z.string(), share: z.number().min(0).max(1) })
    .optional(),
});

type ChangePace = z.infer<typeof changePaceSchema>;

/** A successful production deployment as planned, whose commits a change may join. */
export interface Release {
  deployment: { commits: Record<string, unknown>[] } & Record<string, unknown>;
  finishedAt: DateTime;
}

interface ProfileInput {
  entityRef: string;
  deploysPerDay: number;
  changes?: ChangePace;
}

/** A pull request's whole life; `reportedAt` cuts it at what a source knows by then. */
interface PullRequestPlan {
  id: string;
  entityRef: string;
  number: number;
  title: string;
  author: string;
  url: string;
  firstCommitAt: DateTime;
  openedAt: DateTime;
  /** A draft until then. */
  readyAt?: DateTime;
  firstReviewAt?: DateTime;
  mergedAt?: DateTime;
  closedAt?: DateTime;
  mergeCommitSha?: string;
  additions: number;
  deletions: number;
  commits: { sha: string; committedAt: DateTime }[];
  /** The other monorepo component it also touches. */
  alsoTouches?: string;
}

const DRAFT_SHARE = 0.15;
/** Pull requests closed without merging, per production deployment. */
const ABANDONED_PER_DEPLOY = 0.05;
/** PR numbers start from this day number (2022-01-08), so they stay short. */
const FIRST_NUMBERED_DAY = 19_000;
const VERBS = ['Fix', 'Add', 'Refactor', 'Speed up', 'Tidy', 'Harden'];
const AREAS = [
  'checkout flow',
  'search ranking',
  'cache headers',
  'order events',
  'retry policy',
  'feature flag',
  'request logging',
  'dependencies',
];

const pick = <T>(list: T[], rand: () => number) =>
  list[Math.floor(rand() * list.length)];

function pullRequestUrl(repository: string, number: number) {
  return repository.includes('gitlab')
    ? `${repository}/-/merge_requests/${number}`
    : `${repository}/pull/${number}`;
}

/** What every pull request draws, merged or not, in the same order. */
function drawWork(pace: ChangePace, rand: () => number) {
  return {
    reviewed: rand() >= pace.unreviewedShare,
    coding: pace.codingHours * skewed(rand),
    pickup: pace.pickupHours * skewed(rand),
    review: pace.reviewHours * skewed(rand),
    draft: rand() < DRAFT_SHARE,
    // Squared: sizes spread wider than durations (typo fixes to rewrites).
    lines: Math.max(1, Math.round(pace.typicalLines * skewed(rand, 1) ** 2)),
    addedShare: 0.5 + rand() * 0.4,
    commitCount: 1 + Math.floor(rand() * 4),
    title: `${pick(VERBS, rand)} ${pick(AREAS, rand)}`,
    author: pick(AUTHORS, rand),
  };
}

/** Branch commits: the first at firstCommitAt, the others before the merge. */
function branchCommits(
  shaPrefix: string,
  firstCommitAt: DateTime,
  lastAt: DateTime,
  count: number,
  rand: () => number,
) {
  const span = lastAt.diff(firstCommitAt).as('milliseconds');
  return Array.from({ length: count }, (_, i) => ({
    sha: `${shaPrefix}p${i}`,
    committedAt:
      i === 0
        ? firstCommitAt
        : firstCommitAt.plus({
            milliseconds: Math.floor(rand() * span * 0.95),
          }),
  })).sort((a, b) => a.committedAt.toMillis() - b.committedAt.toMillis());
}

/** The change event as its source would have sent it by `now`; undefined before it opened. */
function reportedAt(
  plan: PullRequestPlan,
  now: DateTime,
): Record<string, unknown> | undefined {
  if (plan.openedAt > now) return undefined;
  const happened = (t?: DateTime) => (t && t <= now ? iso(t) : undefined);
  const mergedAt = happened(plan.mergedAt);
  const event = {
    kind: 'change',
    source: 'demo',
    id: plan.id,
    entityRef: plan.entityRef,
    number: plan.number,
    title: plan.title,
    author: plan.author,
    url: plan.url,
    openedAt: iso(plan.openedAt),
    firstReviewAt: happened(plan.firstReviewAt),
    mergedAt,
    closedAt: happened(plan.closedAt),
    mergeCommitSha: mergedAt ? plan.mergeCommitSha : undefined,
    draft: !!plan.readyAt && now < plan.readyAt,
    additions: plan.additions,
    deletions: plan.deletions,
    commits: plan.commits
      .filter(c => c.committedAt <= now)
      .map(c => ({ sha: c.sha, committedAt: iso(c.committedAt) })),
  };
  // Absent rather than undefined, as a source's JSON would be.
  return Object.fromEntries(
    Object.entries(event).filter(([, v]) => v !== undefined),
  );
}

/** The first release finished at or after `at`, as the stages pick a deployment. */
function firstReleaseFrom(releases: Release[], at: DateTime) {
  let first: Release | undefined;
  for (const release of releases) {
    if (release.finishedAt < at) continue;
    if (!first || release.finishedAt < first.finishedAt) first = release;
  }
  return first;
}

/**
 * One pull request per commit a release ships (squash merges: the merge commit is the
 * deployed commit, merged at its commit time), opened, reviewed (or not) and merged
 * at the profile's pace, plus a few abandoned ones. A change that also touches another
 * monorepo component is sent once per component, and its merge commit joins that
 * component's first release after the merge. Changes whose first commit precedes
 * `start` (the history's beginning) are left out; the rest as reported by `now`.
 */
export function planChanges(options: {
  profiles: { seed: number; components: ProfileInput[] };
  releasesByProfile: Release[][];
  start: DateTime;
  now: DateTime;
}): Record<string, unknown>[] {
  const { profiles, releasesByProfile, start, now } = options;
  const plans: PullRequestPlan[] = [];
  profiles.components.forEach((profile, profileIndex) => {
    const pace = profile.changes;
    if (!pace) return;
    const name = profile.entityRef.split('/').pop()!;
    const sameRepository = profiles.components.filter(
      p => p.changes?.repository === pace.repository,
    );
    const slot = sameRepository.indexOf(profile);
    const repositoryPath = new URL(pace.repository).pathname.slice(1);
    const releasesByDay = new Map<number, Release[]>();
    for (const release of releasesByProfile[profileIndex]) {
      const day = dayNumberOf(release.finishedAt.toUTC().startOf('day'));
      releasesByDay.set(day, [...(releasesByDay.get(day) ?? []), release]);
    }
    const lastDay = Math.max(
      dayNumberOf(now.toUTC().startOf('day')),
      ...releasesByDay.keys(),
    );
    for (let day = dayNumberOf(start); day <= lastDay; day++) {
      // A stream of its own, so the deployments of the day are drawn as before.
      const rand = random(
        profiles.seed ^ 0x5f3759df ^ (profileIndex * 7919) ^ day,
      );
      let k = 0;
      const numbered = () => {
        const number =
          ((day - FIRST_NUMBERED_DAY) * sameRepository.length + slot) * 100 +
          k++;
        return {
          number,
          id: `${repositoryPath}#${number}`,
          url: pullRequestUrl(pace.repository, number),
        };
      };
      for (const release of releasesByDay.get(day) ?? []) {
        for (const commit of release.deployment.commits) {
          const work = drawWork(pace, rand);
          const alsoTouches =
            pace.alsoTouches && rand() < pace.alsoTouches.share
              ? pace.alsoTouches.entityRef
              : undefined;
          const mergedAt = DateTime.fromISO(commit.committedAt as string, {
            zone: 'utc',
          });
          const openHours = work.reviewed
            ? work.pickup + work.review
            : 0.3 * work.pickup;
          const openedAt = mergedAt.minus({ hours: openHours });
          const firstCommitAt = openedAt.minus({ hours: work.coding });
          const sha = commit.sha as string;
          plans.push({
            ...numbered(),
            entityRef: profile.entityRef,
            title: work.title,
            author: work.author,
            firstCommitAt,
            openedAt,
            readyAt: work.draft
              ? openedAt.plus({ hours: openHours / 2 })
              : undefined,
            firstReviewAt: work.reviewed
              ? openedAt.plus({ hours: work.pickup })
              : undefined,
            mergedAt,
            closedAt: mergedAt,
            mergeCommitSha: sha,
            additions: Math.round(work.lines * work.addedShare),
            deletions: work.lines - Math.round(work.lines * work.addedShare),
            commits: branchCommits(
              sha,
              firstCommitAt,
              mergedAt,
              work.commitCount,
              rand,
            ),
            alsoTouches,
          });
        }
      }
      const abandoned = poisson(
        ABANDONED_PER_DEPLOY * profile.deploysPerDay,
        rand,
      );
      for (let a = 0; a < abandoned; a++) {
        const work = drawWork(pace, rand);
        const openedAt = DateTime.fromMillis(day * 86_400_000, {
          zone: 'utc',
        }).plus({ minutes: Math.floor(rand() * 1440) });
        const firstCommitAt = openedAt.minus({ hours: work.coding });
        const closedAt = openedAt.plus({
          hours: 1.5 * (work.pickup + work.review),
        });
        const ids = numbered();
        plans.push({
          ...ids,
          entityRef: profile.entityRef,
          title: work.title,
          author: work.author,
          firstCommitAt,
          openedAt,
          readyAt: work.draft
            ? openedAt.plus({ hours: work.pickup / 2 })
            : undefined,
          firstReviewAt: work.reviewed
            ? openedAt.plus({ hours: work.pickup })
            : undefined,
          closedAt,
          additions: Math.round(work.lines * work.addedShare),
          deletions: work.lines - Math.round(work.lines * work.addedShare),
          commits: branchCommits(
            `${name}${ids.number}`,
            firstCommitAt,
            closedAt,
            work.commitCount,
            rand,
          ),
        });
      }
    }
  });
  const indexByRef = new Map(
    profiles.components.map((p, i) => [p.entityRef, i]),
  );
  const suffix = (entityRef: string) => entityRef.split('/').pop();
  return (
    plans
      .flatMap(plan => {
        const other = plan.alsoTouches
          ? indexByRef.get(plan.alsoTouches)
          : undefined;
        if (other === undefined || !plan.alsoTouches) return [plan];
        // Joined whatever `start` is, so the other component's deployments are the
        // same on every run.
        const release = firstReleaseFrom(
          releasesByProfile[other],
          plan.mergedAt!,
        );
        if (release) {
          release.deployment.commits = [
            ...release.deployment.commits,
            {
              sha: plan.mergeCommitSha,
              committedAt: iso(plan.mergedAt!),
              author: plan.author,
              message: plan.title,
            },
          ];
        }
        return [
          { ...plan, id: `${plan.id}:${suffix(plan.entityRef)}` },
          {
            ...plan,
            entityRef: plan.alsoTouches,
            id: `${plan.id}:${suffix(plan.alsoTouches)}`,
          },
        ];
      })
      // Left out last: before `start`, the history has no pull requests.
      .filter(plan => plan.firstCommitAt >= start)
      .flatMap(plan => {
        const event = reportedAt(plan, now);
        return event ? [event] : [];
      })
  );
}
