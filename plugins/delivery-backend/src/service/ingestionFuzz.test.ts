/*
 * Hostile input at POST /api/delivery/events, property-based (fast-check), on SQLite
 * and PostgreSQL: oversized bodies, deep nesting, wrong types, huge strings, invalid
 * dates, unknown entity refs, SQL and HTML injection, for every kind (deployment with
 * its rollout phases, incident, change, flag). Every answer is a success or a
 * 4xx with a message; never a 500. Afterwards every stored row re-validates with the
 * zod schema, exactly the accepted identities are stored, and each once; each
 * deployment is stored settled, and the derived rollbacks are exactly those
 * delivery-common `settleRollouts` derives from the stored deployments; each stored
 * flag change's history columns are what delivery-common's flagHistory says of the
 * stored changes.
 *
 * Runs a few hundred inputs in the test command; `FUZZ_RUNS=5000` for a long run
 * (scripts/fuzz-delivery.sh).
 */
/* eslint-disable jest/no-conditional-expect -- a property's checks depend on the answer it got */
import {
  mockCredentials,
  startTestBackend,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  deliveryEventSchema,
  DeploymentEvent,
  deploymentStatuses,
  flagActions,
  flagHistory,
  phaseKinds,
  phaseStatuses,
  settleRollout,
  settleRollouts,
  toMillis,
  toUtcIso,
} from '@internal/backstage-plugin-delivery-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import {
  anyJson,
  fuzzRuns,
  hostileDate,
  hostileString,
  injectionStrings,
  nested,
  validDate,
} from '../__testUtils__/hostile';
import {
  ChangeCommitRow,
  ChangeRow,
  CommitRow,
  DeploymentRow,
  IncidentRow,
  PhaseRow,
  toChangeEvent,
  toDeploymentEvent,
  toIncidentEvent,
} from '../database/rows';
import { FlagRow, toFlagEvent } from '../database/flagRows';
import { deliveryPlugin } from '../plugin';

const KNOWN = 'component:default/checkout';

const commitArb = fc.record({
  sha: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
  committedAt: validDate,
  author: hostileString,
  message: hostileString,
});

/** A valid rollout phase (times in order, weight in 0..100), its name hostile but in bounds. */
const validPhase = fc
  .record({
    name: fc.constantFrom(
      'setWeight 25',
      'pause 10m',
      'analysis error-rate',
      ...injectionStrings.filter(t => t.trim().length > 0),
    ),
    // Traffic-carrying steps and aborts often enough for aborted canaries.
    kind: fc.oneof(
      fc.constantFrom(...phaseKinds),
      fc.constantFrom('canary-step' as const, 'abort' as const),
    ),
    weight: fc.option(
      fc.oneof(
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
      ),
      { nil: undefined },
    ),
    startedAt: validDate,
    minutes: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    status: fc.constantFrom(...phaseStatuses),
  })
  .map(({ minutes, weight, ...phase }) => ({
    ...phase,
    ...(weight === undefined ? {} : { weight }),
    ...(minutes === undefined
      ? {}
      : {
          finishedAt: new Date(
            Date.parse(phase.startedAt) + minutes * 60_000,
          ).toISOString(),
        }),
  }));

/** Mostly a valid phase; sometimes one field out of bounds or hostile. */
const phaseArb = fc.oneof(
  { weight: 12, arbitrary: validPhase },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        validPhase,
        fc.constantFrom('name', 'kind', 'weight', 'startedAt', 'finishedAt'),
        fc.oneof(
          hostileString,
          hostileDate,
          fc.constantFrom(-1, 100.5, Number.MAX_VALUE, '25'),
        ),
      )
      .map(([phase, field, value]) => ({ ...phase, [field]: value })),
  },
);

