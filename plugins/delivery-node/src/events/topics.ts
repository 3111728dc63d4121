// The events topics the webhook sources publish on (`/api/events/http/<topic>`):
// named here because the events module serving a topic and the delivery module
// subscribing to it live in different packages.

/** Argo CD notifications. */
export const ARGOCD_TOPIC = 'argocd';
/** Argo Rollouts notifications (served and mapped by the Argo CD source). */
export const ARGO_ROLLOUTS_TOPIC = 'argo-rollouts';
/** Opsgenie alert webhooks. */
export const OPSGENIE_TOPIC = 'opsgenie';
/** PagerDuty v3 webhook subscriptions. */
export const PAGERDUTY_TOPIC = 'pagerduty';
