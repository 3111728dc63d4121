/*
 * Hostile input at the PagerDuty webhook (POST /api/events/http/pagerduty, this
 * package's validator, then this module), property-based with fast-check: PagerDuty's
 * sample v3 event with fields replaced by hostile values, arbitrary JSON, forged
 * signatures, timestamps on both sides of the replay window, and replays of one event
 * id. Never a 5xx; refused deliveries store nothing; a replay is stored once.
 *
 * validator.test.ts holds the validator's rules one by one; this drives them through
 * HTTP with generated input. `FUZZ_RUNS=2000` for a long run (scripts/fuzz-delivery.mjs).
 */
/* eslint-disable jest/no-conditional-expect -- a property's checks depend on the answer it got */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { FakePagerDuty } from './__testUtils__/pagerdutyApi';
import { incidentEvent, restIncident } from './__testUtils__/pagerdutyExamples';
import {
  databases,
  pagerDutyHeaders,
  usePagerDutyBackend,
} from './__testUtils__/scenario';
import { signBody } from './webhook/signature';
import {
  annotatedComponent,
  fuzzRuns,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const SECRET = 'pd-fuzz-secret';
const entities = [
  annotatedComponent('api', { 'pagerduty.com/service-id': 'PF9KMXH' }),
];

const pagerDuty: FakePagerDuty = { incidents: [], notes: {}, services: [] };

const hostile = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE incidents; --",
    '<script>alert(1)</script>',
    'nul\u0000byte',
    '\ud800',
    '2026-13-45T99:99:99Z',
    '',
    'x'.repeat(70_000),
  ),
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

const dataFields = [
  'id',
  'type',
  'status',
  'title',
  'created_at',
  'service',
  'priority',
  'urgency',
  'html_url',
  'number',
];

const nowIso = () => DateTime.utc().toISO()!;

/** PagerDuty's sample event, fresh, with up to three data fields made hostile. */
const hostileEvent = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...dataFields), hostile), {
      maxLength: 3,
    }),
    fc.constantFrom(
      'incident.triggered',
      'incident.resolved',
      'incident.annotated',
      '<img src=x>',
    ),
  )
  .map(([changes, type]) => {
    const payload = incidentEvent({
      eventId: randomUUID(),
      type,
      occurredAt: nowIso(),
      incident: { id: 'PFUZZ01' },
    }) as any;
    for (const [field, value] of changes) payload.event.data[field] = value;
    return payload as unknown;
  });

const anyBody = fc.oneof(
  { weight: 4, arbitrary: hostileEvent },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc.record({
      event: fc.record({ id: hostile, occurred_at: hostile, data: hostile }),
    }),
  },
);

describe.each(databases.eachSupportedId())(
  'PagerDuty webhook under hostile input on %p',
  databaseId => {
    const backend = usePagerDutyBackend({
      databaseId,
      entities,
      pagerDuty,
      webhook: { secrets: [SECRET], maxAge: { minutes: 30 } },
    });
    const deliveryDb = (table: string) => backend.deliveryDb(table);

    beforeAll(() => {
      pagerDuty.incidents.push(
        restIncident({ id: 'PFUZZ01', serviceId: 'PF9KMXH' }),
      );
    });

    const post = (body: string, signature?: string) =>
      backend.post('pagerduty', body, pagerDutyHeaders(signature));

    const incidentCount = () => backend.count('incidents');

    it(
      'answers signed hostile deliveries with a 2xx or a 4xx with a message, never a 5xx',
      async () => {
        await fc.assert(
          fc.asyncProperty(anyBody, async payload => {
            const body = JSON.stringify(payload);
            const response = await post(body, `v1=${signBody(SECRET, body)}`);
            expect(response.status).toBeLessThan(500);
            if (response.status >= 400) {
              expect((await response.json()).message).toEqual(
                expect.any(String),
              );
            }
          }),
          { numRuns: fuzzRuns(60) },
        );
        // Every incident stored came through validation whole: re-read the rows.
        for (const row of await deliveryDb('incidents')) {
          expect(row.title.length).toBeGreaterThan(0);
          expect(row.entity_ref).toBe('component:default/api');
          expect(String(row.title)).not.toContain('\u0000');
        }
      },
      60_000 + fuzzRuns(60) * 200,
    );

    it(
      'refuses forged and malformed signatures with 403, storing nothing',
      async () => {
        const before = await incidentCount();
        await fc.assert(
          fc.asyncProperty(
            hostileEvent,
            fc.oneof(
              fc
                .string({ minLength: 1 })
                .filter(s => s !== SECRET)
                .map(secret => ({ secret })),
              fc.constantFrom(
                { header: '' },
                { header: 'v1=' },
                { header: `v1=${'0'.repeat(64)}` },
                { header: 'v2=abc' },
                { header: 'v1' },
                { header: ',,,' },
                { header: undefined },
              ),
            ),
            async (payload, forgery) => {
              const body = JSON.stringify(payload);
              const signature =
                'secret' in forgery
                  ? `v1=${signBody(forgery.secret, body)}`
                  : forgery.header;
              const response = await post(body, signature);
              expect(response.status).toBe(403);
            },
          ),
          { numRuns: fuzzRuns(60) },
        );
        expect(await incidentCount()).toBe(before);
      },
      60_000 + fuzzRuns(60) * 200,
    );

    it(
      'accepts an event inside the 30-minute window and refuses one outside it, in either direction',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            // Minutes from now; a minute each side of the bound is left out (clock drift).
            fc
              .integer({ min: -24 * 60, max: 24 * 60 })
              .filter(m => Math.abs(Math.abs(m) - 30) > 1),
            async minutes => {
              const payload = incidentEvent({
                eventId: randomUUID(),
                occurredAt: DateTime.utc().plus({ minutes }).toISO()!,
                incident: { id: 'PFUZZ01' },
              });
              const body = JSON.stringify(payload);
              const response = await post(body, `v1=${signBody(SECRET, body)}`);
              if (Math.abs(minutes) < 30) {
                expect(response.status).toBeLessThan(300);
              } else {
                expect(response.status).toBe(403);
                expect((await response.json()).message).toMatch(
                  /outside the accepted 30 minutes/,
                );
              }
            },
          ),
          { numRuns: fuzzRuns(40) },
        );
      },
      60_000 + fuzzRuns(60) * 200,
    );

    it('stores a replayed event (same event id, validly signed) once, answering the replays 200', async () => {
      pagerDuty.incidents.push(
        restIncident({ id: 'PREPLAY2', serviceId: 'PF9KMXH' }),
      );
      const body = JSON.stringify(
        incidentEvent({
          eventId: 'replayed-event-id',
          occurredAt: nowIso(),
          incident: { id: 'PREPLAY2' },
        }),
      );
      const signature = `v1=${signBody(SECRET, body)}`;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await post(body, signature)).status);
      expect(statuses[0]).toBe(202);
      expect(statuses.slice(1)).toEqual([200, 200, 200]);
      let stored = 0;
      for (let attempt = 0; attempt < 100 && stored === 0; attempt++) {
        stored = Number(
          (
            await deliveryDb('incidents')
              .where({ external_id: 'PREPLAY2' })
              .count({ n: '*' })
          )[0].n,
        );
        if (stored === 0) await new Promise(r => setTimeout(r, 50));
      }
      expect(stored).toBe(1);
    });
  },
);
