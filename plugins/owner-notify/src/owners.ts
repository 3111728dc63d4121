import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The entity refs owning `entity`, lower-cased: its `ownedBy` relations, else its
 * `spec.owner` (a bare name is a group in the entity's namespace). Empty when it has
 * no owner.
 */
export function ownerRefsOf(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef.toLowerCase());
  if (related.length > 0) return [...new Set(related)];
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') return [];
  try {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ).toLowerCase(),
    ];
  } catch {
    return [];
  }
}

/** `component:default/cart` -> `/catalog/default/component/cart` plus `tab`, if given. */
export function entityPagePath(entityRef: string, tab?: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const path = `/catalog/${encodeURIComponent(
    namespace,
  )}/${kind.toLowerCase()}/${encodeURIComponent(name)}`;
  return tab ? `${path}/${tab}` : path;
}
