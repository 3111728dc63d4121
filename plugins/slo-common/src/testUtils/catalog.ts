/*
 * Catalog entities as the SLO backend reads them: components with annotations,
 * owned by a group (relations included, as the catalog would add them), and groups.
 * Plain objects, so that this package needs no catalog dependency.
 */

export interface ComponentOptions {
  owner: string;
  annotations?: Record<string, string>;
  system?: string;
  lifecycle?: string;
}

/** A service component owned by `owner`, part of `system` when given. */
export const componentEntity = (name: string, options: ComponentOptions) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: options.annotations ?? {},
  },
  spec: {
    type: 'service',
    owner: options.owner,
    ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
    ...(options.system ? { system: options.system } : {}),
  },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${options.owner}` },
    ...(options.system
      ? [{ type: 'partOf', targetRef: `system:default/${options.system}` }]
      : []),
  ],
});

/** A group with its children (and the parentOf relations to them). */
export const groupEntity = (
  name: string,
  children: string[] = [],
  type = 'team',
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type, children },
  relations: children.map(child => ({
    type: 'parentOf',
    targetRef: `group:default/${child}`,
  })),
});
