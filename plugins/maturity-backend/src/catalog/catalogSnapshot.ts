import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { CatalogFacts } from '@internal/backstage-plugin-maturity-common';
import type { GroupTree } from '@internal/entity-scope';
import { entityPagePath, ownerRefsOf } from '@internal/owner-notify';

export interface CatalogComponent {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  tags: string[];
  catalog: CatalogFacts;
}

export interface CatalogGroup {
  entityRef: string;
  title?: string;
  type?: string;
  parent?: string;
}

/** The components and groups the levels are computed and rolled up over. */
export interface CatalogSnapshot extends GroupTree {
  components: Map<string, CatalogComponent>;
  /** Components of a type the rubric does not rate, with their type. */
  unrated: Map<string, string>;
  groups: Map<string, CatalogGroup>;
}

const refOf = (entity: Entity) => stringifyEntityRef(entity).toLowerCase();

const targets = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLowerCase());

/** What the checks read of a component from the catalog: owner, annotations, links. */
export function catalogComponentOf(entity: Entity): CatalogComponent {
  const owner = ownerRefsOf(entity)[0];
  const system =
    targets(entity, RELATION_PART_OF).find(t => t.startsWith('system:')) ??
    (typeof entity.spec?.system === 'string'
      ? `system:${entity.metadata.namespace ?? 'default'}/${
          entity.spec.system
        }`.toLowerCase()
      : undefined);
  return {
    entityRef: refOf(entity),
    title: entity.metadata.title,
    owner,
    system,
    tags: entity.metadata.tags ?? [],
    catalog: {
      owner,
      annotations: entity.metadata.annotations ?? {},
      links: (entity.metadata.links ?? []).map(l => ({
        url: l.url,
        title: l.title,
        type: l.type,
      })),
    },
  };
}

/** A component's `spec.type`, when it has one. */
export const componentTypeOf = (entity: Entity): string | undefined =>
  typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;

/** The entity page of a component: the catalog check's evidence link. */
export const catalogLinkOf = (entityRef: string) => entityPagePath(entityRef);

/**
 * Reads every component and group the credentials may see, in two catalog requests:
 * the collection run reads as the plugin itself, the API as the caller.
 */
export async function loadCatalogSnapshot(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  /** Whether the rubric rates a component of this type (`ratesComponentType`). */
  rates: (type: string | undefined) => boolean = () => true,
): Promise<CatalogSnapshot> {
  const [components, groups] = await Promise.all([
    catalog.getEntities(
      {
        filter: { kind: 'component' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.tags',
          'metadata.annotations',
          'metadata.links',
          'spec.owner',
          'spec.system',
          'spec.type',
          'relations',
        ],
      },
      { credentials },
    ),
    catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.type',
          'spec.profile',
          'relations',
        ],
      },
      { credentials },
    ),
  ]);
  const snapshot: CatalogSnapshot = {
    components: new Map(),
    unrated: new Map(),
    groups: new Map(),
    children: new Map(),
    ownedBy: new Map(),
  };
  for (const group of groups.items) {
    const ref = refOf(group);
    snapshot.groups.set(ref, {
      entityRef: ref,
      title:
        group.metadata.title ??
        (group.spec?.profile as { displayName?: string } | undefined)
          ?.displayName,
      type: group.spec?.type as string | undefined,
      parent: targets(group, RELATION_CHILD_OF)[0],
    });
    (snapshot.children as Map<string, string[]>).set(
      ref,
      targets(group, RELATION_PARENT_OF),
    );
  }
  for (const entity of components.items) {
    const type = componentTypeOf(entity);
    if (!rates(type)) {
      snapshot.unrated.set(refOf(entity), type!);
      continue;
    }
    const component = catalogComponentOf(entity);
    snapshot.components.set(component.entityRef, component);
    if (component.owner) {
      const owned = snapshot.ownedBy as Map<string, string[]>;
      owned.set(component.owner, [
        ...(owned.get(component.owner) ?? []),
        component.entityRef,
      ]);
    }
  }
  return snapshot;
}

/** Teams as the scorecards name them: groups of type team, or owning components. */
export function teamsOf(snapshot: CatalogSnapshot): string[] {
  return [...snapshot.groups.values()]
    .filter(
      g =>
        g.type === 'team' ||
        (snapshot.ownedBy.get(g.entityRef) ?? []).length > 0,
    )
    .map(g => g.entityRef)
    .sort();
}
