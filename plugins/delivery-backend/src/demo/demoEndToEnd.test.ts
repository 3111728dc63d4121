/*
 * The demo's progressive-delivery stories through the real API (router, store and
 * migrations) on SQLite and PostgreSQL, as the default start loads them: the last 120
 * days of checkout-service (canaries, one aborted every four weeks) and cart-service
 * (blue-green switches, flags, the flag story), generated at a fixed instant, pull
 * requests left out.
 */
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import {
  DeploymentEvent,
  deploymentEventSchema,
  incidentFlagContext,
  settleRollouts,
} from '@internal/backstage-plugin-delivery-common';
import { computeDora } from '@internal/backstage-plugin-delivery-common/testUtils';
import { DateTime } from 'luxon';
import { parse as parseYaml } from 'yaml';
import { databases, startDeliveryApi } from '../__testUtils__/deliveryApi';
import { component, group } from '../__testUtils__/entities';
import { MAX_EVENTS_PER_REQUEST } from '../service/requests';
import { demoProfilesSchema, generateDemoEvents } from './demoEvents';

const profiles = demoProfilesSchema.parse(
  parseYaml(
    readFileSync(
      resolvePath(__dirname, '../../../../examples/delivery-demo.yaml'),
      'utf8',
    ),
  ),
);
const now = DateTime.fromISO('2026-11-21T12:00:00Z', { zone: 'utc' });
const CHECKOUT = 'component:default/checkout-service';
const CART = 'component:default/cart-service';
const since = now.minus({ days: 120 }).toMillis();
const events = (generateDemoEvents(profiles, now) as any[]).filter(
  e =>
    (e.entityRef === CHECKOUT || e.entityRef === CART) &&
    e.kind !== 'change' &&
    Date.parse(e.finishedAt ?? e.openedAt ?? e.at) >= since,
);
const of = (entityRef: string, kind: string) =>
  events.filter(e => e.entityRef === entityRef && e.kind === kind);

const entities = [
  group('team-checkout'),
  component('checkout-service', 'team-checkout'),
  component('cart-service', 'team-checkout'),
];

/*
 * 90 days before 2026-11-21T12:00Z: from 2026-08-23T12:00Z. The story days of the
 * aborted canary (day number % 28 = 12) in it: 2026-09-08 (day 20704), 2026-10-06
 * (20732) and 2026-11-03 (20760); 2026-08-11 (20676) is before it. Each canary fails
 * its analysis at 25% at 14:32 and aborts by 14:33 (see demoRollouts.test.ts).
 */
const FROM = now.minus({ days: 90 }).toISO()!;
const TO = now.toISO()!;
const ABORTED_DAYS = ['2026-09-08', '2026-10-06', '2026-11-03'];

