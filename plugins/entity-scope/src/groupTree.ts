/**
 * A group hierarchy as two maps: the groups each group is parent of, and the
 * components each group owns directly. Refs are lower-cased entity refs.
 */
export interface GroupTree {
  children: ReadonlyMap<string, readonly string[]>;
  ownedBy: ReadonlyMap<string, readonly string[]>;
}

/**
 * The group and every group below it, each once, the root first. A cycle in the
 * catalog's parentOf relations ends the walk instead of looping.
 */
export function descendantGroups(
  root: string,
  children: GroupTree['children'],
): string[] {
  const found = new Set([root]);
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

/**
 * The components a group covers: those owned by it or by any of its descendant
 * groups, each once, sorted by ref.
 */
export function componentsOwnedWithin(root: string, tree: GroupTree): string[] {
  const owned = descendantGroups(root, tree.children).flatMap(
    group => tree.ownedBy.get(group) ?? [],
  );
  return [...new Set(owned)].sort();
}