/** A valid deployment (times in order), its strings hostile but in bounds. */
const validDeployment = fc
  .record({
    // A small id space, so re-sends and in-batch repeats happen.
    source: fc.constantFrom('fuzz', 'ci'),
    id: fc.constantFrom('d1', 'd2', 'd3', 'd4'),
    entityRef: fc.constantFrom(
      KNOWN,
      // Unknown to the catalog: sources may report before the catalog knows it.
      'component:default/nobody-owns-this',
    ),
    environment: fc.constantFrom('production', 'staging', "prod'; --"),
    status: fc.constantFrom(...deploymentStatuses),
    startedAt: validDate,
    minutes: fc.integer({ min: 0, max: 600 }),
    version: fc.oneof(fc.constantFrom(...injectionStrings), fc.string()),
    url: fc.webUrl(),
    commits: fc.array(commitArb, { maxLength: 4 }),
    rollbackOf: fc.constantFrom('d1', 'd2', undefined),
    remediates: fc.constantFrom('i1', undefined),
    // Canaries and blue-green rollouts: aborted ones derive rollbacks.
    phases: fc.option(fc.array(phaseArb, { maxLength: 6 }), {
      nil: undefined,
    }),
  })
  .map(({ minutes, phases, ...d }) => ({
    kind: 'deployment',
    ...d,
    ...(phases === undefined ? {} : { phases }),
    finishedAt: new Date(
      Date.parse(d.startedAt) + minutes * 60_000,
    ).toISOString(),
  }));

/**
 * A canary aborted after some traffic (valid, no commits), so every run stores
 * rollbacks to derive, supersede and drop, whatever else it draws.
 */
const abortedCanary = fc
  .tuple(
    validDeployment,
    fc.array(validPhase, { maxLength: 3 }),
    fc.integer({ min: 1, max: 100 }),
    fc.integer({ min: 0, max: 120 }),
  )
  .map(([deployment, others, weight, minutes]) => {
    const at = (offset: number) =>
      new Date(
        Date.parse(deployment.startedAt) + offset * 60_000,
      ).toISOString();
    return {
      ...deployment,
      commits: [],
      phases: [
        ...others,
        {
          name: `setWeight ${weight}`,
          kind: 'canary-step',
          weight,
          startedAt: at(0),
          status: 'succeeded',
        },
        {
          name: 'abort',
          kind: 'abort',
          startedAt: at(minutes),
          finishedAt: at(minutes + 1),
          status: 'succeeded',
        },
      ],
    };
  });

const validIncident = fc
  .record({
    source: fc.constantFrom('fuzz', 'pd'),
    id: fc.constantFrom('i1', 'i2'),
    entityRef: fc.constantFrom(KNOWN, 'component:default/nobody-owns-this'),
    title: fc.constantFrom(...injectionStrings.filter(t => t.length > 0)),
    severity: fc.constantFrom('SEV1', '<b>high</b>', undefined),
    openedAt: validDate,
    minutes: fc.option(fc.integer({ min: 0, max: 600 })),
    deploymentId: fc.constantFrom('d1', "d1' OR 1=1 --", undefined),
    url: fc.webUrl(),
  })
  .map(({ minutes, ...i }) => ({
    kind: 'incident',
    ...i,
    ...(minutes !== null
      ? {
          resolvedAt: new Date(
            Date.parse(i.openedAt) + minutes * 60_000,
          ).toISOString(),
        }
      : {}),
  }));