describe.each(databases.eachSupportedId())(
  'the demo progressive-delivery stories through the API on %p',
  databaseId => {
    const api = startDeliveryApi(databaseId, { entities });
    beforeAll(async () => {
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_REQUEST) {
        const stored = await api.post('events', {
          events: events.slice(i, i + MAX_EVENTS_PER_REQUEST),
        });
        if (stored.body.rejected?.length !== 0) {
          throw new Error(
            `demo events rejected: ${JSON.stringify(stored.body)}`,
          );
        }
      }
    }, 60_000);

    it('count each aborted canary as a failed deployment rolled back within its abort', async () => {
      const listed = await api.get(
        `deployments?entityRef=${CHECKOUT}&from=${FROM}&to=${TO}&environment=production&limit=500`,
      );
      expect(listed.status).toBe(200);
      const items: any[] = listed.body.items;
      const aborted = items.filter(d =>
        d.phases?.some((p: any) => p.kind === 'abort'),
      );
      expect(aborted.map(d => [d.status, d.finishedAt]).sort()).toEqual(
        ABORTED_DAYS.map(day => ['success', `${day}T14:32:00.000Z`]),
      );
      const rollbacks = new Map(
        items.filter(d => d.rollbackOf).map(d => [d.rollbackOf, d]),
      );
      for (const canary of aborted) {
        expect(rollbacks.get(canary.id)).toMatchObject({
          id: `${canary.id}:abort`,
          finishedAt: canary.finishedAt.replace('14:32', '14:33'),
        });
      }
    });

    it('answer the DORA figures of checkout-service the reference engine gives over the settled rollouts', async () => {
      const response = await api.get(
        `dora?entityRef=${CHECKOUT}&from=${FROM}&to=${TO}`,
      );
      expect(response.status).toBe(200);
      const settled = settleRollouts(
        of(CHECKOUT, 'deployment').map(
          e => deploymentEventSchema.parse(e) as DeploymentEvent,
        ),
      );
      const reference = computeDora({
        deployments: settled.map(d => ({
          ...d,
          finishedAt: d.finishedAt ?? null,
        })),
        incidents: of(CHECKOUT, 'incident'),
        from: FROM,
        to: TO,
      });
      expect(response.body).toEqual(expect.objectContaining(reference));
      // The three aborted canaries are among the failures, each recovered in 1 minute
      // (0.0167 h), so the median recovery is at most the incidents' middle value.
      expect(response.body.changeFailureRate.failed).toBeGreaterThanOrEqual(3);
      expect(
        response.body.failedDeploymentRecoveryTime.failures,
      ).toBeGreaterThanOrEqual(3);
    });

    it('draw the last aborted canary on the timeline with its phases, and list the switches of cart-service', async () => {
      const from = now.minus({ days: 30 }).toISO();
      const checkout = await api.get(
        `timeline?entityRef=${CHECKOUT}&from=${from}&to=${TO}&buckets=1000`,
      );
      expect(checkout.status).toBe(200);
      const production = checkout.body.environments.find(
        (lane: any) => lane.environment === 'production',
      );
      const canary = production.deployments.find(
        (d: any) => d.finishedAt === '2026-11-03T14:32:00.000Z',
      );
      expect(canary).toMatchObject({ rolledBack: true });
      expect(
        canary.phases.map((p: any) => [p.kind, p.weight, p.status]),
      ).toEqual([
        ['canary-step', 5, 'succeeded'],
        ['pause', 5, 'succeeded'],
        ['analysis', 5, 'succeeded'],
        ['canary-step', 25, 'succeeded'],
        ['pause', 25, 'succeeded'],
        ['analysis', 25, 'failed'],
        ['abort', 0, 'succeeded'],
      ]);

      // cart-service deploys too often for one marker each: its list.
      const cart = await api.get(
        `deployments?entityRef=${CART}&from=${from}&to=${TO}&environment=production&limit=500`,
      );
      const switched = cart.body.items.filter((d: any) => d.phases);
      expect(switched.length).toBeGreaterThan(10);
      for (const d of switched) {
        expect(d.phases.map((p: any) => p.kind)).toEqual([
          'analysis',
          'pause',
          'switch',
        ]);
      }
    });

    /*
     * The flag story's day in the last 30 days (day number % 28 = 20): 2026-11-11
     * (day 20768). bundle-discounts-v<n> with n = floor((20768 - 19000) / 28) + 1 = 64:
     * 10% at 10:00, 50% at 12:00, the incident 12:20 to 13:05, off at 12:45.
     */
    it("store cart-service's flag changes and tell its incident was released and rolled back by flag", async () => {
      const from = now.minus({ days: 30 }).toISO()!;
      const flags = await api.get(
        `flags?entityRef=${CART}&from=${from}&to=${TO}&environment=production&flagKey=bundle-discounts-v64`,
      );
      expect(flags.status).toBe(200);
      expect(
        flags.body.items.map((f: any) => [f.action, f.percentage, f.at]),
      ).toEqual([
        ['off', 0, '2026-11-11T12:45:00.000Z'],
        ['rollout', 50, '2026-11-11T12:00:00.000Z'],
        ['rollout', 10, '2026-11-11T10:00:00.000Z'],
      ]);

      const timeline = await api.get(
        `timeline?entityRef=${CART}&from=${from}&to=${TO}`,
      );
      expect(timeline.status).toBe(200);
      const incident = timeline.body.incidents.find(
        (i: any) => i.openedAt === '2026-11-11T12:20:00.000Z',
      );
      expect(incident).toMatchObject({
        resolvedAt: '2026-11-11T13:05:00.000Z',
      });
      expect(incident.deploymentId).toBeUndefined();
      const context = incidentFlagContext(incident, timeline.body.flags);
      expect(context).toMatchObject({
        releasedByFlag: true,
        rolledBackByFlag: true,
      });
      // The 50% step 20 minutes before (the 10% one, 2 h 20 min before, is outside
      // the 2 hours looked at), the off 25 minutes in.
      expect(context.before.map(s => s.change.flagKey)).toContain(
        'bundle-discounts-v64',
      );
      expect(
        context.during.map(s => [s.change.flagKey, s.change.action]),
      ).toEqual([['bundle-discounts-v64', 'off']]);
    });

    it('leave the DORA figures of cart-service to its deployments while flag releases are not counted', async () => {
      const response = await api.get(
        `dora?entityRef=${CART}&from=${FROM}&to=${TO}`,
      );
      expect(response.status).toBe(200);
      const reference = computeDora({
        deployments: settleRollouts(
          of(CART, 'deployment').map(
            e => deploymentEventSchema.parse(e) as DeploymentEvent,
          ),
        ).map(d => ({ ...d, finishedAt: d.finishedAt ?? null })),
        incidents: of(CART, 'incident'),
        from: FROM,
        to: TO,
      });
      expect(response.body).toEqual(expect.objectContaining(reference));
    });
  },
);
