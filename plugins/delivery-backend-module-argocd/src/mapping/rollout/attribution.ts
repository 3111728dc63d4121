import { toMillis } from '@internal/backstage-plugin-delivery-common';
import { ArgoRollout } from '@internal/backstage-plugin-delivery-node';
import { RolloutFacts } from './facts';

/** Argo CD's resource tracking annotation (the default tracking method since 3.0). */
export const TRACKING_ID_ANNOTATION = 'argocd.argoproj.io/tracking-id';
/** Argo CD's default instance label (label tracking, the default before 3.0). */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';

/** The Argo CD application a resource says it belongs to. */
export interface ApplicationRef {
  name: string;
  /** Set for an application outside Argo CD's own namespace (apps in any namespace). */
  namespace?: string;
}

/**
 * Argo CD's application instance name, `<name>`, or `<namespace>_<name>` for an
 * application outside the control plane's namespace (`_` is not allowed in names).
 */
function instanceName(value: string): ApplicationRef | undefined {
  const [first, second, ...rest] = value.split('_');
  if (rest.length > 0 || !first) return undefined;
  if (second === undefined) return { name: first };
  return second ? { namespace: first, name: second } : undefined;
}

/**
 * The application that tracks a Rollout: the tracking annotation
 * (`<app>:<group>/<kind>:<namespace>/<name>`), else the instance label (which Argo CD
 * cuts at 63 characters). Undefined when neither is there: a Rollout Argo CD does
 * not manage.
 */
export function applicationOf(
  metadata: ArgoRollout['metadata'],
): ApplicationRef | undefined {
  const tracking = metadata.annotations?.[TRACKING_ID_ANNOTATION];
  if (tracking) {
    const app = tracking.split(':')[0];
    return app ? instanceName(app) : undefined;
  }
  const label = metadata.labels?.[INSTANCE_LABEL];
  return label ? instanceName(label) : undefined;
}

/**
 * The sync a revision of a Rollout belongs to: the application's newest sync that
 * started at or before the revision began rolling out (Argo CD applied the Rollout
 * in it), or, when that moment is not known, before `seenAt`. Undefined when no
 * sync the application still tells of started before (its history is short).
 */
export function syncOfRevision(
  syncs: { id: string; startedAt: string }[],
  facts: RolloutFacts,
  seenAt: string,
): string | undefined {
  const first = facts.attempts[0];
  const began =
    first.startedAt ?? first.stepStartedAt['0'] ?? first.pausedAt ?? seenAt;
  const limit = toMillis(began);
  let best: { id: string; at: number } | undefined;
  for (const sync of syncs) {
    const at = toMillis(sync.startedAt);
    if (at <= limit && (!best || at > best.at)) best = { id: sync.id, at };
  }
  return best?.id;
}
