import { stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { resolveScope, SCOPE_PARAM, ScopeKind, scopeKindOf } from './scope';

/**
 * The switch's position (kept in the URL) and what it resolves to: the signed-in user's
 * groups from the identity API, or the catalog's organisation groups.
 */
export function useHomeScope() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [params, setParams] = useSearchParams();
  const kind = scopeKindOf(params.get(SCOPE_PARAM));

  const state = useAsync(async () => {
    if (kind === 'teams') {
      const identity = await identityApi.getBackstageIdentity();
      return resolveScope(kind, identity.ownershipEntityRefs, []);
    }
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group', 'spec.type': 'organization' },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    });
    return resolveScope(
      kind,
      [],
      items.map(entity => stringifyEntityRef(entity)),
    );
  }, [kind, identityApi, catalogApi]);

  const setKind = (next: ScopeKind) =>
    setParams(
      previous => {
        const updated = new URLSearchParams(previous);
        if (next === 'teams') updated.delete(SCOPE_PARAM);
        else updated.set(SCOPE_PARAM, next);
        return updated;
      },
      { replace: true },
    );

  return { kind, setKind, ...state };
}
