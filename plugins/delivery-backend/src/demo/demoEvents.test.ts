import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import {
  changeDeployment,
  changeStages,
  deliveryEventSchema,
  isReviewed,
  rolloutOutcome,
  rolloutStrategy,
  stageFigure,
} from '@internal/backstage-plugin-delivery-common';
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

  it('are the same on every run, and tomorrow reports the same events with what happened since', () => {
    expect(generateDemoEvents(profiles, now)).toEqual(events);
    const tomorrow = new Map(
      generateDemoEvents(profiles, now.plus({ days: 1 })).map(e => [
        `${e.kind}:${e.id}`,
        e,
      ]),
    );
    const key = (e: any) => `${e.kind}:${e.id}`;
    // Only the last 365 days are regenerated: the oldest day drops out (a pull
    // request with its first commit), nothing else.
    const tomorrowsStart = now.startOf('day').minus({ days: 364 }).toMillis();
    const began = (e: any) =>
      Date.parse(
        e.kind === 'change'
          ? e.commits[0].committedAt
          : e.finishedAt ?? e.openedAt ?? e.at,
      );
    const kept = events.filter(e => tomorrow.has(key(e)));
    expect(
      events.filter(e => !tomorrow.has(key(e)) && began(e) >= tomorrowsStart),
    ).toEqual([]);

    // What a source reported stays; a pull request may gain reviews, commits and a
    // merge (and leave draft), an incident its resolution, a storefront-web
    // deployment a monorepo change merged since (its commits then grow).
    const known = (e: any) => {
      const { draft: _draft, resolvedAt: _resolvedAt, commits, ...rest } = e;
      if (e.kind === 'change' || e.kind === 'incident') return rest;
      return e.entityRef === 'component:default/storefront-web'
        ? rest
        : { ...rest, commits };
    };
    const before = kept.map(known);
    const after = kept.map((e, i) => {
      const later = tomorrow.get(key(e))!;
      return Object.fromEntries(
        Object.keys(before[i]).map(field => [field, later[field]]),
      );
    });
    expect(after).toEqual(before);
    const withCommits = kept.filter(e => e.commits);
    expect(
      withCommits.map(e =>
        tomorrow.get(key(e))!.commits.slice(0, e.commits.length),
      ),
    ).toEqual(withCommits.map(e => e.commits));
  });

  it('cover the last 365 days and nothing in the future', () => {
    // The scorecards offer up to 180 days and compare them with the 180 before:
    // the demo must reach back 360 days for that change to be comparable.
    expect(profiles.days).toBe(365);
    const times = events.flatMap(e =>
      [e.finishedAt, e.resolvedAt, e.openedAt, e.at].filter(Boolean),
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
    // Incidents of deployments; the flag story's incidents name none.
    const incidents = events.filter(
      e => e.kind === 'incident' && !e.id.includes('-flagstory-'),
    );
    expect(incidents.length).toBeGreaterThan(10);
    for (const incident of incidents) {
      expect(deploymentIds.has(incident.deploymentId)).toBe(true);
    }
    expect(events.some(e => e.rollbackOf)).toBe(true);
    expect(events.some(e => e.remediates)).toBe(true);
  });
});

