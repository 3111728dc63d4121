import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { PaginationMode } from '@backstage/plugin-catalog-react';

/** Rows per page of the catalog table when the catalog is not paginated server-side. */
export const CLIENT_PAGE_SIZE = 20;

/**
 * The refs of the rows the catalog table shows first, worked out the way the table does
 * it: the whole page when the server paginates, else the first `CLIENT_PAGE_SIZE`
 * entities in title order (`titleOf` is the table's own sort key). Known as soon as the
 * entities are, before the table renders, so the health columns can ask for these rows
 * while the table paints instead of after.
 */
export function firstPageRefs(
  entities: readonly Entity[],
  paginationMode: PaginationMode,
  titleOf: (entity: Entity) => string,
): string[] {
  if (paginationMode !== 'none') {
    return entities.map(entity => stringifyEntityRef(entity));
  }
  return entities
    .map(entity => ({ entity, title: titleOf(entity) }))
    .sort(byTitle)
    .slice(0, CLIENT_PAGE_SIZE)
    .map(({ entity }) => stringifyEntityRef(entity));
}

// lodash's sortBy, which the table uses: code-unit order, stable for equal titles
function byTitle(a: { title: string }, b: { title: string }) {
  if (a.title === b.title) return 0;
  return a.title < b.title ? -1 : 1;
}
