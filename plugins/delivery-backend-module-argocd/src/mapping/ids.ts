import { EVENT_LIMITS } from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';

export const SOURCE_ID = 'argocd';

/** The normalised schema caps ids at 200 characters. */
const MAX_ID = EVENT_LIMITS.id;

/** An instant as Argo CD writes it, second precision in UTC: `2024-05-14T09:12:03Z`. */
export function utcSecond(iso: string): string {
  return DateTime.fromISO(iso, { setZone: true })
    .toUTC()
    .startOf('second')
    .toISO({ suppressMilliseconds: true })!;
}

/**
 * The id of one sync operation: `<instance>/<app namespace>/<app name>/<operation
 * start>`. The start identifies the operation: Argo CD copies it into the history
 * entry a successful sync leaves (`deployStartedAt`), and the webhook template sends
 * it (`operationState.startedAt`), so a sync is one event from its start to its end,
 * by webhook or by pull. A failed sync and the retry that succeeds are two
 * operations, hence two events. Ids longer than the schema allows keep the instance
 * and time and replace the application by a hash.
 */
export function deploymentId(
  instance: string,
  namespace: string,
  name: string,
  startedAt: string,
): string {
  const at = utcSecond(startedAt);
  const id = `${instance}/${namespace}/${name}/${at}`;
  if (id.length <= MAX_ID) return id;
  const digest = createHash('sha256')
    .update(`${namespace}/${name}`)
    .digest('hex')
    .slice(0, 16);
  return `${instance.slice(
    0,
    MAX_ID - at.length - digest.length - 2,
  )}/${digest}/${at}`;
}

/** How the unmatched list and logs name an application: `<instance>/<namespace>/<name>`. */
export function applicationKey(
  instance: string,
  namespace: string,
  name: string,
): string {
  return `${instance}/${namespace}/${name}`;
}