describe('demo changes (pull and merge requests)', () => {
  const changes = events.filter(e => e.kind === 'change');
  const merged = changes.filter(c => c.mergedAt);
  const of = (name: string) =>
    changes.filter(c => c.entityRef === `component:default/${name}`);
  // Only a deployment shipping one of its shas can ship a change: indexed, so the
  // test does not pair every change with every deployment.
  const deploymentsBySha = new Map<string, any[]>();
  for (const d of events.filter(e => e.kind === 'deployment')) {
    for (const { sha } of d.commits) {
      deploymentsBySha.set(sha, [...(deploymentsBySha.get(sha) ?? []), d]);
    }
  }
  const shipping = (change: any) =>
    changeDeployment(
      change,
      [change.mergeCommitSha, ...change.commits.map((c: any) => c.sha)].flatMap(
        sha => deploymentsBySha.get(sha) ?? [],
      ),
    );
  /** Stage medians of a component's changes shipped in the last 90 days. */
  const stagesOf = (name: string) => {
    const from = now.minus({ days: 90 }).toMillis();
    const hours = { coding: [], pickup: [], review: [], deploy: [] } as Record<
      string,
      number[]
    >;
    for (const change of of(name).filter(c => c.mergedAt)) {
      const deployment = shipping(change);
      if (!deployment || Date.parse(deployment.finishedAt) < from) continue;
      const stages = changeStages(change, Date.parse(deployment.finishedAt));
      for (const [stage, value] of Object.entries(stages)) {
        if (value !== null) hours[stage].push(value);
      }
    }
    return Object.fromEntries(
      Object.entries(hours).map(([stage, values]) => [
        stage,
        stageFigure(values).medianHours!,
      ]),
    );
  };
  const unreviewedShare = (name: string) => {
    const all = of(name).filter(c => c.mergedAt);
    return all.filter(c => !isReviewed(c)).length / all.length;
  };

  it('are merged into the commits later production deployments ship, or await one', () => {
    const leadTime = new Map(
      profiles.components.map(p => [p.entityRef, p.leadTimeHours]),
    );
    const shipped = merged.filter(change => shipping(change));
    // Shipped by a deployment carrying its merge commit, finished after the merge.
    expect(
      shipped.filter(change => {
        const deployment = shipping(change)!;
        return (
          !deployment.commits.some(
            (c: any) => c.sha === change.mergeCommitSha,
          ) || Date.parse(deployment.finishedAt) < Date.parse(change.mergedAt)
        );
      }),
    ).toEqual([]);
    // Not shipped yet: merged less than the longest lead time ago (1.7 x typical).
    const shippedSet = new Set(shipped);
    const awaiting = merged.filter(change => !shippedSet.has(change));
    expect(
      awaiting.filter(
        change =>
          now.diff(DateTime.fromISO(change.mergedAt)).as('hours') >=
          1.7 * leadTime.get(change.entityRef)!,
      ),
    ).toEqual([]);
    expect(awaiting.length).toBeGreaterThan(0);
    expect(shipped.length).toBeGreaterThan(5000);
  });

  it('start with commits before they open, and include drafts, open and abandoned ones', () => {
    for (const change of changes) {
      const first = Math.min(
        ...change.commits.map((c: any) => Date.parse(c.committedAt)),
      );
      expect(first).toBeLessThanOrEqual(Date.parse(change.openedAt));
      expect(change.additions + change.deletions).toBeGreaterThan(0);
    }
    const open = changes.filter(c => !c.closedAt);
    expect(open.length).toBeGreaterThan(0);
    expect(open.some(c => c.draft)).toBe(true);
    expect(changes.filter(c => c.draft && c.closedAt)).toEqual([]);
    expect(changes.some(c => c.closedAt && !c.mergedAt)).toBe(true);
  });

  it('differ by team: review waits, unreviewed shares and sizes follow the profiles', () => {
    const web = stagesOf('storefront-web');
    const checkout = stagesOf('checkout-service');
    // Typical pickup 2 h against 30 h, review 3 h against 24 h (times a log-normal
    // factor of median 1, so the medians land near them).
    expect(web.pickup).toBeGreaterThan(1);
    expect(web.pickup).toBeLessThan(3);
    expect(checkout.pickup).toBeGreaterThan(15);
    expect(checkout.pickup).toBeLessThan(60);
    expect(web.review).toBeLessThan(checkout.review);
    expect(web.coding).toBeLessThan(checkout.coding);
    // Deploy = the DORA lead time of the merge commit: 3 h against 120 h typical.
    expect(web.deploy).toBeLessThan(checkout.deploy);
    // Over the year: 3% unreviewed against 40% (few legacy changes: wide bounds).
    expect(unreviewedShare('storefront-web')).toBeLessThan(0.06);
    expect(unreviewedShare('legacy-invoicing')).toBeGreaterThan(0.15);
    const lines = (name: string) =>
      of(name)
        .map(c => c.additions + c.deletions)
        .sort((a, b) => a - b)[Math.floor(of(name).length / 2)];
    // Typical 60 lines against 400.
    expect(lines('storefront-web')).toBeLessThan(lines('checkout-service'));
  });

  it('send a change touching both monorepo apps once per component, each shipped by its own deployments', () => {
    const byUrl = new Map<string, any[]>();
    for (const change of changes) {
      byUrl.set(change.url, [...(byUrl.get(change.url) ?? []), change]);
    }
    const twice = [...byUrl.values()].filter(list => list.length > 1);
    expect(twice.length).toBeGreaterThan(10);
    for (const [a, b] of twice) {
      expect(new Set([a.entityRef, b.entityRef])).toEqual(
        new Set([
          'component:default/storefront-admin',
          'component:default/storefront-web',
        ]),
      );
      expect(a.id).not.toBe(b.id);
      expect(a.mergeCommitSha).toBe(b.mergeCommitSha);
    }
    const shippedByBoth = twice.filter(([a, b]) => {
      const da = shipping(a);
      const db = shipping(b);
      return da && db && da.entityRef !== db.entityRef;
    });
    expect(shippedByBoth.length).toBeGreaterThan(10);
  });
});

