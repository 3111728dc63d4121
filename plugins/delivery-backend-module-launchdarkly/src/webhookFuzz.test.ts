/*
 * Hostile input at the LaunchDarkly webhook (POST /api/events/http/launchdarkly, the
 * events module's check, then this module), property-based with fast-check: the
 * example audit log entries with up to three fields (anywhere, versions included)
 * replaced by hostile values, arbitrary JSON, and forged signatures. Never a 5xx; a
 * 4xx says why; refused deliveries store nothing; what is stored is valid.
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
import { examples, turnedOn } from './__testUtils__/launchDarklyExamples';
import {
  databases,
  launchDarklyHeaders,
  useLaunchDarklyBackend,
} from './__testUtils__/scenario';

const SECRET = 'ld-fuzz-secret';

const anyBody = fc.oneof(
  { weight: 5, arbitrary: mutatedPayload(examples) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

describe.each(databases.eachSupportedId())(
  'LaunchDarkly webhook under hostile input on %p',
  databaseId => {
    const backend = useLaunchDarklyBackend({
      databaseId,
      entities: [
        annotatedComponent('checkout', {
          'launchdarkly.com/project-key': 'default',
        }),
      ],
      launchdarkly: { webhook: { secrets: [SECRET] } },
    });

    const post = (body: string, secret: string | null) =>
      backend.post('launchdarkly', body, launchDarklyHeaders(body, secret));

    it(
      'answers signed hostile deliveries with a 202 or a 400 with a message, never a 5xx, and stores only valid events',
      async () => {
        const tally = statusTally();
        await fc.assert(
          fc.asyncProperty(anyBody, async payload => {
            const response = await post(JSON.stringify(payload), SECRET);
            tally.check(response);
            if (response.status >= 400) {
              expect(response.status).toBe(400);
              expect((await response.json()).message).toMatch(
                /^malformed LaunchDarkly webhook payload: /,
              );
            } else {
              expect(response.status).toBe(202);
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
                  ? launchDarklyHeaders(body, forged)
                  : { 'X-LD-Signature': forged };
              }
              const response = await backend.post(
                'launchdarkly',
                body,
                headers,
              );
              expect(response.status).toBe(401);
            },
          ),
          { numRuns: fuzzRuns(60) },
        );
        // Give any wrongly published delivery the time to be stored, then count.
        const probe = JSON.stringify({ ...turnedOn, _id: 'fuzz-probe' });
        expect((await post(probe, SECRET)).status).toBe(202);
        await backend.flagOf('checkout', 'fuzz-probe:production');
        expect(await backend.count('flags')).toBe(before + 1);
      },
      fuzzTimeout(fuzzRuns(60)),
    );
  },
);
