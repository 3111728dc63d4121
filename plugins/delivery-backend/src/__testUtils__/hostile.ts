/*
 * Hostile input for property-based tests of the ingestion endpoints: values a
 * careless or malicious sender puts where a field belongs.
 */
import fc from 'fast-check';

/** How many inputs each property tries: small in the test command, FUZZ_RUNS for a long run. */
export const fuzzRuns = (quick: number) =>
  Number(process.env.FUZZ_RUNS ?? 0) > 0
    ? Number(process.env.FUZZ_RUNS)
    : quick;

export const injectionStrings = [
  "'; DROP TABLE deployments; --",
  "' OR '1'='1",
  'Robert"); DELETE FROM incidents; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  // eslint-disable-next-line no-script-url
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${process.exit(1)}',
  '\u0000',
  'nul\u0000byte',
  '\ud800',
  '💥🚀',
  '../../../etc/passwd',
  '%00%27',
  '__proto__',
  'constructor',
];

/** A string that may be empty, huge, injected, or plain. */
export const hostileString = fc.oneof(
  fc.constantFrom(...injectionStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 90, max: 20_000 }).map(n => 'x'.repeat(n)),
);

export const invalidDates = [
  '',
  'yesterday',
  '2026-13-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-01-01T25:00:00Z',
  '2026-01-01T00:00:00', // no offset
  '2026-01-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '1970-01-01T00:00:00+99:00',
  '2026-01-01T00:00:00.123456789Z',
  'NaN',
];

/** A date-time as sources send it, in range and with an offset. */
export const validDate = fc
  .date({
    min: new Date('2025-01-01T00:00:00Z'),
    max: new Date('2026-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map(d => d.toISOString());

export const hostileDate = fc.oneof(
  validDate,
  fc.constantFrom(...invalidDates),
  hostileString,
  fc.integer(),
);

/** Any JSON value nested up to `depth` levels. */
export const anyJson = fc.jsonValue({ maxDepth: 4 });

/** A deeply nested array, `depth` levels: `[[[...]]]`. */
export const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** Either a valid value, or something hostile in its place (or nothing). */
export const maybe = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 30, arbitrary: valid },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
