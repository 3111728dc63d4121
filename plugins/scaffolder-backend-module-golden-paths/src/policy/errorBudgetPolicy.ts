import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
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
): ErrorBudgetPolicyProvider | undefined {
  const policyConfig = config.getOptionalConfig(
    'goldenPaths.errorBudgetPolicy',
  );
  if (!policyConfig) {
    return undefined;
  }
  const providers: ErrorBudgetPolicyProvider[] = [];
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
