import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { descendantGroups } from './groupTree';

/**
 * A component covers itself, a system covers its components, a group covers the
 * components owned by it or by any of its descendant groups; other kinds are a 400.
 * Components come back sorted by ref, with the `fields` asked for.
 */
export async function componentsCoveredBy(
  entity: Entity,
  options: {
    catalog: CatalogService;
    credentials: BackstageCredentials;
    /** Catalog fields to load for each component (kind and metadata.name/namespace always). */
    fields: string[];
  },
): Promise<Entity[]> {
  const { catalog, credentials } = options;
  const ref = stringifyEntityRef(entity).toLowerCase();
  const kind = entity.kind.toLowerCase();
  if (kind === 'component') return [entity];
  if (kind === 'system') {
    return componentsWhere({ [`relations.${RELATION_PART_OF}`]: ref });
  }
  if (kind === 'group') {
    const groups = await groupsWithin(ref);
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
        fields: [
          ...new Set([
            'kind',
            'metadata.name',
            'metadata.namespace',
            ...options.fields,
          ]),
        ],
      },
      { credentials },
    );
    return [...items].sort((a, b) =>
      stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
    );
  }

  async function groupsWithin(root: string): Promise<string[]> {
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
    return descendantGroups(root, children);
  }
}
