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
 * figures): a component is itself, a system covers its components, a group covers the
 * components owned by it or by any of its descendant groups. Returns full entities,
 * since their annotations hold the SLO definitions.
 */
export async function resolveComponents(
  entity: Entity,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const ref = stringifyEntityRef(entity).toLowerCase();
  const kind = entity.kind.toLowerCase();
  if (kind === 'component') return [entity];
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
  ): Promise<Entity[]> {
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'component', ...filter },
        fields: ['kind', 'metadata', 'spec.owner', 'spec.system'],
      },
      { credentials },
    );
    return [...items].sort((a, b) =>
      stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
    );
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
