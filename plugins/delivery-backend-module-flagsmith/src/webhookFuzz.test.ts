/*
 * Hostile input at the Flagsmith webhook (POST /api/events/http/flagsmith, the
 * events module's check, then this module), property-based with fast-check: the
 * example deliveries with up to three fields replaced by hostile values, arbitrary
 * JSON, and forged signatures. Never a 5xx; a 4xx says why; refused deliveries
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
import { examples, turnedOn } from './__testUtils__/flagsmithExamples';
import {
  databases,
  flagsmithHeaders,
  useFlagsmithBackend,
} from './__testUtils__/scenario';

const SECRET = 'flagsmith-fuzz-secret';

const anyBody = fc.oneof(
  { weight: 5, arbitrary: mutatedPayload(examples) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

describe.each(databases.eachSupportedId())(
  'Flagsmith webhook under hostile input on %p',
  databaseId => {
    const backend = useFlagsmithBackend({
      databaseId,
      entities: [
        annotatedComponent('web', { 'flagsmith.com/project-id': '12' }),
      ],
      flagsmith: { webhook: { secrets: [SECRET] } },
    });

    const post = (body: string, headers: Record<string, string>) =>
      backend.post('flagsmith', body, headers);

    it(
      'answers signed hostile deliveries with a 200 or a 400 with a message, never a 5xx, and stores only valid events',
      async () => {
        const tally = statusTally();
        await fc.assert(
          fc.asyncProperty(anyBody, async payload => {
            const body = JSON.stringify(payload);
            const response = await post(body, flagsmithHeaders(body, SECRET));
            tally.check(response);
            if (response.status >= 400) {
              expect(response.status).toBe(400);
              expect((await response.json()).message).toMatch(
                /^malformed Flagsmith webhook payload: /,
              );
            } else {
              expect(response.status).toBe(200);
            }
          }),
          { numRuns: fuzzRuns(60) },
        );
        tally.print('signed hostile deliveries');
        expect(await invalidStoredEvents(backend.deliveryDb)).toEqual([]);
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it(
      'refuses every delivery without the signature of a configured secret with 401, storing nothing',
      async () => {
        const before = await backend.count('flags');
        await fc.assert(
          fc.asyncProperty(
            anyBody,
            forgedSecret(SECRET),
            fc.boolean(),
            async (payload, forged, signedWithIt) => {
              const body = JSON.stringify(payload);
              let headers: Record<string, string> = {};
              if (forged !== null) {
                // Signed with a forger's secret, or a made-up signature text.
                headers = signedWithIt
                  ? flagsmithHeaders(body, forged)
                  : { 'X-Flagsmith-Signature': forged };
              }
              expect((await post(body, headers)).status).toBe(401);
            },
          ),
          { numRuns: fuzzRuns(60) },
        );
        // Give any wrongly published delivery the time to be stored, then count.
        const probe = JSON.stringify({
          ...turnedOn,
          data: { ...turnedOn.data, timestamp: '2030-01-01T00:00:00Z' },
        });
        expect(
          (await post(probe, flagsmithHeaders(probe, SECRET))).status,
        ).toBe(200);
        await backend.flagOf('web', '23:7168:environment:2030-01-01T00:00:00Z');
        expect(await backend.count('flags')).toBe(before + 1);
      },
      fuzzTimeout(fuzzRuns(60)),
    );
  },
);
