import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/** Path of the SLOs tab below an entity page. */
export const DEFAULT_TAB_PATH = 'slos';

/** Builds links to an entity's SLOs tab. */
export function useSloTabLink(tabPath: string = DEFAULT_TAB_PATH) {
  const entityRoute = useRouteRef(entityRouteRef);
  return (ref: string | CompoundEntityRef) => {
    const parsed = typeof ref === 'string' ? parseEntityRef(ref) : ref;
    return `${entityRoute({
      kind: parsed.kind.toLocaleLowerCase('en-US'),
      namespace: parsed.namespace ?? 'default',
      name: parsed.name,
    })}/${tabPath}`;
  };
}
