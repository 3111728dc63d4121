import { Config } from '@backstage/config';

const ROOT = 'delivery.launchdarkly';

/** Where flags' pages are linked to; EU and federal accounts have their own. */
export const DEFAULT_APP_BASE_URL = 'https://app.launchdarkly.com';

export interface LaunchDarklySourceConfig {
  /** Whether a webhook secret is configured: without one the source is off. */
  webhookConfigured: boolean;
  /** Without a trailing slash. */
  appBaseUrl: string;
}

/** Reads `delivery.launchdarkly`; a base URL that is not an http(s) URL is an error. */
export function readLaunchDarklySourceConfig(
  config: Config,
): LaunchDarklySourceConfig {
  const secrets =
    config.getOptionalStringArray(`${ROOT}.webhook.secrets`) ?? [];
  const value =
    config.getOptionalString(`${ROOT}.appBaseUrl`) ?? DEFAULT_APP_BASE_URL;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new Error(
      `${ROOT}.appBaseUrl must be an http(s) URL, got '${value}'`,
    );
  }
  return {
    webhookConfigured: secrets.some(secret => secret.trim() !== ''),
    appBaseUrl: value.replace(/\/+$/, ''),
  };
}