/** A valid change (times in order), its strings hostile but in bounds. */
const validChange = fc
  .record({
    source: fc.constantFrom('fuzz', 'gl'),
    id: fc.constantFrom('pr1', 'pr2', 'pr1-checkout'),
    entityRef: fc.constantFrom(KNOWN, 'component:default/nobody-owns-this'),
    number: fc.option(fc.nat(), { nil: undefined }),
    title: fc.constantFrom(...injectionStrings, undefined),
    author: fc.constantFrom('octocat', "'; --", undefined),
    url: fc.webUrl(),
    openedAt: validDate,
    reviewAfter: fc.option(fc.integer({ min: 0, max: 600 })),
    mergeAfter: fc.option(fc.integer({ min: 0, max: 6000 })),
    mergeCommitSha: fc.constantFrom('c1', 'c2', undefined),
    draft: fc.option(fc.boolean(), { nil: undefined }),
    additions: fc.option(fc.nat({ max: 5000 }), { nil: undefined }),
    deletions: fc.option(fc.nat({ max: 5000 }), { nil: undefined }),
    commits: fc.array(
      fc.record({
        sha: fc.constantFrom('c1', 'c3', 'c4'),
        committedAt: validDate,
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ reviewAfter, mergeAfter, ...c }) => {
    const after = (minutes: number | null) =>
      minutes === null
        ? undefined
        : new Date(Date.parse(c.openedAt) + minutes * 60_000).toISOString();
    return {
      kind: 'change',
      ...c,
      firstReviewAt: after(reviewAfter),
      mergedAt: after(mergeAfter),
    };
  });

/** A valid flag change, its strings hostile but in bounds; ids and keys from small sets. */
const validFlag = fc.record({
  kind: fc.constant('flag'),
  source: fc.constantFrom('fuzz', 'unleash'),
  id: fc.constantFrom('f1', 'f2', 'f3'),
  entityRef: fc.constantFrom(KNOWN, 'component:default/nobody-owns-this'),
  flagKey: fc.constantFrom('new-cart', "k'; --", '<b>flag</b>', 'New-Cart'),
  environment: fc.constantFrom('production', 'PROD', 'staging'),
  action: fc.constantFrom(...flagActions),
  // Always given: a rollout without one is a rejection the mutations cover.
  percentage: fc.oneof(
    fc.constantFrom(0, 100),
    fc.double({ min: 0, max: 100, noNaN: true }),
  ),
  at: validDate,
  author: fc.constantFrom('alice', ...injectionStrings, undefined),
  url: fc.webUrl(),
});

const fieldNames = [
  'kind',
  'source',
  'id',
  'entityRef',
  'environment',
  'status',
  'startedAt',
  'finishedAt',
  'version',
  'url',
  'commits',
  'rollbackOf',
  'title',
  'severity',
  'openedAt',
  'resolvedAt',
  'deploymentId',
  'number',
  'author',
  'firstCommitAt',
  'firstReviewAt',
  'mergedAt',
  'closedAt',
  'mergeCommitSha',
  'draft',
  'additions',
  'deletions',
  'phases',
  'flagKey',
  'action',
  'percentage',
  'at',
];

/** A valid event with up to three fields replaced by something hostile, or removed. */
const mutatedEvent = fc
  .tuple(
    fc.oneof(validDeployment, validIncident, validChange, validFlag),
    fc.array(
      fc.record({
        field: fc.constantFrom(...fieldNames),
        value: fc.oneof(
          hostileString,
          hostileDate,
          anyJson,
          fc.array(fc.record({ sha: hostileString, committedAt: hostileDate })),
          fc.array(
            fc.record({
              name: hostileString,
              kind: hostileString,
              weight: fc.oneof(fc.double(), hostileString),
              startedAt: hostileDate,
              status: hostileString,
            }),
          ),
          fc.array(phaseArb, { minLength: 501, maxLength: 502 }),
          fc.constant(undefined),
          fc.constant(null),
          fc.integer({ min: 10, max: 500 }).map(nested),
        ),
      }),
      { maxLength: 3 },
    ),
  )
  .map(([event, mutations]) => {
    const out: Record<string, unknown> = { ...event };
    for (const { field, value } of mutations) out[field] = value;
    return out;
  });

const eventArb = fc.oneof(
  { weight: 3, arbitrary: validDeployment },
  { weight: 1, arbitrary: abortedCanary },
  { weight: 2, arbitrary: validIncident },
  { weight: 2, arbitrary: validChange },
  { weight: 2, arbitrary: validFlag },
  { weight: 6, arbitrary: mutatedEvent },
  { weight: 1, arbitrary: anyJson },
);

const bodyArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ events: fc.array(eventArb, { maxLength: 12 }) }),
  },
  { weight: 1, arbitrary: anyJson },
  { weight: 1, arbitrary: fc.record({ events: anyJson }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 10, max: 2000 })
      .map(depth => ({ events: [nested(depth)] })),
  },
);

