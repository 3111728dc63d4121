/*
 * Hostile input at the Unleash webhook (POST /api/events/http/unleash, the events
 * module's check, then this module), property-based with fast-check: the example
 * events with up to three fields replaced by hostile values, arbitrary JSON, and
 * forged Authorization headers. Never a 5xx; a 4xx says why; refused deliveries
 * store nothing; what is stored is valid.
 *
 * `FUZZ_RUNS=2000` for a long run (scripts/fuzz-delivery.mjs).
 */
/* eslint-disable jest/no-conditional-expect -- a property's checks depend on the answer it got */
import fc from 'fast-check';
import {
  annotatedComponent,
  forgedSecret,
  fuzzRuns,
  fuzzTimeout,
  invalidStoredEvents,
  mutatedPayload,
  statusTally,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { environmentEnabled, examples } from './__testUtils__/unleashExamples';
import {
  databases,
  unleashHeaders,
  useUnleashBackend,
} from './__testUtils__/scenario';

const TOKEN = 'Bearer unleash-fuzz-token';

const anyBody = fc.oneof(
  { weight: 5, arbitrary: mutatedPayload(examples) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

describe.each(databases.eachSupportedId())(
  'Unleash webhook under hostile input on %p',
  databaseId => {
    const backend = useUnleashBackend({
      databaseId,
      entities: [
        annotatedComponent('web', { 'unleash.io/project-id': 'default' }),
        annotatedComponent('checkout', {
          'unleash.io/project-id': 'my-other-project',
        }),
      ],
      unleash: { webhook: { secrets: [TOKEN] } },
    });

    const post = (body: string, authorization: string | null) =>
      backend.post('unleash', body, unleashHeaders(authorization));

    it(
      'answers authorized hostile deliveries with a 202 or a 400 with a message, never a 5xx, and stores only valid events',
      async () => {
        const tally = statusTally();
        await fc.assert(
          fc.asyncProperty(anyBody, async payload => {
            const response = await post(JSON.stringify(payload), TOKEN);
            tally.check(response);
            if (response.status >= 400) {
              expect(response.status).toBe(400);
              expect((await response.json()).message).toMatch(
                /^malformed Unleash webhook payload: /,
              );
            } else {
              expect(response.status).toBe(202);
            }
          }),
          { numRuns: fuzzRuns(60) },
        );
        tally.print('authorized hostile deliveries');
        expect(await invalidStoredEvents(backend.deliveryDb)).toEqual([]);
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it(
      'refuses every delivery without a configured Authorization value with 401, storing nothing',
      async () => {
        const before = await backend.count('flags');
        await fc.assert(
          fc.asyncProperty(
            anyBody,
            forgedSecret(TOKEN),
            async (payload, forged) => {
              // fetch trims header values: a forgery that is the token once trimmed is none.
              fc.pre(forged?.trim() !== TOKEN);
              const response = await post(JSON.stringify(payload), forged);
              expect(response.status).toBe(401);
            },
          ),
          { numRuns: fuzzRuns(60) },
        );
        // Give any wrongly published delivery the time to be stored, then count.
        const probe = { ...environmentEnabled, id: 'fuzz-probe' };
        expect((await post(JSON.stringify(probe), TOKEN)).status).toBe(202);
        await backend.flagOf('web', 'fuzz-probe');
        expect(await backend.count('flags')).toBe(before + 1);
      },
      fuzzTimeout(fuzzRuns(60)),
    );
  },
);
