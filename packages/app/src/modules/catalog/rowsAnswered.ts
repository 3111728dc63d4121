import type { CatalogApi } from '@backstage/plugin-catalog-react';

/**
 * The components among a catalog answer's entities, as entity refs
 * (`component:namespace/name`, lower case as the batchers key them).
 */
export function componentRefsOf(
  entities: ReadonlyArray<{
    kind?: string;
    metadata?: { name?: string; namespace?: string };
  }>,
): string[] {
  return entities.flatMap(entity =>
    entity.kind?.toLocaleLowerCase('en-US') === 'component' &&
    entity.metadata?.name
      ? [
          `component:${entity.metadata.namespace ?? 'default'}/${
            entity.metadata.name
          }`.toLocaleLowerCase('en-US'),
        ]
      : [],
  );
}

/**
 * Whether a `queryEntities` request is the catalog table's page of rows, as the
 * catalog's entity list asks for it: without a total (the count is asked apart). The
 * page's other queries (the counts of owned, starred and all entities, the owner
 * picker's) do not say `totalItems: 'exclude'`.
 */
export function isTablePageRequest(request: unknown): boolean {
  return (
    typeof request === 'object' &&
    request !== null &&
    (request as { totalItems?: unknown }).totalItems === 'exclude'
  );
}

/**
 * The catalog client of the catalog index page: the app's client, telling `onRows` the
 * components of each page of the table's rows it answers, before the table renders
 * them. The health columns start loading those rows' health there, so the requests
 * overlap the table's render instead of waiting for the cells to mount.
 */
export function reportingRowsAnswered(
  catalogApi: CatalogApi,
  onRows: (entityRefs: string[]) => void,
): CatalogApi {
  const queryEntities: CatalogApi['queryEntities'] = async (
    request,
    options,
  ) => {
    const response = await catalogApi.queryEntities(request, options);
    const refs = isTablePageRequest(request)
      ? componentRefsOf(response.items)
      : [];
    if (refs.length > 0) onRows(refs);
    return response;
  };
  return new Proxy(catalogApi, {
    get(target, property) {
      if (property === 'queryEntities') return queryEntities;
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
