/*
 * Unleash Webhook integration deliveries. Without a body template the integration
 * POSTs the event itself, `JSON.stringify(event)`:
 * https://github.com/Unleash/unleash/blob/main/src/lib/addons/webhook.ts (and its
 * test, src/lib/addons/webhook.test.ts: "Should handle event without bodyTemplate").
 *
 * Events copied from:
 * - https://github.com/Unleash/unleash/blob/main/src/lib/addons/feature-event-formatter-md.test.ts
 *   (feature-strategy-update of a flexibleRollout from 67% to 32%, feature-strategy-add,
 *   feature-strategy-remove, a default strategy gaining constraints)
 * - https://github.com/getsentry/sentry/blob/master/tests/sentry/flags/providers/test_unleash.py
 *   (feature-environment-enabled as Unleash delivered it to Sentry's flag webhook,
 *   feature-created)
 * Dates are as JSON.stringify writes them.
 */

/** Unleash's feature-environment-enabled, as Sentry's test has it. */
export const environmentEnabled = {
  id: 28,
  tags: [{ type: 'simple', value: 'testvalue' }],
  type: 'feature-environment-enabled',
  project: 'default',
  createdAt: '2024-12-30T00:00:00.000Z',
  createdBy: 'michelle@michelle.org',
  environment: 'development',
  featureName: 'test-flag',
  createdByUserId: 1,
};

/** The same flag turned off in production (an event of the same shape). */
export const environmentDisabled = {
  ...environmentEnabled,
  id: 29,
  type: 'feature-environment-disabled',
  createdAt: '2024-12-30T01:15:00.000Z',
  environment: 'production',
};

/** A flexibleRollout strategy of new-feature at `rollout` percent. */
const flexibleRollout = (rollout: string) => ({
  id: '3f4bf713-696c-43a4-8ce7-d6c607108858',
  name: 'flexibleRollout',
  constraints: [],
  parameters: { groupId: 'new-feature', rollout, stickiness: 'default' },
});

/** "when rollout percentage changed": from 67% to 32% in production. */
export const rolloutChanged = {
  id: 920,
  type: 'feature-strategy-update',
  createdBy: 'user@company.com',
  createdAt: '2022-06-01T10:03:11.549Z',
  data: flexibleRollout('32'),
  preData: flexibleRollout('67'),
  tags: [],
  featureName: 'new-feature',
  project: 'my-other-project',
  environment: 'production',
};

/** "when stickiness changed": the same 67%, bucketed another way. */
export const stickinessChanged = {
  ...rolloutChanged,
  data: {
    ...flexibleRollout('67'),
    parameters: {
      groupId: 'new-feature',
      rollout: '67',
      stickiness: 'random',
    },
  },
  preData: flexibleRollout('67'),
};

/** "when strategy added": a flexibleRollout at 67%. */
export const strategyAdded = {
  id: 919,
  type: 'feature-strategy-add',
  createdBy: 'user@company.com',
  createdAt: '2022-06-01T10:03:08.290Z',
  data: flexibleRollout('67'),
  preData: null,
  tags: [],
  featureName: 'new-feature',
  project: 'my-other-project',
  environment: 'production',
};

/** "when strategy removed": the default strategy. */
export const strategyRemoved = {
  id: 918,
  type: 'feature-strategy-remove',
  createdBy: 'user@company.com',
  createdAt: '2022-06-01T10:03:00.229Z',
  data: null,
  preData: {
    id: '9591090e-acb0-4088-8958-21faaeb7147d',
    name: 'default',
    parameters: {},
    constraints: [],
  },
  tags: [],
  featureName: 'new-feature',
  project: 'my-other-project',
  environment: 'production',
};

/** "when default strategy updated": constraints added to the default strategy. */
export const constraintsAdded = {
  id: 39,
  type: 'feature-strategy-update',
  createdBy: 'admin',
  createdAt: '2023-02-20T20:23:28.791Z',
  data: {
    id: 'f2d34aac-52ec-49d2-82d3-08d710e89eaa',
    name: 'default',
    constraints: [
      {
        values: ['x', 'y'],
        inverted: false,
        operator: 'IN',
        contextName: 'appName',
        caseInsensitive: false,
      },
    ],
    parameters: {},
    segments: [],
  },
  preData: {
    id: 'f2d34aac-52ec-49d2-82d3-08d710e89eaa',
    name: 'default',
    segments: [],
    parameters: {},
    constraints: [],
  },
  tags: [],
  featureName: 'aaa',
  project: 'default',
  environment: 'production',
};

/** Sentry's feature-created: a flag created, not released. */
export const featureCreated = {
  ...environmentEnabled,
  type: 'feature-created',
};

/** Every example, for the fuzz tests. */
export const examples: unknown[] = [
  environmentEnabled,
  environmentDisabled,
  rolloutChanged,
  stickinessChanged,
  strategyAdded,
  strategyRemoved,
  constraintsAdded,
  featureCreated,
];
