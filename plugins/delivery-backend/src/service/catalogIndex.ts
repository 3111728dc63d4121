import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GroupTree } from '@internal/entity-scope';

/**
 * The catalog as the scorecards need it, loaded in three reads (groups, components,
 * systems) instead of one read per team. Refs are lower-cased, as the store keeps them.
 */
export interface CatalogIndex extends GroupTree {
  groups: Map<string, { title: string; type?: string; parent?: string }>;
  children: Map<string, string[]>;
  components: Map<string, { title: string; owner?: string; system?: string }>;
  /** Components by the group that owns them directly. */
  ownedBy: Map<string, string[]>;
  systems: Map<string, string>;
}

const refOf = (entity: Entity) => stringifyEntityRef(entity).toLowerCase();
const titleOf = (entity: Entity) =>
  entity.metadata.title ??
  ((entity.spec?.profile as { displayName?: string } | undefined)
    ?.displayName as string | undefined) ??
  entity.metadata.name;
const relationTargets = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLowerCase());

/** Groups, components and systems the caller may see, indexed by ref. */
export async function loadCatalogIndex(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<CatalogIndex> {
  const fields = (...more: string[]) => [
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.title',
    ...more,
  ];
  const [groups, components, systems] = await Promise.all([
    catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: fields('spec.type', 'spec.profile', 'relations'),
      },
      { credentials },
    ),
    catalog.getEntities(
      { filter: { kind: 'component' }, fields: fields('relations') },
      { credentials },
    ),
    catalog.getEntities(
      { filter: { kind: 'system' }, fields: fields() },
      { credentials },
    ),
  ]);
  const index: CatalogIndex = {
    groups: new Map(),
    children: new Map(),
    components: new Map(),
    ownedBy: new Map(),
    systems: new Map(systems.items.map(s => [refOf(s), titleOf(s)])),
  };
  for (const group of groups.items) {
    const ref = refOf(group);
    index.groups.set(ref, {
      title: titleOf(group),
      type: group.spec?.type as string | undefined,
      parent: relationTargets(group, RELATION_CHILD_OF)[0],
    });
    index.children.set(ref, relationTargets(group, RELATION_PARENT_OF));
  }
  for (const component of components.items) {
    const ref = refOf(component);
    const owner = relationTargets(component, RELATION_OWNED_BY)[0];
    const system = relationTargets(component, RELATION_PART_OF).find(t =>
      t.startsWith('system:'),
    );
    index.components.set(ref, { title: titleOf(component), owner, system });
    if (owner) {
      index.ownedBy.set(owner, [...(index.ownedBy.get(owner) ?? []), ref]);
    }
  }
  return index;
}

/** The lower-cased ref of a group in the index, or a 404 naming it. */
export function requireGroup(index: CatalogIndex, ref: string): string {
  const normalised = ref.toLowerCase();
  if (!index.groups.has(normalised)) {
    throw new NotFoundError(`no group ${normalised} in the catalog`);
  }
  return normalised;
}