describe('demo progressive rollouts', () => {
  const production = (name: string) =>
    events.filter(
      e =>
        e.kind === 'deployment' &&
        e.entityRef === `component:default/${name}` &&
        e.environment === 'production',
    );
  const last28Days = (e: any) =>
    Date.parse(e.finishedAt) >= now.minus({ days: 28 }).toMillis();
  const weights = (e: any, kind: string) =>
    e.phases.filter((p: any) => p.kind === kind).map((p: any) => p.weight);

  it('ship checkout-service by canary and cart-service by blue-green, from startedAt to finishedAt', () => {
    for (const [name, strategy] of [
      ['checkout-service', 'canary'],
      ['cart-service', 'blue-green'],
    ]) {
      // Argo Rollouts skips the steps of a rollback (rollbackWindow): no phases.
      const rollouts = production(name).filter(e => !e.rollbackOf);
      expect(rollouts.length).toBeGreaterThan(50);
      for (const e of rollouts) {
        expect(rolloutStrategy(e.phases)).toBe(strategy);
        expect(e.phases[0].startedAt).toBe(e.startedAt);
        expect(e.phases[e.phases.length - 1].finishedAt).toBe(e.finishedAt);
      }
      expect(production(name).filter(e => e.rollbackOf && e.phases)).toEqual(
        [],
      );
    }
    // Other services deploy all at once.
    expect(production('storefront-web').filter(e => e.phases)).toEqual([]);
  });

  it('ramp promoted canaries 5 -> 25 -> 50 -> 100% and switch blue-green ones to 100%', () => {
    const promoted = production('checkout-service').filter(
      e => e.phases && rolloutOutcome(e.phases) === 'promoted',
    );
    expect(promoted.length).toBeGreaterThan(50);
    for (const e of promoted) {
      expect(weights(e, 'canary-step')).toEqual([5, 25, 50]);
      expect(weights(e, 'promote')).toEqual([100]);
      expect(e.status).toBe('success');
    }
    for (const e of production('cart-service').filter(d => d.phases)) {
      expect(rolloutOutcome(e.phases)).toBe('promoted');
      expect(weights(e, 'switch')).toEqual([100]);
    }
  });

  it('abort a checkout-service canary at 25% after a failed analysis every four weeks', () => {
    const aborted = production('checkout-service').filter(
      e => e.phases && rolloutOutcome(e.phases) === 'aborted',
    );
    // Every 28 days over the 365: 13 (365 / 28 = 13.04), one in any 28 days.
    expect(aborted.length).toBe(13);
    expect(aborted.filter(last28Days)).toHaveLength(1);
    for (const e of aborted) {
      expect(e.status).toBe('failure');
      const analyses = e.phases.filter((p: any) => p.kind === 'analysis');
      expect(analyses.map((p: any) => [p.weight, p.status])).toEqual([
        [5, 'succeeded'],
        [25, 'failed'],
      ]);
      expect(e.phases[e.phases.length - 1]).toMatchObject({
        kind: 'abort',
        weight: 0,
      });
      // A Tuesday at 14:00 UTC.
      expect(
        DateTime.fromISO(e.startedAt, { zone: 'utc' }).toFormat('ccc HH:mm'),
      ).toBe('Tue 14:00');
    }
  });

  it('never run two rollouts of a component at once', () => {
    for (const name of ['checkout-service', 'cart-service']) {
      const spans = production(name)
        .filter(e => e.phases)
        .map(e => [Date.parse(e.startedAt), Date.parse(e.finishedAt)])
        .sort((a, b) => a[0] - b[0]);
      const overlapping = spans.filter(
        ([start], i) => i > 0 && start < spans[i - 1][1],
      );
      expect(overlapping).toEqual([]);
    }
  });
});

