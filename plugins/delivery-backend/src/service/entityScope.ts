import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { componentsCoveredBy } from '@internal/entity-scope';

/**
 * The components whose events make up an entity's figures: a component is itself, a
 * system covers its components, a group covers the components owned by it or by any of
 * its descendant groups. Refs are lower-cased, as the store keeps them.
 */
export async function resolveComponents(
  entityRef: string,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<string[]> {
  let ref: string;
  try {
    ref = stringifyEntityRef(
      parseEntityRef(entityRef, { defaultKind: 'component' }),
    ).toLowerCase();
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity) {
    throw new NotFoundError(`entityRef: no entity ${ref} in the catalog`);
  }
  if (entity.kind.toLowerCase() === 'component') return [ref];
  const components = await componentsCoveredBy(entity, {
    catalog,
    credentials,
    fields: [],
  });
  return components.map(e => stringifyEntityRef(e).toLowerCase()).sort();
}
