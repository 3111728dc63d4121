/* Catalog entities as the catalog answers them (relations included), for the tests. */
import { Entity } from '@backstage/catalog-model';

/** A service owned by a team, part of a system when one is named. */
export const component = (
  name: string,
  owner: string,
  system?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner, ...(system ? { system } : {}) },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...(system
      ? [{ type: 'partOf', targetRef: `system:default/${system}` }]
      : []),
  ],
});

/** A team and its child teams. */
export const group = (name: string, children: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: children.map(child => ({
    type: 'parentOf',
    targetRef: `group:default/${child}`,
  })),
});

/** The system `shop`, team-a's. */
export const shopSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { owner: 'team-a' },
};
