import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ComponentPolicy,
  decide,
  GateRulesConfig,
} from '@internal/backstage-plugin-deploy-gate-common';
import { componentsCoveredBy } from '@internal/entity-scope';
import { PolicySource } from '../policy/PolicySource';

/** Components whose policy is read at once. */
const CONCURRENCY = 4;

/**
 * The policy of every component a group owns (descendant groups included, as the SLO
 * and DORA roll-ups count them), frozen ones first.
 */
export async function teamPolicies(
  owner: string,
  options: {
    catalog: CatalogService;
    credentials: BackstageCredentials;
    policies: PolicySource;
    rules: GateRulesConfig;
  },
): Promise<ComponentPolicy[]> {
  const { catalog, credentials, policies, rules } = options;
  const group = await catalog.getEntityByRef(owner, { credentials });
  if (!group)
    throw new NotFoundError(`owner: no group ${owner} in the catalog`);
  const components = await componentsCoveredBy(group, {
    catalog,
    credentials,
    fields: [],
  });
  const refs = components.map(c => stringifyEntityRef(c).toLowerCase());
  const result: ComponentPolicy[] = [];
  for (let i = 0; i < refs.length; i += CONCURRENCY) {
    const batch = await Promise.all(
      refs.slice(i, i + CONCURRENCY).map(async entityRef => {
        const snapshot = await policies.current(entityRef);
        // The summary as the gate would report it for this component.
        const { policy } = decide(
          { entityRef, environment: '', kind: 'deploy' },
          snapshot,
          rules,
        );
        return {
          entityRef,
          policy,
          hasFigures: (snapshot?.objectivesWithFigures ?? 0) > 0,
        };
      }),
    );
    result.push(...batch);
  }
  return result.sort(
    (a, b) => Number(b.policy.frozen) - Number(a.policy.frozen),
  );
}
