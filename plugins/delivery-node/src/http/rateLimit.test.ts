import { fetchWithRateLimitRetry, parseRetryAfter } from './rateLimit';

const NOW = Date.parse('2026-01-07T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 7 ', NOW)).toBe(7000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
  });

  it('reads HTTP dates, a past one as no wait', () => {
    expect(parseRetryAfter('Wed, 07 Jan 2026 10:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Wed, 07 Jan 2026 09:00:00 GMT', NOW)).toBe(0);
    // RFC 850 and asctime, the obsolete forms RFC 9110 still asks to accept.
    expect(parseRetryAfter('Wednesday, 07-Jan-26 10:01:00 GMT', NOW)).toBe(
      60_000,
    );
    expect(parseRetryAfter('Wed Jan  7 10:00:10 2026', NOW)).toBeDefined();
  });

  it('answers undefined for anything else', () => {
    for (const value of [undefined, null, '', '  ', 'soon', '-3', '12abc']) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });
});

describe('fetchWithRateLimitRetry', () => {
  const answer = (status: number, headers: Record<string, string> = {}) => ({
    status,
    headers: new Headers(headers),
  });
  const retry = (attempts: number, maxWaitMs = 120_000) => {
    const sleeps: number[] = [];
    return {
      sleeps,
      policy: {
        attempts,
        maxWaitMs,
        sleep: async (ms: number) => void sleeps.push(ms),
      },
    };
  };

  it('waits as long as each 429 asks, then returns the answer', async () => {
    const answers = [
      answer(429, { 'retry-after': '3' }),
      answer(429),
      answer(200),
    ];
    const { sleeps, policy } = retry(3);
    const discard = jest.fn(async () => {});
    const result = await fetchWithRateLimitRetry(async () => answers.shift()!, {
      retry: policy,
      fallbackMs: 30_000,
      discard,
    });
    expect(result.status).toBe(200);
    expect(sleeps).toEqual([3000, 30_000]);
    expect(discard).toHaveBeenCalledTimes(2);
  });

  it('returns the 429 after the last attempt, or when the wait is too long', async () => {
    const limited = () => answer(429, { 'retry-after': '5' });
    const few = retry(2);
    expect(
      (
        await fetchWithRateLimitRetry(async () => limited(), {
          retry: few.policy,
        })
      ).status,
    ).toBe(429);
    expect(few.sleeps).toEqual([5000]);
    const short = retry(3, 1000);
    expect(
      (
        await fetchWithRateLimitRetry(async () => limited(), {
          retry: short.policy,
        })
      ).status,
    ).toBe(429);
    expect(short.sleeps).toEqual([]);
  });

  it('does not wait without a retry policy', async () => {
    const send = jest.fn(async () => answer(429));
    expect((await fetchWithRateLimitRetry(send)).status).toBe(429);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('reads the wait with the caller’s rule', async () => {
    const answers = [answer(429, { 'ratelimit-reset': '9' }), answer(204)];
    const { sleeps, policy } = retry(3);
    const onRetry = jest.fn();
    await fetchWithRateLimitRetry(async () => answers.shift()!, {
      retry: policy,
      waitMs: a => Number(a.headers.get('ratelimit-reset')) * 1000,
      onRetry,
    });
    expect(sleeps).toEqual([9000]);
    expect(onRetry).toHaveBeenCalledWith(9000);
  });
});
