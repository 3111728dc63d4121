import { Config } from '@backstage/config';

const ROOT = 'delivery.unleash';

export interface UnleashSourceConfig {
  /** Whether a webhook secret is configured: without one the source is off. */
  webhookConfigured: boolean;
  /** The Unleash instance flags' pages are linked to, without a trailing slash. */
  baseUrl?: string;
}

/** Reads `delivery.unleash`; a base URL that is not an http(s) URL is an error. */
export function readUnleashSourceConfig(config: Config): UnleashSourceConfig {
  const secrets =
    config.getOptionalStringArray(`${ROOT}.webhook.secrets`) ?? [];
  const value = config.getOptionalString(`${ROOT}.baseUrl`);
  if (value !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      throw new Error(`${ROOT}.baseUrl must be an http(s) URL, got '${value}'`);
    }
  }
  return {
    webhookConfigured: secrets.some(secret => secret.trim() !== ''),
    ...(value ? { baseUrl: value.replace(/\/+$/, '') } : {}),
  };
}
