/**
 * Prometheus down: the SLO API (real slo-backend plugin, this module, the last good
 * store on SQLite and PostgreSQL) in front of a real Prometheus that this test stops
 * and starts again. While it is down, the panels are stale, not wrong: the last good
 * figures, marked stale, with the error and when they were last good.
 *
 * The objectives are evaluated at the real "now" (the last good store keeps only
 * evaluations of now, never `at=` ones), so the series are backfilled around the
 * wall clock, with a constant rate that makes every window hold the same counts
 * whatever the minute:
 *   requests: 2,000 a minute; errors: 1 a minute (error ratio 0.0005 in any window),
 *   sampled on every minute from 4 days before (the 3d burn-rate tier) to 2 hours
 *   after the test starts.
 *   1d window, 99.9%: 24 hourly steps x 120,000 = 2,880,000 requests, 24 x 60 = 1,440
 *   errors.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { StatusResponse } from '@internal/backstage-plugin-slo-common';
import {
  ratioSloYaml,
  rollingWindowYaml,
} from '@internal/backstage-plugin-slo-common/testUtils';
import request from 'supertest';
import { BackfillFamily } from './__testUtils__/openMetrics';
import {
  describeIfPrometheus,
  startTestPrometheus,
  TestPrometheus,
} from './__testUtils__/prometheusServer';
import {
  objectiveOf,
  sloComponent,
  startSloApi,
  TestServer,
} from './__testUtils__/sloApi';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** On the hour, 4 days back; 2 hours ahead of the clock (a slow machine may wait). */
const DATA_FROM = Math.floor(Date.now() / HOUR) * HOUR - 4 * DAY;
const DATA_TO = Math.floor(Date.now() / MINUTE) * MINUTE + 2 * HOUR;

function counter(
  name: string,
  perMinute: (minutes: number) => number,
): BackfillFamily {
  return {
    name,
    type: 'counter',
    series: ['flaky', 'unseen'].map(service => ({
      labels: { service },
      fromMs: DATA_FROM,
      toMs: DATA_TO,
      intervalMs: MINUTE,
      value: t => perMinute((t - DATA_FROM) / MINUTE),
    })),
  };
}

const FAMILIES: BackfillFamily[] = [
  counter('slo_outage_requests', minutes => 2000 * minutes),
  counter('slo_outage_errors', minutes => minutes),
];

const component = (service: string) =>
  sloComponent(
    service,
    ratioSloYaml({
      name: `${service}-availability`,
      service,
      countQuery: `slo_outage_errors_total{service="${service}"}`,
      totalQuery: `slo_outage_requests_total{service="${service}"}`,
      window: rollingWindowYaml('1d'),
    }),
  );

/** Longer than slo.cache.ttl (1 s, the shortest it may be): the next read asks again. */
const waitForCacheExpiry = () =>
  new Promise(resolve => setTimeout(resolve, 1_200));

