import { createPermission } from '@backstage/plugin-permission-common';

/** View DORA figures and series. */
export const deliveryDoraReadPermission = createPermission({
  name: 'delivery.dora.read',
  attributes: { action: 'read' },
});

/** View the deployment and incident timeline. */
export const deliveryEventsReadPermission = createPermission({
  name: 'delivery.events.read',
  attributes: { action: 'read' },
});

/** Ingest deployment and incident events. */
export const deliveryEventsCreatePermission = createPermission({
  name: 'delivery.events.create',
  attributes: { action: 'create' },
});

export const deliveryPermissions = [
  deliveryDoraReadPermission,
  deliveryEventsReadPermission,
  deliveryEventsCreatePermission,
];
