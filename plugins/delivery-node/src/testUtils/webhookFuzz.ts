/*
 * The checks and generators every source's webhook fuzz test shares.
 */
import fc from 'fast-check';
import { hostileValue, payloadPaths, replaceAt } from './fuzz';

/** One of `examples` with up to three fields replaced by hostileValue values. */
export function mutatedPayload<T>(examples: T[]): fc.Arbitrary<T> {
  return fc
    .constantFrom(...examples)
    .chain(payload =>
      fc
        .array(
          fc.tuple(fc.constantFrom(...payloadPaths(payload)), hostileValue),
          { maxLength: 3 },
        )
        .map(
          changes =>
            changes.reduce<unknown>(
              (p, [path, value]) => replaceAt(p, path, value),
              payload,
            ) as T,
        ),
    );
}

/**
 * Counts the statuses a fuzz property got while checking each is not a 5xx, and
 * prints them in the long form (FUZZ_RUNS set).
 */
export function statusTally() {
  const statuses = new Map<number, number>();
  return {
    check(response: Response) {
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status).toBeLessThan(500);
    },
    print(label: string) {
      if (process.env.FUZZ_RUNS) {
        // eslint-disable-next-line no-console
        console.log(`${label}: statuses ${JSON.stringify([...statuses])}`);
      }
    },
  };
}

/** A fuzz test's timeout: a minute plus `msPerRun` for each run. */
export function fuzzTimeout(runs: number, msPerRun = 200): number {
  return 60_000 + runs * msPerRun;
}

/**
 * What a forger sends instead of the webhook's `secret` (or token): none, an empty
 * one, near misses and any text a header can hold. Rarely `secret` itself, once
 * trimmed: a property skips that one.
 */
export function forgedSecret(secret: string): fc.Arbitrary<string | null> {
  return fc.oneof(
    fc
      .string()
      .filter(text => text !== secret)
      // A header value cannot hold control or non-Latin-1 characters.
      .map(text => text.replace(/[^\x20-\x7e]/g, '')),
    fc.constantFrom(
      null,
      '',
      secret.toUpperCase(),
      `${secret} `.repeat(2),
      secret.slice(0, -1),
      `${secret}x`,
    ),
  );
}