describe('demo flag changes', () => {
  const flags = events.filter(e => e.kind === 'flag');
  const of = (name: string) =>
    flags.filter(e => e.entityRef === `component:default/${name}`);
  const recent = (e: any) =>
    Date.parse(e.at) >= now.minus({ days: 30 }).toMillis();

  it('come from the flag tools for a handful of flags per service, in staging and production', () => {
    expect(new Set(flags.map(e => e.source))).toEqual(
      new Set(['launchdarkly', 'unleash', 'flagsmith']),
    );
    for (const name of [
      'checkout-service',
      'cart-service',
      'storefront-web',
      'product-catalog-service',
    ]) {
      const keys = new Set(
        of(name)
          .filter(recent)
          .map(e => e.flagKey),
      );
      // One release every 3 to 6 days: 5 to 10 flags changed in 30 days.
      expect(keys.size).toBeGreaterThanOrEqual(4);
      expect(keys.size).toBeLessThanOrEqual(11);
      expect(new Set(of(name).map(e => e.environment))).toEqual(
        new Set(['staging', 'production']),
      );
    }
    expect(new Set(flags.map(e => e.action))).toEqual(
      new Set(['on', 'off', 'rollout', 'targeting']),
    );
    expect(
      new Set(flags.filter(e => e.action === 'rollout').map(e => e.percentage)),
    ).toEqual(new Set([10, 50, 100]));
  });

  it('turn a flag on in staging before rolling it out in production the next day', () => {
    const byKey = new Map<string, any[]>();
    for (const e of flags) {
      const key = `${e.entityRef} ${e.flagKey}`;
      byKey.set(key, [...(byKey.get(key) ?? []), e]);
    }
    for (const changes of byKey.values()) {
      const stagingOn = changes.find(
        e => e.environment === 'staging' && e.action === 'on',
      );
      const firstProduction = changes.find(e => e.environment === 'production');
      // Cut at the history's start: a release may have lost its staging steps.
      if (!stagingOn || !firstProduction) continue;
      // On in staging by 17:00 of the release's day, 10% in production from 08:00
      // the next day: at least 15 hours later.
      expect(
        Date.parse(firstProduction.at) - Date.parse(stagingOn.at),
      ).toBeGreaterThanOrEqual(15 * 3_600_000);
    }
  });

  it('tell "released by flag, rolled back by flag": a rollout before an incident, the flag off during it', () => {
    const incident = events.find(
      e =>
        e.kind === 'incident' &&
        e.entityRef === 'component:default/cart-service' &&
        e.id.includes('-flagstory-') &&
        Date.parse(e.openedAt) >= now.minus({ days: 28 }).toMillis(),
    );
    expect(incident).toBeDefined();
    // An incident of a flag names no deployment: DORA does not count it against one.
    expect(incident.deploymentId).toBeUndefined();
    const opened = Date.parse(incident.openedAt);
    const resolved = Date.parse(incident.resolvedAt);
    const story = of('cart-service').filter(e =>
      e.id.startsWith(incident.id.replace(/incident$/, '')),
    );
    const production = story.filter(e => e.environment === 'production');
    // 10:00 10%, 12:00 50%, incident 12:20, off 12:45, resolved 13:05.
    expect(
      production.map(e => [
        e.action,
        e.percentage,
        DateTime.fromISO(e.at, { zone: 'utc' }).toFormat('HH:mm'),
      ]),
    ).toEqual([
      ['rollout', 10, '10:00'],
      ['rollout', 50, '12:00'],
      ['off', 0, '12:45'],
    ]);
    expect(new Set(story.map(e => e.flagKey)).size).toBe(1);
    const [, lastRollout, off] = production.map(e => Date.parse(e.at));
    expect(lastRollout).toBeLessThan(opened);
    expect(opened - lastRollout).toBe(20 * 60_000);
    expect(off).toBeGreaterThan(opened);
    expect(off).toBeLessThan(resolved);
  });
});
