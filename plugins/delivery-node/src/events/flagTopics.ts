// The events topics the feature-flag sources publish on (`/api/events/http/<topic>`),
// shared by each tool's events module (the check) and delivery module (the mapping).

/** LaunchDarkly webhooks (signed audit log entries). */
export const LAUNCHDARKLY_TOPIC = 'launchdarkly';
/** Unleash's Webhook integration (events, checked by their Authorization header). */
export const UNLEASH_TOPIC = 'unleash';
/** Flagsmith environment webhooks (signed flag state changes). */
export const FLAGSMITH_TOPIC = 'flagsmith';
