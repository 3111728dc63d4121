import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

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
  const kind = entity.kind.toLowerCase();
  if (kind === 'component') return [ref];
  if (kind === 'system') {
    return componentsWhere({ [`relations.${RELATION_PART_OF}`]: ref });
  }
  if (kind === 'group') {
    const groups = await descendantGroups(ref);
    return componentsWhere({ [`relations.${RELATION_OWNED_BY}`]: groups });
  }
  throw new InputError(
    `entityRef: ${ref} is a ${entity.kind}; use a component, system or group`,
  );

  async function componentsWhere(
    filter: Record<string, string | string[]>,
  ): Promise<string[]> {
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'component', ...filter },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return items.map(e => stringifyEntityRef(e).toLowerCase()).sort();
  }

  async function descendantGroups(root: string): Promise<string[]> {
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials },
    );
    const children = new Map(
      items.map((group: Entity) => [
        stringifyEntityRef(group).toLowerCase(),
        (group.relations ?? [])
          .filter(r => r.type === RELATION_PARENT_OF)
          .map(r => r.targetRef.toLowerCase()),
      ]),
    );
    const found = new Set<string>([root]);
    const queue = [root];
    while (queue.length > 0) {
      for (const child of children.get(queue.pop()!) ?? []) {
        if (!found.has(child)) {
          found.add(child);
          queue.push(child);
        }
      }
    }
    return [...found];
  }
}
