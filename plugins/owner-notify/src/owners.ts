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
  if (typeof owner !== 'string') return [];
  const ref = ownerRefOf(owner, entity.metadata.namespace);
  return ref ? [ref] : [];
}

/**
 * A `spec.owner` value as a lower-cased entity ref: a bare name is a group in
 * `namespace`. Undefined when empty or not a ref.
 */
export function ownerRefOf(
  owner: string,
  namespace = 'default',
): string | undefined {
  if (owner.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    ).toLowerCase();
  } catch {
    return undefined;
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
