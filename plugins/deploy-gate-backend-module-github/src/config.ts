import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';
import { RetryPolicy } from './review/Reviewer';

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 30_000;
/** GitHub answers a review in well under a second; a hung connection is cut here. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** How often the retry task looks for due reviews. */
export const RETRY_FREQUENCY = { seconds: 15 };

export interface GithubGateConfig {
  retry: RetryPolicy;
  requestTimeoutMs: number;
  appBaseUrl?: string;
}

function durationMs(config: Config, key: string, fallback: number): number {
  if (!config.has(key)) return fallback;
  return Duration.fromObject(
    readDurationFromConfig(config, { key }),
  ).toMillis();
}

/** `deployGate.github.*`, read once at start-up; a bad value names its key. */
export function readGithubGateConfig(config: Config): GithubGateConfig {
  const attempts =
    config.getOptionalNumber('deployGate.github.retry.attempts') ??
    DEFAULT_ATTEMPTS;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new Error(
      `deployGate.github.retry.attempts: must be a whole number of at least 1, not ${attempts}`,
    );
  }
  const backoffMs = durationMs(
    config,
    'deployGate.github.retry.backoff',
    DEFAULT_BACKOFF_MS,
  );
  if (!(backoffMs >= 0)) {
    throw new Error('deployGate.github.retry.backoff: must not be negative');
  }
  const requestTimeoutMs = durationMs(
    config,
    'deployGate.github.requestTimeout',
    DEFAULT_REQUEST_TIMEOUT_MS,
  );
  if (!(requestTimeoutMs > 0)) {
    throw new Error(
      'deployGate.github.requestTimeout: must be longer than zero',
    );
  }
  return {
    retry: { attempts, backoffMs },
    requestTimeoutMs,
    appBaseUrl: config.getOptionalString('app.baseUrl'),
  };
}
