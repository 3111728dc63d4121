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
 * The catalog client of the catalog index page, telling `onRows` the components of
 * each page of entities it answers (the table's rows, before the table renders them)
 * and otherwise the app's client unchanged. The health columns start loading those
 * rows' health there, so the requests overlap the table's render instead of waiting
 * for the cells to mount. The count query (`limit: 0`) answers no entities, and the
 * page's other queries (owners) no components.
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
    const refs = componentRefsOf(response.items);
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
