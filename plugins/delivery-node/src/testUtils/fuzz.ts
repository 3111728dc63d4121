/*
 * Building blocks of the source modules' webhook fuzz tests (fast-check): hostile values,
 * a way to put one anywhere in a real example payload, and a network guard.
 */
import fc from 'fast-check';

/** Runs per property: the quick count in the test command, FUZZ_RUNS in the long form. */
export function fuzzRuns(quick: number): number {
  return Number(process.env.FUZZ_RUNS) > 0
    ? Number(process.env.FUZZ_RUNS)
    : quick;
}

/** Values a hostile sender may put in any field: injections, bad text, wrong types. */
export const hostileValue = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE deployments; --",
    '<script>alert(1)</script>',
    '<img src=x onerror="window.__xss=1">',
    // eslint-disable-next-line no-script-url -- a hostile value, never run
    'javascript:alert(1)',
    'nul\u0000byte',
    '\ud800',
    '2026-13-45T99:99:99Z',
    'not a date',
    '',
    'x'.repeat(70_000),
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Paths of every leaf and object in a payload, to replace one of them. */
export function payloadPaths(
  value: unknown,
  prefix: string[] = [],
): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return [
    prefix,
    ...Object.entries(value).flatMap(([key, child]) =>
      payloadPaths(child, [...prefix, key]),
    ),
  ];
}

/** A copy of `payload` with `value` at `path`. */
export function replaceAt(
  payload: unknown,
  path: string[],
  value: unknown,
): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(payload)
    ? [...payload]
    : { ...(payload as object) };
  copy[path[0]] = replaceAt(copy[path[0]], path.slice(1), value);
  return copy;
}

/**
 * msw's `onUnhandledRequest`: only the backends under test are reached for real
 * (loopback); any other host is refused at once, so a test never talks to the internet.
 */
export function loopbackOnly(request: Request, print: { error(): void }): void {
  const { hostname } = new URL(request.url);
  if (hostname !== 'localhost' && hostname !== '127.0.0.1') print.error();
}
