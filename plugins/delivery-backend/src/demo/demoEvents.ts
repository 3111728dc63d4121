import { DateTime } from 'luxon';
import { z } from 'zod';

/** How one demo component ships; see examples/delivery-demo.yaml. */
const profileSchema = z.object({
  entityRef: z.string(),
  deploysPerDay: z.number().positive(),
  leadTimeHours: z.number().positive(),
  failureRate: z.number().min(0).max(1),
  recoveryHours: z.number().positive(),
  rollbackShare: z.number().min(0).max(1),
  /** The source reporting its events (github, gitlab, jenkins, ...); default `demo`. */
  source: z.string().min(1).default('demo'),
});

export const demoProfilesSchema = z.object({
  seed: z.number().int(),
  days: z.number().int().min(1).max(400),
  components: z.array(profileSchema),
});

export type DemoProfiles = z.infer<typeof demoProfilesSchema>;

/** mulberry32: a tiny seeded PRNG, so the demo data is the same on every start. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson-distributed count (Knuth), for "how many deploys today". */
function poisson(mean: number, rand: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k += 1;
    p *= rand();
  }
  return k;
}

const iso = (t: DateTime) => t.toUTC().toISO()!;

/**
 * Normalised events for the last `days` days before `now` (UTC days), one stream per
 * profile: production deployments with commits, occasional staging deploys and failed
 * runs, and for failing deployments an incident plus a rollback or a remediation.
 * Ids derive from the calendar day, so regenerating on a later day upserts the same
 * events for the days both runs cover. Each profile draws from its own seeded
 * sequence per day, so one profile's changes do not reshuffle the others.
 */
export function generateDemoEvents(
  profiles: DemoProfiles,
  now: DateTime,
): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const today = now.toUTC().startOf('day');
  profiles.components.forEach((profile, profileIndex) => {
    const name = profile.entityRef.split('/').pop()!;
    for (let back = profiles.days; back >= 1; back--) {
      const day = today.minus({ days: back });
      const dayNumber = Math.floor(day.toMillis() / 86_400_000);
      const rand = random(profiles.seed ^ (profileIndex * 7919) ^ dayNumber);
      const count = poisson(profile.deploysPerDay, rand);
      for (let n = 0; n < count; n++) {
        const id = `${name}-${day.toISODate()}-${n}`;
        const finishedAt = day.plus({ minutes: Math.floor(rand() * 1440) });
        if (finishedAt > now) continue;
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
            author: ['alice.nguyen', 'ben.okafor', 'carla.mendes', 'david.kim'][
              c % 4
            ],
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
        events.push({
          ...base,
          id,
          environment: 'production',
          status: 'success',
          version: `v${day.toFormat('yyyy.MM.dd')}.${n}`,
          commits,
        });
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
            ...(recovered <= now ? { resolvedAt: iso(recovered) } : {}),
            deploymentId: id,
          });
          if (recovered <= now) {
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
      }
    }
  });
  return events;
}
