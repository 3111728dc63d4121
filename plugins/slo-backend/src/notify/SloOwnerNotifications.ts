import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  SLO_POLICY_SIGNAL_CHANNEL,
  SloPolicySignal,
} from '@internal/backstage-plugin-slo-common';
import { OwnerNotifier, ownerRefsOf } from '@internal/owner-notify';
import { ComponentEvaluation, sloEpisodes, SLO_TOPICS } from './sloEpisodes';

/** Components evaluated at once. */
const CONCURRENCY = 4;

/**
 * One run of the SLO owner notifications: evaluates every component with objectives,
 * tells the owners about burn-rate tiers and frozen budgets that started or ended, and
 * signals open SLO pages when a freeze starts or ends.
 */
export class SloOwnerNotifications {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      /** The objective reports of a component (the SLO service's evaluation). */
      reportsOf: (entity: Entity) => Promise<ComponentEvaluation['objectives']>;
      notifier: OwnerNotifier;
      signals?: SignalsService;
      logger: LoggerService;
    },
  ) {}

  async evaluate(now: Date = new Date()): Promise<void> {
    const { catalog, auth, reportsOf, notifier, signals, logger } =
      this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'component' },
        fields: ['kind', 'metadata', 'spec.owner', 'relations'],
      },
      { credentials },
    );
    const evaluations: ComponentEvaluation[] = [];
    for (let i = 0; i < items.length; i += CONCURRENCY) {
      const batch = await Promise.all(
        items.slice(i, i + CONCURRENCY).map(async entity => {
          const entityRef = stringifyEntityRef(entity).toLowerCase();
          try {
            const objectives = await reportsOf(entity);
            return { entityRef, owners: ownerRefsOf(entity), objectives };
          } catch (error) {
            // Not evaluated: its open episodes stay open.
            logger.warn(
              `SLO notifications: could not evaluate ${entityRef}: ${
                (error as Error).message
              }`,
            );
            return undefined;
          }
        }),
      );
      evaluations.push(...batch.filter((e): e is ComponentEvaluation => !!e));
    }
    const { episodes, evaluatedSubjects } = sloEpisodes(
      evaluations.filter(e => e.objectives.length > 0),
    );
    const { started, ended } = await notifier.reconcile(
      episodes,
      evaluatedSubjects,
      now,
    );
    if (!signals) return;
    const freezes = [
      ...started.map(e => ({ episode: e, frozen: true })),
      ...ended.map(e => ({ episode: e, frozen: false })),
    ].filter(({ episode }) => episode.topic === SLO_TOPICS.freeze);
    for (const { episode, frozen } of freezes) {
      await signals.publish<SloPolicySignal>({
        recipients: { type: 'broadcast' },
        channel: SLO_POLICY_SIGNAL_CHANNEL,
        message: { entityRef: episode.entityRef, frozen },
      });
    }
  }
}
