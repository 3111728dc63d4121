import { Entity } from '@backstage/catalog-model';
import { StoredDecision } from '@internal/backstage-plugin-deploy-gate-common';
import { OwnerNotifier, ownerRefsOf } from '@internal/owner-notify';
import { decisionEpisode } from './decisionEpisode';

/** `GateService`'s `onDecision`: tells the owners about denials and overrides, once each. */
export function notifyDecisions(notifier: OwnerNotifier) {
  return async (decision: StoredDecision, entity: Entity): Promise<void> => {
    const episode = decisionEpisode(decision, ownerRefsOf(entity));
    if (episode) await notifier.notifyOnce(episode);
  };
}
