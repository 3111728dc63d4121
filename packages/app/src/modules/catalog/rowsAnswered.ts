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
    entity.kind?.toLowerCase() === 'component' && entity.metadata?.name
      ? [
          `component:${entity.metadata.namespace ?? 'default'}/${
            entity.metadata.name
          }`.toLowerCase(),
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
 * components of each page of the table's rows it answers. The health columns start
 * loading those rows' health there, so the requests leave as soon as the rows are known.
 * The page is handed on when `onRows` has settled (their health is loaded) or after
 * `waitMs`, whichever comes first: the table then usually paints its rows complete in one
 * pass, and a slow health answer never holds the rows longer than `waitMs`.
 */
export function reportingRowsAnswered(
  catalogApi: CatalogApi,
  onRows: (entityRefs: string[]) => Promise<unknown> | void,
  { waitMs = 0 }: { waitMs?: number } = {},
): CatalogApi {
  const queryEntities: CatalogApi['queryEntities'] = async (
    request,
    options,
  ) => {
    const response = await catalogApi.queryEntities(request, options);
    const refs = isTablePageRequest(request)
      ? componentRefsOf(response.items)
      : [];
    if (refs.length > 0) await settledWithin(onRows(refs), waitMs);
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

/** Resolves when `work` settles (fulfilled or rejected) or after `ms`, whichever is first. */
export async function settledWithin(
  work: Promise<unknown> | void,
  ms: number,
): Promise<void> {
  if (!work || ms <= 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    work.catch(() => {}),
    new Promise<void>(resolve => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
