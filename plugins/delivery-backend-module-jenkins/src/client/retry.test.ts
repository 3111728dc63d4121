import { DateTime } from 'luxon';
import {
  DEFAULT_RETRY,
  JenkinsRequestError,
  retryDelayMs,
  withRetry,
} from './retry';

const NOW = DateTime.fromISO('2026-01-07T10:00:00Z', { zone: 'utc' });
const answered = (status: number, retryAfter?: string) =>
  new JenkinsRequestError(`GET /job/x/api/json: ${status}`, {
    status,
    retryAfter,
  });

describe('retryDelayMs', () => {
  const policy = { ...DEFAULT_RETRY, attempts: 4 };

  it('backs off exponentially when Jenkins names no wait, and honours Retry-After', () => {
    expect(retryDelayMs(answered(503), 1, policy, NOW)).toBe(1000);
    expect(retryDelayMs(answered(502), 2, policy, NOW)).toBe(2000);
    expect(retryDelayMs(answered(500), 3, policy, NOW)).toBe(4000);
    expect(retryDelayMs(answered(429, '7'), 1, policy, NOW)).toBe(7000);
    const timeout = new JenkinsRequestError('no answer', { unreachable: true });
    expect(retryDelayMs(timeout, 1, policy, NOW)).toBe(1000);
  });

  it('gives up after the last attempt, on a longer wait than allowed, and on other errors', () => {
    expect(retryDelayMs(answered(503), 4, policy, NOW)).toBeUndefined();
    expect(retryDelayMs(answered(429, '61'), 1, policy, NOW)).toBeUndefined();
    expect(retryDelayMs(answered(404), 1, policy, NOW)).toBeUndefined();
    expect(retryDelayMs(answered(401), 1, policy, NOW)).toBeUndefined();
    expect(retryDelayMs(new Error('bug'), 1, policy, NOW)).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('tries again after the waits until the request succeeds', async () => {
    const sleeps: number[] = [];
    const failures = [answered(429, '3'), answered(503)];
    const result = await withRetry(
      async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return 'ok';
      },
      { ...DEFAULT_RETRY, sleep: async ms => void sleeps.push(ms) },
      () => {},
    );
    expect(result).toBe('ok');
    expect(sleeps).toEqual([3000, 2000]);
  });
});

describe('JenkinsRequestError', () => {
  it('tells transient from instance-wide failures', () => {
    expect(answered(503).transient).toBe(true);
    expect(answered(503).instanceWide).toBe(false);
    expect(answered(401).transient).toBe(false);
    expect(answered(401).instanceWide).toBe(true);
    expect(answered(403).instanceWide).toBe(true);
    expect(answered(404).transient || answered(404).instanceWide).toBe(false);
  });
});
