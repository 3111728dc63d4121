import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';
import { DEFAULT_MAX_CONCURRENT_QUERIES } from './client/PrometheusClient';

/** One Prometheus-compatible endpoint from `slo.prometheus.instances`. */
export interface PrometheusInstanceConfig {
  /** Unique; the metric source id is `prometheus:<name>`. */
  name: string;
  baseUrl: string;
  /** Link target for "open in Prometheus"; defaults to baseUrl. */
  uiUrl?: string;
  /** Extra headers, including `Authorization` from `bearerToken`. */
  headers: Record<string, string>;
  queryTimeoutMs: number;
  /** `false` sends `partial_response=false` (Thanos); undefined sends nothing. */
  partialResponse?: boolean;
  /** Queries in flight at once against this instance. */
  maxConcurrentQueries: number;
}

export const DEFAULT_INSTANCE_NAME = 'default';
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

const NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/i;

/**
 * Reads `slo.prometheus.instances`. Throws with the config path of the first bad value,
 * so a typo stops the backend at start instead of failing every evaluation.
 */
export function readPrometheusInstances(
  config: Config,
): PrometheusInstanceConfig[] {
  const instances =
    config.getOptionalConfigArray('slo.prometheus.instances') ?? [];
  const seen = new Set<string>();
  return instances.map((instance, index) => {
    const path = `slo.prometheus.instances[${index}]`;
    const name = instance.getOptionalString('name') ?? DEFAULT_INSTANCE_NAME;
    if (!NAME_PATTERN.test(name)) {
      throw new Error(
        `${path}.name: "${name}" must be letters, digits, '.', '_' or '-'`,
      );
    }
    if (seen.has(name)) {
      throw new Error(
        `${path}.name: "${name}" is used twice; give each instance its own name`,
      );
    }
    seen.add(name);
    if (!instance.has('baseUrl') && instance.has('url')) {
      throw new Error(
        `${path}: the key is baseUrl, not url (e.g. baseUrl: http://prometheus:9090)`,
      );
    }
    const baseUrl = instance.getString('baseUrl');
    if (!/^https?:\/\/[^/]/.test(baseUrl)) {
      throw new Error(
        `${path}.baseUrl: "${baseUrl}" must be an http(s) URL, e.g. http://prometheus:9090`,
      );
    }
    const headers: Record<string, string> = {};
    const headerConfig = instance.getOptionalConfig('headers');
    for (const key of headerConfig?.keys() ?? []) {
      headers[key] = headerConfig!.getString(key);
    }
    const token = instance.getOptionalString('bearerToken');
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    const queryTimeoutMs = instance.has('queryTimeout')
      ? Duration.fromObject(
          readDurationFromConfig(instance, { key: 'queryTimeout' }),
        ).toMillis()
      : DEFAULT_QUERY_TIMEOUT_MS;
    if (!(queryTimeoutMs >= 1000)) {
      throw new Error(`${path}.queryTimeout: must be at least 1 second`);
    }
    const maxConcurrentQueries =
      instance.getOptionalNumber('maxConcurrentQueries') ??
      DEFAULT_MAX_CONCURRENT_QUERIES;
    if (
      !(Number.isInteger(maxConcurrentQueries) && maxConcurrentQueries >= 1)
    ) {
      throw new Error(
        `${path}.maxConcurrentQueries: must be a whole number of at least 1`,
      );
    }
    return {
      name,
      baseUrl,
      uiUrl: instance.getOptionalString('uiUrl'),
      headers,
      queryTimeoutMs,
      partialResponse: instance.getOptionalBoolean('partialResponse'),
      maxConcurrentQueries,
    };
  });
}