/** One Prometheus for both databases; each run takes it down and back up. */
let shared: Promise<TestPrometheus> | undefined;
afterAll(async () => {
  await (await shared)?.stop();
}, 30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describeIfPrometheus('SLO API while Prometheus is down')(
  'SLO API while Prometheus is down',
  () => {
    it('runs on PostgreSQL where it is required', () => {
      const ids = databases.eachSupportedId().map(([id]) => id);
      const required = process.env.PORTAL_REQUIRE_POSTGRES
        ? ['SQLITE_3', 'POSTGRES_15']
        : ['SQLITE_3'];
      expect(ids).toEqual(expect.arrayContaining(required));
    });

    describe.each(databases.eachSupportedId())('on %p', databaseId => {
      let prometheus: TestPrometheus;
      let server: TestServer;
      let stopBackend: (() => Promise<void>) | undefined;
      let knex: Awaited<ReturnType<typeof databases.init>>;
      const auth = { Authorization: mockCredentials.user.header() };

      /** A backend on this database with an empty cache: memory is not the store. */
      const startBackend = async () => {
        const backend = await startSloApi({
          prometheusUrl: prometheus.baseUrl,
          entities: [component('flaky'), component('unseen')],
          queryTimeout: '10s',
          sloConfig: { cache: { ttl: { seconds: 1 } } },
          features: [mockServices.database.factory({ knex })],
        });
        server = backend.server;
        stopBackend = () => backend.stop();
      };

      beforeAll(async () => {
        shared ??= startTestPrometheus(FAMILIES);
        prometheus = await shared;
        await prometheus.start();
        knex = await databases.init(databaseId as TestDatabaseId);
        await startBackend();
      }, 120_000);

      afterAll(async () => {
        await stopBackend?.();
        // Leave it running for the next database, whatever happened here.
        await prometheus?.start();
      }, 60_000);

      const objective = (name: string) => objectiveOf(server, name);
      const status = async (name: string) => {
        const response = await request(server)
          .get(`/api/slo/status?entityRef=component:default/${name}`)
          .set(auth);
        expect(response.status).toBe(200);
        return response.body as StatusResponse;
      };

      it('keeps the last good figures marked stale, then serves fresh ones again', async () => {
        // 1. Prometheus up. error ratio 1,440 / 2,880,000 = 0.0005: SLI 0.9995;
        // B 0.001; burn 0.5, remaining 0.5; bad events left 0.001 x 2,880,000 - 1,440
        // = 1,440; time left 0.5 x 0.001 x 1 d (86,400,000 ms) = 43,200 ms; burning
        // at 0.5 now, the half left lasts 0.5 x 1 d / 0.5 = 1 d to exhaustion.
        const before = await objective('flaky');
        expect(before.counts).toEqual({
          good: 2_878_560,
          bad: 1_440,
          total: 2_880_000,
        });
        expect(before.sli).toBe(0.9995);
        expect(before.budget).toEqual({
          total: 0.001,
          consumed: 0.5,
          remaining: 0.5,
          badEventsLeft: 1_440,
          timeLeftMs: 43_200,
          timeToExhaustionMs: 86_400_000,
          windowBurnRate: 0.5,
          currentBurnRate: 0.5,
        });
        expect(before.dataQuality).toMatchObject({ status: 'ok', coverage: 1 });
        // Tiers on a 1 d window: threshold = share x 24 h / long window: page-fast
        // 0.02 x 24 = 0.48 and page-slow 0.05 x 4 = 0.2 are below 1; ticket-fast (1 d)
        // and ticket-slow (3 d) are not shorter than the window: all four are dropped,
        // and a service burning at half its budget is ok (remaining 0.5 >= 0.25).
        expect(before.burnRates).toEqual([]);
        expect(before.state).toBe('ok');
        expect(before.freshness).toEqual({
          lastSuccessAt: before.evaluatedAt,
          lastError: null,
          lastErrorAt: null,
          stale: false,
        });
        const statusBefore = await status('flaky');
        expect(statusBefore.components).toEqual([
          {
            entityRef: 'component:default/flaky',
            state: 'ok',
            objectives: 1,
            worstBudgetRemaining: 0.5,
            // the last hour burns like the whole day: 0.0005 bad / B 0.001
            fastestBurnRate: expect.closeTo(0.5, 10),
            frozen: false,
            stale: false,
          },
        ]);
        expect(statusBefore.stale).toBe(false);

        // 2. Prometheus down (only the process this test started).
        await prometheus.kill();
        await expect(fetch(`${prometheus.baseUrl}/-/ready`)).rejects.toThrow();
        await waitForCacheExpiry();

        const down = await objective('flaky');
        // Every figure is the last good one: same counts, SLI, budget, tiers, state,
        // evaluation time; only the freshness says what happened since.
        expect(down).toEqual({
          ...before,
          freshness: {
            lastSuccessAt: before.evaluatedAt,
            lastError: expect.stringContaining(
              `Prometheus "test" (${prometheus.baseUrl}) is unreachable: ECONNREFUSED`,
            ),
            lastErrorAt: expect.any(String),
            stale: true,
          },
        });
        expect(down.sli).toBe(0.9995);
        expect(down.budget.remaining).toBe(0.5);
        expect(down.state).toBe('ok');
        expect(Date.parse(down.freshness.lastErrorAt!)).toBeGreaterThanOrEqual(
          Date.parse(before.evaluatedAt),
        );
        // The roll-up keeps the last good state and budget too, not unknown, and says
        // its figures are stale.
        expect(await status('flaky')).toEqual({
          ...statusBefore,
          stale: true,
          components: [{ ...statusBefore.components[0], stale: true }],
        });

        // A backend restarted during the outage (empty cache) reads the same last good
        // report from the database.
        await stopBackend!();
        await startBackend();
        const downAfterRestart = await objective('flaky');
        expect(downAfterRestart).toEqual({
          ...before,
          freshness: { ...down.freshness, lastErrorAt: expect.any(String) },
        });

        // An objective never evaluated while Prometheus was up has nothing to fall back
        // on: no figures, an error, unknown; never 100% or 0%.
        const unseen = await objective('unseen');
        expect(unseen.dataQuality.status).toBe('error');
        expect(unseen.sli).toBeNull();
        expect(unseen.counts).toBeNull();
        expect(unseen.budget.remaining).toBeNull();
        expect(unseen.state).toBe('unknown');
        expect(unseen.freshness).toMatchObject({
          lastSuccessAt: null,
          lastError: expect.stringContaining('ECONNREFUSED'),
          stale: false,
        });

        // 3. Prometheus back on the same data and port: fresh figures, not stale.
        await prometheus.start();
        await waitForCacheExpiry();
        const after = await objective('flaky');
        expect(after.freshness).toEqual({
          lastSuccessAt: after.evaluatedAt,
          lastError: null,
          lastErrorAt: null,
          stale: false,
        });
        expect(Date.parse(after.evaluatedAt)).toBeGreaterThanOrEqual(
          Date.parse(before.evaluatedAt),
        );
        // The constant rate gives the same figures in any 1d window.
        expect(after.counts).toEqual(before.counts);
        expect(after.sli).toBe(0.9995);
        expect(after.budget.remaining).toBe(0.5);
        expect(after.state).toBe('ok');
        expect(await status('flaky')).toEqual(statusBefore);
        const unseenAfter = await objective('unseen');
        expect(unseenAfter.sli).toBe(0.9995);
        expect(unseenAfter.freshness.stale).toBe(false);
      }, 60_000);
    });
  },
);
