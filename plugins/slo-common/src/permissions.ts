import { createPermission } from '@backstage/plugin-permission-common';

/** View objectives, budgets, roll-ups, the policy verdict and deployment impact. */
export const sloObjectivesReadPermission = createPermission({
  name: 'slo.objectives.read',
  attributes: { action: 'read' },
});

/** View the generated Prometheus rules and the OpenSLO export. */
export const sloRulesReadPermission = createPermission({
  name: 'slo.rules.read',
  attributes: { action: 'read' },
});

export const sloPermissions = [
  sloObjectivesReadPermission,
  sloRulesReadPermission,
];
