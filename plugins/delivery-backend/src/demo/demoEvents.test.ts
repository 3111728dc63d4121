import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { deliveryEventSchema } from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { parse as parseYaml } from 'yaml';
import { demoProfilesSchema, generateDemoEvents } from './demoEvents';

const profiles = demoProfilesSchema.parse(
  parseYaml(
    readFileSync(
      resolvePath(__dirname, '../../../../examples/delivery-demo.yaml'),
      'utf8',
    ),
  ),
);
const now = DateTime.fromISO('2026-11-21T12:00:00Z');
const events = generateDemoEvents(profiles, now) as any[];

describe('demo delivery events', () => {
  it('are valid normalised events with unique identities', () => {
    const invalid = events.filter(
      e => !deliveryEventSchema.safeParse(e).success,
    );
    expect(invalid).toEqual([]);
    const ids = events.map(e => `${e.kind}:${e.source}:${e.id}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are the same on every run, and the same ids on the next day', () => {
    expect(generateDemoEvents(profiles, now)).toEqual(events);
    const tomorrow = generateDemoEvents(
      profiles,
      now.plus({ days: 1 }),
    ) as any[];
    const overlap = tomorrow.find(e => e.id === events[events.length - 1].id);
    expect(overlap).toEqual(events[events.length - 1]);
  });

  it('cover the last 365 days and nothing in the future', () => {
    // The scorecards offer up to 180 days and compare them with the 180 before:
    // the demo must reach back 360 days for that change to be comparable.
    expect(profiles.days).toBe(365);
    const times = events.flatMap(e =>
      [e.finishedAt, e.resolvedAt, e.openedAt].filter(Boolean),
    );
    const earliest = now
      .startOf('day')
      .minus({ days: 365 })
      .minus({ hours: 2 });
    for (const t of times) {
      const instant = DateTime.fromISO(t);
      expect(instant <= now).toBe(true);
      expect(instant >= earliest).toBe(true);
    }
  });

  it('give each profile its own pace, failures and fixes', () => {
    const production = (name: string) =>
      events.filter(
        e =>
          e.kind === 'deployment' &&
          e.entityRef === `component:default/${name}` &&
          e.environment === 'production' &&
          !e.rollbackOf &&
          !e.remediates,
      ).length;
    // Poisson means over 365 days: 4/day -> 1460 (sd 38), 0.02/day -> 7.3 (sd 2.7).
    expect(production('storefront-web')).toBeGreaterThan(1340);
    expect(production('storefront-web')).toBeLessThan(1580);
    expect(production('legacy-invoicing')).toBeLessThan(20);

    const deploymentIds = new Set(
      events.filter(e => e.kind === 'deployment').map(e => e.id),
    );
    const incidents = events.filter(e => e.kind === 'incident');
    expect(incidents.length).toBeGreaterThan(10);
    for (const incident of incidents) {
      expect(deploymentIds.has(incident.deploymentId)).toBe(true);
    }
    expect(events.some(e => e.rollbackOf)).toBe(true);
    expect(events.some(e => e.remediates)).toBe(true);
  });
});