const identity = (e: { kind?: unknown; source?: unknown; id?: unknown }) =>
  `${e.kind}\u0000${e.source}\u0000${e.id}`;

/**
 * The oracle: the schema accepts it, and no string holds a NUL or a lone surrogate
 * (JSON.stringify escapes both as \\uXXXX; PostgreSQL cannot store the first, and
 * both databases would store the second as U+FFFD).
 */
const acceptable = (event: unknown) => {
  const parsed = deliveryEventSchema.safeParse(event);
  return (
    parsed.success &&
    !/\\u(0000|d[89a-f][0-9a-f]{2})/.test(JSON.stringify(parsed.data))
  );
};

/** The deployments stored: those sources reported (with commits and phases), and derived. */
async function storedDeploymentsOf(knex: Knex) {
  const rows: DeploymentRow[] = await knex('deployments');
  const commits: CommitRow[] = await knex('deployment_commits');
  const phases: PhaseRow[] = await knex('deployment_phases').orderBy([
    'deployment_pk',
    'position',
  ]);
  const of = <T extends { deployment_pk: unknown }>(
    all: T[],
    row: DeploymentRow,
  ) => all.filter(c => Number(c.deployment_pk) === Number(row.pk));
  const isDerived = (row: DeploymentRow) =>
    row.derived_from !== null && row.derived_from !== undefined;
  return {
    reported: rows
      .filter(row => !isDerived(row))
      .map(row => toDeploymentEvent(row, of(commits, row), of(phases, row))),
    derived: rows
      .filter(isDerived)
      .map(row => toDeploymentEvent(row, of(commits, row), of(phases, row))),
  };
}

/** The fields that say how a deployment counts, instants in UTC. */
const counted = (d: DeploymentEvent) => ({
  source: d.source,
  id: d.id,
  entityRef: d.entityRef.toLowerCase(),
  environment: d.environment,
  status: d.status,
  startedAt: toUtcIso(d.startedAt),
  finishedAt: d.finishedAt ? toUtcIso(d.finishedAt) : null,
  rollbackOf: d.rollbackOf ?? null,
});

const byIdentity = (a: { source: string; id: string }, b: typeof a) =>
  identity(a) < identity(b) ? -1 : 1;

/**
 * Every reported deployment is stored as `settleRollout` settles it, and the derived
 * rollbacks are exactly what `settleRollouts` derives from them.
 */
