import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { componentsCoveredBy } from '@internal/entity-scope';

/** `Component:default/Foo` -> `component:default/foo`, or a 400 naming the field. */
export function normaliseEntityRef(
  entityRef: string,
  field = 'entityRef',
  defaultKind = 'component',
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(entityRef, { defaultKind }),
    ).toLowerCase();
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
}

export async function getEntityOrThrow(
  ref: string,
  catalog: CatalogService,
  credentials: BackstageCredentials,
  field = 'entityRef',
): Promise<Entity> {
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity) {
    throw new NotFoundError(`${field}: no entity ${ref} in the catalog`);
  }
  return entity;
}

/**
 * The components an entity's SLO figures cover (as the delivery plugin scopes its DORA
 * figures). Returns full entities, since their annotations hold the SLO definitions.
 */
export function resolveComponents(
  entity: Entity,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  return componentsCoveredBy(entity, {
    catalog,
    credentials,
    fields: ['metadata', 'spec.owner', 'spec.system'],
  });
}
