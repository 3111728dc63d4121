import { LoggerService } from '@backstage/backend-plugin-api';
import { PolicySnapshot } from '@internal/backstage-plugin-deploy-gate-common';
import { LastGoodPolicyStore } from '../database/LastGoodPolicyStore';
import { LivePolicy } from './SloPolicyClient';

/**
 * The policy the gate decides on: the SLO backend's current answer when it has figures
 * (stored as the last good), else the last good one marked stale. Undefined when there
 * are no figures at all. Never throws because the SLO backend is down.
 */
export class PolicySource {
  constructor(
    private readonly options: {
      live: { fetch(entityRef: string): Promise<LivePolicy> };
      store: LastGoodPolicyStore;
      logger: LoggerService;
    },
  ) {}

  async current(entityRef: string): Promise<PolicySnapshot | undefined> {
    const { live, store, logger } = this.options;
    let answer: LivePolicy | undefined;
    try {
      answer = await live.fetch(entityRef);
    } catch (error) {
      logger.warn(
        `SLO policy of ${entityRef} unavailable, answering from the last good one: ${error}`,
      );
    }
    if (answer && answer.snapshot.objectivesWithFigures > 0) {
      await store
        .save(entityRef, answer.snapshot)
        .catch(error =>
          logger.warn(`Could not store the policy of ${entityRef}: ${error}`),
        );
      return answer.snapshot;
    }
    // A component without objectives has no figures, now or before.
    if (answer && answer.objectives === 0) return answer.snapshot;
    const lastGood = await store.get(entityRef);
    if (lastGood) return { ...lastGood, stale: true };
    return answer?.snapshot;
  }
}
