import { Entity } from '@backstage/catalog-model';

/** The group and system the templates' form defaults name. */
export const templateEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-checkout' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'order-management' },
    spec: { owner: 'team-checkout' },
  },
];
