import {
  createFrontendModule,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';

/** How the settings name our plugins and topics (README "Owners are told"). */
export const ORIGIN_NAMES: Record<string, string> = {
  'plugin:slo': 'SLOs and error budgets',
  'plugin:deploy-gate': 'Deploy gate',
  'plugin:delivery': 'Delivery sources',
  'plugin:golden-paths': 'Golden paths',
};

export const TOPIC_NAMES: Record<string, string> = {
  'slo-burn-page': 'Burn rate: page tiers',
  'slo-burn-ticket': 'Burn rate: ticket tiers',
  'slo-budget-freeze': 'Error budget exhausted (deploys frozen) or recovered',
  'deploy-gate-denied': 'Deploy denied',
  'deploy-gate-overridden': 'Deploy gate overridden',
  'delivery-source-stale': 'Source stale',
  'golden-path-major-behind': 'A major golden-path version behind',
};

/**
 * Settings > Notifications: each user switches origins and topics on or off per channel
 * (the notifications backend then sends them nothing of a muted topic).
 */
const notificationSettings = SubPageBlueprint.make({
  attachTo: { id: 'page:user-settings', input: 'pages' },
  name: 'notifications',
  params: {
    path: 'notifications',
    title: 'Notifications',
    loader: () =>
      import('@backstage/plugin-notifications').then(m => (
        <m.UserNotificationSettingsCard
          originNames={ORIGIN_NAMES}
          topicNames={TOPIC_NAMES}
        />
      )),
  },
});

export const settingsModule = createFrontendModule({
  pluginId: 'user-settings',
  extensions: [notificationSettings],
});
