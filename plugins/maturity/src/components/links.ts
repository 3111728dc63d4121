import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/** The Maturity tab's path under an entity page (the tab extension's default). */
export const MATURITY_TAB_PATH = '/maturity';

/** Links to an entity's Maturity tab, e.g. a team's row on the organisation page. */
export function useMaturityTabLink(): (entityRef: string) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (entityRef: string) => {
      const { kind, namespace, name } = parseEntityRef(entityRef);
      return `${entityRoute({
        kind: kind.toLocaleLowerCase('en-US'),
        namespace,
        name,
      })}${MATURITY_TAB_PATH}`;
    },
    [entityRoute],
  );
}
