import { createPermission } from '@backstage/plugin-permission-common';

/** Deploy although the gate denies (a reason is required; the override is audited). */
export const deployGateOverridePermission = createPermission({
  name: 'deploy-gate.override',
  attributes: { action: 'update' },
});

/** Read the stored gate decisions (`GET /api/deploy-gate/decisions`). */
export const deployGateDecisionsReadPermission = createPermission({
  name: 'deploy-gate.decisions.read',
  attributes: { action: 'read' },
});

export const deployGatePermissions = [
  deployGateOverridePermission,
  deployGateDecisionsReadPermission,
];
