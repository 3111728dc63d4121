import { ConfigReader } from '@backstage/config';
import { readGithubGateConfig } from './config';

const read = (github: object) =>
  readGithubGateConfig(new ConfigReader({ deployGate: { github } }));

describe('readGithubGateConfig', () => {
  it('defaults to 5 attempts, 30 s backoff, 10 s request timeout', () => {
    expect(readGithubGateConfig(new ConfigReader({}))).toEqual({
      retry: { attempts: 5, backoffMs: 30_000 },
      requestTimeoutMs: 10_000,
      appBaseUrl: undefined,
    });
  });

  it('reads durations as objects or ISO strings', () => {
    expect(
      read({
        retry: { attempts: 2, backoff: 'PT1M' },
        requestTimeout: { seconds: 3 },
      }),
    ).toMatchObject({
      retry: { attempts: 2, backoffMs: 60_000 },
      requestTimeoutMs: 3_000,
    });
  });

  it('names a bad key', () => {
    expect(() => read({ retry: { attempts: 0 } })).toThrow(
      'deployGate.github.retry.attempts: must be a whole number of at least 1, not 0',
    );
    expect(() => read({ requestTimeout: { seconds: 0 } })).toThrow(
      'deployGate.github.requestTimeout: must be longer than zero',
    );
  });
});
