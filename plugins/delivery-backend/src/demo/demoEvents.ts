import { DateTime } from 'luxon';
import { z } from 'zod';
import { changePaceSchema, planChanges, Release } from './demoChanges';
import { AUTHORS, dayNumberOf, iso, poisson, random } from './demoRandom';

/** How one demo component ships; see examples/delivery-demo.yaml. */
const profileSchema = z.object({
  entityRef: z.string(),
  deploysPerDay: z.number().positive(),
  leadTimeHours: z.number().positive(),
  failureRate: z.number().min(0).max(1),
  recoveryHours: z.number().positive(),
  rollbackShare: z.number().min(0).max(1),
  /** Its pull or merge requests; without it, none are generated. */
  changes: changePaceSchema.optional(),
  /** The source reporting its events (github, gitlab, jenkins, ...); default `demo`. */
  source: z.string().min(1).default('demo'),
});

export const demoProfilesSchema = z.object({
  seed: z.number().int(),
  days: z.number().int().min(1).max(400),
  components: z.array(profileSchema),
});

export type DemoProfiles = z.infer<typeof demoProfilesSchema>;
export type DemoProfile = DemoProfiles['components'][number];

type DemoEvent = Record<string, any>;

/** A commit of a deployment is committed at most this many lead times before it. */
const LONGEST_LEAD_TIME = 1.7;

/**
 * The events of one profile's day, whole (nothing cut at `now`): production
 * deployments with commits, occasional staging deploys and failed runs, and for
 * failing deployments an incident plus a rollback or a remediation. The day's own
 * seeded sequence draws them, so one day or profile does not reshuffle the others.
 */
function planDay(
  profiles: DemoProfiles,
  profile: DemoProfile,
  profileIndex: number,
  day: DateTime,
): { events: DemoEvent[]; releases: Release[] } {
  const events: DemoEvent[] = [];
  const releases: Release[] = [];
  const name = profile.entityRef.split('/').pop()!;
  const rand = random(profiles.seed ^ (profileIndex * 7919) ^ dayNumberOf(day));
  const count = poisson(profile.deploysPerDay, rand);
  for (let n = 0; n < count; n++) {
    const id = `${name}-${day.toISODate()}-${n}`;
    const finishedAt = day.plus({ minutes: Math.floor(rand() * 1440) });
    const startedAt = finishedAt.minus({
      minutes: 3 + Math.floor(rand() * 15),
    });
    const commits = Array.from(
      { length: 1 + Math.floor(rand() * 4) },
      (_, c) => ({
        sha: `${id}-c${c}`.replace(/[^a-z0-9]/gi, '').slice(-40),
        committedAt: iso(
          finishedAt.minus({
            hours: profile.leadTimeHours * (0.3 + rand() * 1.4),
          }),
        ),
        author: AUTHORS[c % 4],
        message: `Change ${c + 1} shipped in ${id}`,
      }),
    );
    const base = {
      kind: 'deployment',
      source: profile.source,
      entityRef: profile.entityRef,
      startedAt: iso(startedAt),
      finishedAt: iso(finishedAt),
      url: `https://ci.acme.example/${name}/runs/${id}`,
    };
    const production = {
      ...base,
      id,
      environment: 'production',
      status: 'success',
      version: `v${day.toFormat('yyyy.MM.dd')}.${n}`,
      commits,
    };
    events.push(production);
    releases.push({ deployment: production, finishedAt });
    if (rand() < 0.3) {
      events.push({
        ...base,
        id: `${id}-staging`,
        environment: 'staging',
        status: rand() < 0.1 ? 'failure' : 'success',
        startedAt: iso(startedAt.minus({ hours: 1 })),
        finishedAt: iso(finishedAt.minus({ hours: 1 })),
        commits,
      });
    }
    if (rand() < profile.failureRate) {
      const openedAt = finishedAt.plus({
        minutes: 5 + Math.floor(rand() * 55),
      });
      const recovered = openedAt.plus({
        hours: profile.recoveryHours * (0.5 + rand()),
      });
      const incidentId = `${id}-incident`;
      events.push({
        kind: 'incident',
        source: profile.source,
        id: incidentId,
        entityRef: profile.entityRef,
        title: `Error rate up after ${id}`,
        severity: rand() < 0.3 ? 'SEV1' : 'SEV2',
        openedAt: iso(openedAt),
        resolvedAt: iso(recovered),
        deploymentId: id,
      });
      // A rollback re-deploys what ran before; a remediation ships a fix commit.
      const fix =
        rand() < profile.rollbackShare
          ? { id: `${id}-rollback`, rollbackOf: id, commits: [] }
          : {
              id: `${id}-fix`,
              remediates: incidentId,
              commits: [
                {
                  sha: `${id}fix`.replace(/[^a-z0-9]/gi, '').slice(-40),
                  committedAt: iso(recovered.minus({ minutes: 40 })),
                  message: `Fix ${incidentId}`,
                },
              ],
            };
      events.push({
        ...base,
        ...fix,
        environment: 'production',
        status: 'success',
        startedAt: iso(recovered.minus({ minutes: 10 })),
        finishedAt: iso(recovered),
      });
    }
  }
  return { events, releases };
}

/**
 * Days after today whose deployments ship commits (and so pull requests) that may
 * already be open, merged or awaiting deploy now.
 */
function daysAhead(profile: DemoProfile): number {
  const longestOpen = profile.changes
    ? 4 * (profile.changes.pickupHours + profile.changes.reviewHours)
    : 0;
  return (
    Math.ceil((LONGEST_LEAD_TIME * profile.leadTimeHours + longestOpen) / 24) +
    1
  );
}

/** A deployment or incident as the source would have reported it by `now`. */
function reportedBy(event: DemoEvent, now: DateTime): DemoEvent | undefined {
  if (event.kind === 'incident') {
    if (DateTime.fromISO(event.openedAt) > now) return undefined;
    if (DateTime.fromISO(event.resolvedAt) <= now) return event;
    const { resolvedAt: _notYet, ...open } = event;
    return open;
  }
  return DateTime.fromISO(event.finishedAt) <= now ? event : undefined;
}

/**
 * Normalised events for the last `days` days before `now` (UTC days), one stream per
 * profile (see `planDay`), and the pull requests of the deployed commits (see
 * `planChanges`). Every day is planned whole and then cut at `now`, so regenerating
 * later upserts the same events with what happened since (an incident resolved, a pull
 * request reviewed, merged, deployed); ids derive from the calendar day.
 */
export function generateDemoEvents(
  profiles: DemoProfiles,
  now: DateTime,
): DemoEvent[] {
  const today = now.toUTC().startOf('day');
  const start = today.minus({ days: profiles.days });
  const planned = profiles.components.map((profile, profileIndex) => {
    const events: DemoEvent[] = [];
    const releases: Release[] = [];
    const last = today.plus({ days: daysAhead(profile) });
    for (let day = start; day <= last; day = day.plus({ days: 1 })) {
      const plan = planDay(profiles, profile, profileIndex, day);
      events.push(...plan.events);
      releases.push(...plan.releases);
    }
    return { events, releases };
  });
  const changes = planChanges({
    profiles,
    releasesByProfile: planned.map(p => p.releases),
    start,
    now,
  });
  return [
    ...planned.flatMap(p => p.events.flatMap(e => reportedBy(e, now) ?? [])),
    ...changes,
  ];
}
