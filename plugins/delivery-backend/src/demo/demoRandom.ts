import { DateTime } from 'luxon';

/** mulberry32: a tiny seeded PRNG, so the demo data is the same on every start. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson-distributed count (Knuth), for "how many deploys today". */
export function poisson(mean: number, rand: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k += 1;
    p *= rand();
  }
  return k;
}

/**
 * A skewed factor around 1 (log-normal, median 1, clamped to [1/4, 4]): durations of
 * work are mostly near their typical value with a long tail of slow ones.
 */
export function skewed(rand: () => number, spread = 0.7): number {
  // Box-Muller; 1 - rand() avoids log(0).
  const normal =
    Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.min(4, Math.max(0.25, Math.exp(spread * normal)));
}

export const iso = (t: DateTime) => t.toUTC().toISO()!;

/** Whole days since 1970-01-01 (UTC) of a day start: the seed and id of a day. */
export const dayNumberOf = (day: DateTime) =>
  Math.floor(day.toMillis() / 86_400_000);

export const AUTHORS = [
  'alice.nguyen',
  'ben.okafor',
  'carla.mendes',
  'david.kim',
];
