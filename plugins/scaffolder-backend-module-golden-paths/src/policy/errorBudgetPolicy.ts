import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import type { PolicyResponse } from '@internal/backstage-plugin-slo-common';
import { z } from 'zod';

/** Whether new components may be created in a system. */
export interface ErrorBudgetPolicyDecision {
  frozen: boolean;
  /** Why it is frozen, shown to the person running the template. */
  reason?: string;
}

/**
 * The seam the policy check asks. Today it is config-driven (a list or a URL); when the
 * SLO plugin lands it provides an implementation reading its error budget policies.
 */
export interface ErrorBudgetPolicyProvider {
  /** `systemRef` is a full entity ref, e.g. `system:default/order-management`. */
  getDecision(systemRef: string): Promise<ErrorBudgetPolicyDecision>;
}

export function toSystemRef(value: string): string {
  return stringifyEntityRef(
    parseEntityRef(value, {
      defaultKind: 'system',
      defaultNamespace: DEFAULT_NAMESPACE,
    }),
  );
}

/** Systems listed as frozen in config are frozen; every other one is not. */
export function createStaticErrorBudgetPolicy(
  frozenSystems: string[],
): ErrorBudgetPolicyProvider {
  const frozen = new Set(frozenSystems.map(toSystemRef));
  return {
    async getDecision(systemRef) {
      return frozen.has(toSystemRef(systemRef))
        ? {
            frozen: true,
            reason: 'listed in goldenPaths.errorBudgetPolicy.frozenSystems',
          }
        : { frozen: false };
    },
  };
}

const urlAnswerSchema = z.object({
  frozen: z.boolean(),
  reason: z.string().optional(),
});

/**
 * Asks `GET <url>?system=<systemRef>`, which answers `{"frozen": boolean, "reason"?: string}`.
 * Any other answer is an error: the check fails closed rather than let a run through
 * on a policy it could not read.
 */
export function createUrlErrorBudgetPolicy(options: {
  url: string;
  token?: string;
  fetchFn?: typeof fetch;
}): ErrorBudgetPolicyProvider {
  const fetchFn = options.fetchFn ?? fetch;
  return {
    async getDecision(systemRef) {
      const url = new URL(options.url);
      url.searchParams.set('system', systemRef);
      const response = await fetchFn(url, {
        headers: options.token
          ? { Authorization: `Bearer ${options.token}` }
          : {},
      });
      if (!response.ok) {
        throw new Error(
          `error budget policy at ${url} answered ${response.status} ${response.statusText}`,
        );
      }
      const parsed = urlAnswerSchema.safeParse(await response.json());
      if (!parsed.success) {
        throw new Error(
          `error budget policy at ${url} answered an unexpected shape (expected {"frozen": boolean, "reason"?: string})`,
        );
      }
      return parsed.data;
    },
  };
}

const sloPolicySchema = z.object({
  entityRef: z.string(),
  frozen: z.boolean(),
  exhaustedObjectives: z.array(z.string()),
  frozenSince: z.string().nullable(),
  reason: z.string(),
}) satisfies z.ZodType<PolicyResponse>;

/**
 * Asks the SLO backend, `GET /api/slo/policy?entityRef=<systemRef>` (a system's verdict
 * rolls up its components' budgets), with a service token. Fails closed: an error
 * status, an answer of another shape or an unreachable backend refuses the run.
 */
export function createSloBackendErrorBudgetPolicy(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  fetchFn?: typeof fetch;
}): ErrorBudgetPolicyProvider {
  const fetchFn = options.fetchFn ?? fetch;
  return {
    async getDecision(systemRef) {
      const base = await options.discovery.getBaseUrl('slo');
      const url = `${base}/policy?entityRef=${encodeURIComponent(systemRef)}`;
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: await options.auth.getOwnServiceCredentials(),
        targetPluginId: 'slo',
      });
      const response = await fetchFn(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        throw new Error(
          `the SLO backend (${url}) answered ${response.status} ${response.statusText}`,
        );
      }
      const parsed = sloPolicySchema.safeParse(await response.json());
      if (!parsed.success) {
        throw new Error(
          `the SLO backend (${url}) answered an unexpected shape: ${parsed.error.issues
            .map(
              issue => `${issue.path.join('.') || '(root)'} ${issue.message}`,
            )
            .join('; ')}`,
        );
      }
      const policy = parsed.data;
      if (!policy.frozen) {
        return { frozen: false };
      }
      const details = [
        policy.reason,
        policy.exhaustedObjectives.length > 0
          ? `exhausted: ${policy.exhaustedObjectives.join(', ')}`
          : undefined,
        policy.frozenSince ? `since ${policy.frozenSince}` : undefined,
      ].filter(Boolean);
      return { frozen: true, reason: details.join('; ') };
    },
  };
}

/** Both sources at once: frozen when either says so. */
export function combinePolicies(
  providers: ErrorBudgetPolicyProvider[],
): ErrorBudgetPolicyProvider {
  return {
    async getDecision(systemRef) {
      for (const provider of providers) {
        const decision = await provider.getDecision(systemRef);
        if (decision.frozen) {
          return decision;
        }
      }
      return { frozen: false };
    },
  };
}

/**
 * Reads `goldenPaths.errorBudgetPolicy`. Undefined when nothing is configured: the
 * check then lets every run through (and says so in the log).
 */
export function readErrorBudgetPolicy(
  config: Config,
  services?: { discovery: DiscoveryService; auth: AuthService },
): ErrorBudgetPolicyProvider | undefined {
  const policyConfig = config.getOptionalConfig(
    'goldenPaths.errorBudgetPolicy',
  );
  if (!policyConfig) {
    return undefined;
  }
  const providers: ErrorBudgetPolicyProvider[] = [];
  const source = policyConfig.getOptionalString('source');
  if (source !== undefined && source !== 'slo-backend') {
    throw new Error(
      `goldenPaths.errorBudgetPolicy.source must be "slo-backend" (or left out), got "${source}"`,
    );
  }
  if (source === 'slo-backend') {
    if (!services) {
      throw new Error(
        'goldenPaths.errorBudgetPolicy.source is slo-backend, but no discovery and auth services were given',
      );
    }
    providers.push(createSloBackendErrorBudgetPolicy(services));
  }
  const frozenSystems = policyConfig.getOptionalStringArray('frozenSystems');
  if (frozenSystems) {
    providers.push(createStaticErrorBudgetPolicy(frozenSystems));
  }
  const url = policyConfig.getOptionalString('url');
  if (url) {
    try {
      new URL(url); // eslint-disable-line no-new
    } catch {
      throw new Error(
        `goldenPaths.errorBudgetPolicy.url is not a valid URL: "${url}"`,
      );
    }
    providers.push(
      createUrlErrorBudgetPolicy({
        url,
        token: policyConfig.getOptionalString('token'),
      }),
    );
  }
  return providers.length > 0 ? combinePolicies(providers) : undefined;
}
