/*
 * Flagsmith webhook deliveries.
 *
 * Shapes copied from:
 * - https://docs.flagsmith.com/administration-and-security/platform-configuration/environment-settings
 *   ("Environment Webhooks": the FLAG_UPDATED sample, butter_bar in Development,
 *   and the X-Flagsmith-Signature), also in the Flagsmith repository's docs
 * - https://github.com/Flagsmith/flagsmith/blob/main/api/environments/models.py
 *   (Webhook.generate_webhook_feature_state_data: feature, environment, identity,
 *   identity_identifier, feature_segment {segment {id, name, description},
 *   priority}, enabled, feature_state_value)
 * - https://github.com/Flagsmith/flagsmith/blob/main/api/features/tasks.py
 *   (trigger_feature_state_change_webhooks: timestamp and changed_by from the
 *   state's history record, previous_state from the record before it, new_state
 *   null for FLAG_DELETED)
 * - https://github.com/Flagsmith/flagsmith/blob/main/api/webhooks/webhooks.py
 *   (every delivery is {"event_type", "data"}; organisation webhooks also get
 *   AUDIT_LOG_CREATED with the audit log entry the docs show as data)
 */

/** A state of butter_bar in Development, as the docs' sample has it. */
export function butterBarState(
  options: {
    enabled?: boolean;
    value?: unknown;
    environment?: { id: number; name: string };
    segment?: { id: number; name: string };
    identity?: { id: number; identifier: string };
  } = {},
) {
  return {
    enabled: options.enabled ?? true,
    environment: options.environment ?? { id: 23, name: 'Development' },
    feature: {
      created_date: '2021-02-10T20:03:43.348556Z',
      default_enabled: false,
      description: 'Show markdown in a butter bar for certain users',
      id: 7168,
      initial_value: null,
      name: 'butter_bar',
      project: { id: 12, name: 'Flagsmith Website' },
      type: 'CONFIG',
    },
    feature_segment: options.segment
      ? {
          segment: {
            id: options.segment.id,
            name: options.segment.name,
            description: null,
          },
          priority: 0,
        }
      : null,
    feature_state_value:
      options.value ??
      '<strong>\nYou are using the develop environment.\n</strong>',
    identity: options.identity?.id ?? null,
    identity_identifier: options.identity?.identifier ?? null,
  };
}

/** The docs' sample: butter_bar turned on in Development. */
export const turnedOn = {
  data: {
    changed_by: 'Ben Rometsch',
    new_state: butterBarState({ enabled: true }),
    previous_state: butterBarState({ enabled: false }),
    timestamp: '2021-06-18T07:50:26.595298Z',
  },
  event_type: 'FLAG_UPDATED',
};

const production = { id: 24, name: 'Production' };

/** butter_bar turned off in Production. */
export const turnedOff = {
  data: {
    changed_by: 'ben@flagsmith.com',
    new_state: butterBarState({ enabled: false, environment: production }),
    previous_state: butterBarState({ enabled: true, environment: production }),
    timestamp: '2021-06-18T09:12:00.000001Z',
  },
  event_type: 'FLAG_UPDATED',
};

/** butter_bar's value changed in Development, still on: what it serves changed. */
export const valueChanged = {
  data: {
    changed_by: 'Ben Rometsch',
    new_state: butterBarState({ value: '<strong>Develop</strong>' }),
    previous_state: butterBarState(),
    timestamp: '2021-06-18T08:00:00.000000Z',
  },
  event_type: 'FLAG_UPDATED',
};

/** A segment override of butter_bar in Development turned on. */
export const segmentOverride = {
  data: {
    changed_by: 'Ben Rometsch',
    new_state: butterBarState({ segment: { id: 31, name: 'beta-users' } }),
    previous_state: butterBarState({
      enabled: false,
      segment: { id: 31, name: 'beta-users' },
    }),
    timestamp: '2021-06-18T08:30:00.000000Z',
  },
  event_type: 'FLAG_UPDATED',
};

/** An identity override of butter_bar, as an identity's flag is overridden. */
export const identityOverride = {
  data: {
    changed_by: 'Ben Rometsch',
    new_state: butterBarState({
      identity: { id: 4501, identifier: 'ben@flagsmith.com' },
    }),
    timestamp: '2021-06-18T08:45:00.000000Z',
  },
  event_type: 'FLAG_UPDATED',
};

/** The segment override deleted: previous_state only. */
export const segmentOverrideDeleted = {
  data: {
    changed_by: 'Ben Rometsch',
    new_state: null,
    previous_state: butterBarState({ segment: { id: 31, name: 'beta-users' } }),
    timestamp: '2021-06-18T10:00:00.000000Z',
  },
  event_type: 'FLAG_DELETED',
};

/** A new flag in Development, created off: no previous state. */
export const createdOff = {
  data: {
    changed_by: 'Ben Rometsch',
    new_state: butterBarState({ enabled: false }),
    timestamp: '2021-02-10T20:03:43.400000Z',
  },
  event_type: 'FLAG_UPDATED',
};

/** The docs' audit log sample, as an organisation webhook delivers it. */
export const auditLogCreated = {
  data: {
    created_date: '2020-02-23T17:30:57.006318Z',
    log: 'New Flag / Remote Config created: my_feature',
    author: {
      id: 3,
      email: 'user@domain.com',
      first_name: 'Kyle',
      last_name: 'Johnson',
    },
    environment: null,
    project: { id: 6, name: 'Project name', organisation: 1 },
    related_object_id: 6,
    related_object_type: 'FEATURE',
  },
  event_type: 'AUDIT_LOG_CREATED',
};

/** Every example, for the fuzz tests. */
export const examples: unknown[] = [
  turnedOn,
  turnedOff,
  valueChanged,
  segmentOverride,
  identityOverride,
  segmentOverrideDeleted,
  createdOff,
  auditLogCreated,
];