function expectSettled(
  reported: DeploymentEvent[],
  derived: DeploymentEvent[],
) {
  for (const d of reported) {
    expect(counted(settleRollout(d).deployment)).toEqual(counted(d));
  }
  const expected = settleRollouts(reported).slice(reported.length);
  expect(derived.map(counted).sort(byIdentity)).toEqual(
    expected.map(counted).sort(byIdentity),
  );
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'POST /events under hostile input on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let stop: () => Promise<void>;
    let knex: Knex;
    const auth = { Authorization: mockCredentials.user.header() };

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startTestBackend({
        features: [
          deliveryPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: [] }),
          // The rate limit has its own test; here every input must reach the parser.
          mockServices.rootConfig.factory({
            data: { delivery: { ingestion: { rateLimit: { requests: 0 } } } },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    }, 60_000);

    afterAll(() => stop(), 30_000);

    /** Every status is a success or a 4xx with a message, never a 5xx. */
    const expectClean = (response: request.Response) => {
      if (response.status >= 500) {
        throw new Error(`${response.status}: ${JSON.stringify(response.body)}`);
      }
      if (response.status >= 400) {
        expect(typeof response.body.error?.message).toBe('string');
        expect(response.body.error.message.length).toBeGreaterThan(0);
      }
    };

    it(
      'answers every generated body with a success or a 4xx, storing exactly the accepted events once, each valid',
      async () => {
        const acceptedIdentities = new Set<string>();
        let acceptedTotal = 0;
        let rejectedTotal = 0;
        let updatedTotal = 0;
        let refusedBodies = 0;
        let tried = 0;
        let derivedSeen = 0;
        await fc.assert(
          fc.asyncProperty(bodyArb, async body => {
            tried++;
            const response = await request(server)
              .post('/api/delivery/events')
              .set({ ...auth, 'Content-Type': 'application/json' })
              .send(JSON.stringify(body));
            expectClean(response);
            if (response.status !== 200) {
              expect(response.status).toBe(400);
              refusedBodies++;
              return;
            }
            const events = (body as { events: unknown[] }).events;
            const { accepted, updated, rejected } = response.body;
            expect(accepted + updated + rejected.length).toBe(events.length);
            const rejectedAt = new Set<number>();
            for (const r of rejected) {
              // Each rejection names the field at fault ("path: message").
              expect(r.error).toMatch(/^[^:]+: .+/);
              rejectedAt.add(r.index);
            }
            events.forEach((event, index) => {
              if (!rejectedAt.has(index)) {
                // Accepted events are exactly those the schema accepts.
                expect(acceptable(event)).toBe(true);
                acceptedIdentities.add(identity(event as object));
              } else {
                expect(acceptable(event)).toBe(false);
              }
            });
            acceptedTotal += accepted;
            rejectedTotal += rejected.length;
            updatedTotal += updated;
            // After every delivery, whatever came before it.
            const now = await storedDeploymentsOf(knex);
            expectSettled(now.reported, now.derived);
            derivedSeen += now.derived.length;
          }),
          { numRuns: fuzzRuns(150) },
        );

        // The store holds exactly the accepted identities, each once, each valid;
        // besides them, the rollbacks it derived from aborted rollouts (valid too).
        const { reported: storedDeployments, derived } =
          await storedDeploymentsOf(knex);
        const incidents: IncidentRow[] = await knex('incidents');
        const changes: ChangeRow[] = await knex('changes');
        const changeCommits: ChangeCommitRow[] = await knex('change_commits');
        const flags: FlagRow[] = await knex('flags');
        const stored = [
          ...storedDeployments,
          ...incidents.map(toIncidentEvent),
          ...changes.map(row =>
            toChangeEvent(
              row,
              changeCommits.filter(c => Number(c.change_pk) === Number(row.pk)),
            ),
          ),
          ...flags.map(toFlagEvent),
        ];
        for (const event of [...stored, ...derived]) {
          const parsed = deliveryEventSchema.safeParse(event);
          if (!parsed.success) {
            throw new Error(
              `stored garbage: ${JSON.stringify(event)}: ${
                parsed.error.message
              }`,
            );
          }
        }
        expect(new Set(stored.map(identity))).toEqual(acceptedIdentities);
        // Each flag row's history columns follow from the stored changes, whatever
        // order and batches they came in.
        const steps = flagHistory(
          flags.map(row => ({ ...toFlagEvent(row), row })),
        );
        expect(steps.length).toBeGreaterThan(0);
        for (const step of steps) {
          const { row } = step.change;
          const id = `${row.source}/${row.external_id}`;
          expect({
            id,
            served: Number(row.served),
            release: Number(row.is_release) === 1,
            endedMs: row.ended_ms === null ? null : Number(row.ended_ms),
          }).toEqual({
            id,
            served: step.servedAfter,
            release: step.release,
            endedMs: step.endedAt === undefined ? null : toMillis(step.endedAt),
          });
        }
        expect(stored.length).toBe(acceptedIdentities.size);
        // "accepted" counts first stores: summed over the run, one per stored identity.
        expect(acceptedTotal).toBe(stored.length);
        expect(tried).toBe(fuzzRuns(150));
        // The generators reach every outcome: stored, rejected events, refused bodies.
        expect(acceptedTotal).toBeGreaterThan(0);
        expect(rejectedTotal).toBeGreaterThan(0);
        expect(refusedBodies).toBeGreaterThan(0);
        expect(derivedSeen).toBeGreaterThan(0);
        if (process.env.FUZZ_RUNS) {
          // eslint-disable-next-line no-console
          console.log(
            `${databaseId}: ${tried} bodies, ${acceptedTotal} events stored first, ${updatedTotal} re-sends updated, ${rejectedTotal} rejected, ${refusedBodies} bodies refused, ${derivedSeen} derived rollbacks seen after deliveries, ${derived.length} at the end`,
          );
        }
      },
      // Each body also reads the stored deployments back (the settled check).
      60_000 + fuzzRuns(150) * 300,
    );

    it('answers raw hostile payloads with a 4xx naming the problem', async () => {
      const raw = (body: string | Buffer, type = 'application/json') =>
        request(server)
          .post('/api/delivery/events')
          .set({ ...auth, 'Content-Type': type })
          .send(body);
      const cases: [string | Buffer, string?][] = [
        ['{"events": ['],
        ['not json at all'],
        ['null'],
        ['"a string"'],
        ['[1,2,3]'],
        [`{"events": ${'['.repeat(100_000)}`],
        [`{"events": [${'['.repeat(5000)}${']'.repeat(5000)}]}`],
        [Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
        ['{"events": []}', 'text/plain'],
        ['{"__proto__": {"polluted": true}, "events": []}'],
      ];
      for (const [body, type] of cases) {
        const response = await raw(body, type);
        expectClean(response);
      }
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    });

    it('rejects a NUL character or a lone surrogate (text the databases cannot store as sent) naming the field, storing the rest of the batch', async () => {
      const good = {
        kind: 'incident',
        source: 'nul',
        id: 'ok',
        entityRef: KNOWN,
        title: 'fine',
        openedAt: '2026-01-01T00:00:00Z',
      };
      const response = await request(server)
        .post('/api/delivery/events')
        .set(auth)
        .send({
          events: [
            good,
            { ...good, id: 'bad', title: 'a\u0000b' },
            { ...good, source: '\ud800' },
          ],
        });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accepted: 1,
        updated: 0,
        rejected: [
          {
            index: 1,
            error: 'title: must be well-formed Unicode without NUL characters',
          },
          {
            index: 2,
            error: 'source: must be well-formed Unicode without NUL characters',
          },
        ],
      });
    });

    it('refuses a body over the size limit with 413 naming the limit, storing nothing from it', async () => {
      const before = await knex('deployments').count({ n: '*' });
      const event = {
        kind: 'deployment',
        source: 'big',
        id: 'big-1',
        entityRef: KNOWN,
        environment: 'production',
        status: 'success',
        startedAt: '2026-01-01T00:00:00Z',
        finishedAt: '2026-01-01T00:01:00Z',
        // 10,000 commits of 1 KB messages: about 11 MB.
        commits: Array.from({ length: 10_000 }, (_, i) => ({
          sha: `sha-${i}`,
          committedAt: '2026-01-01T00:00:00Z',
          message: 'm'.repeat(1000),
        })),
      };
      const response = await request(server)
        .post('/api/delivery/events')
        .set(auth)
        .send({ events: [event] });
      expect(response.status).toBe(413);
      expect(response.body.error.message).toMatch(/limit of 10 ?mb/i);
      expect(await knex('deployments').count({ n: '*' })).toEqual(before);
    });
  },
);
