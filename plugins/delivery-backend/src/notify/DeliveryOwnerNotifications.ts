import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SourceStatus } from '@internal/backstage-plugin-delivery-common';
import { OwnerNotifier, ownerRefsOf } from '@internal/owner-notify';
import { FedComponent, staleSourceEpisodes } from './staleSourceEpisodes';

/**
 * One run of the delivery owner notifications: the owners of the components a stale
 * source feeds are told once it has been stale for `staleForMs`, and when it is fresh
 * again.
 */
export class DeliveryOwnerNotifications {
  constructor(
    private readonly options: {
      freshness: () => Promise<SourceStatus[]>;
      /** Components by source name (see `feedingComponents`). */
      feeding: (sourceNames: string[]) => Promise<Map<string, string[]>>;
      catalog: CatalogService;
      auth: AuthService;
      notifier: OwnerNotifier;
      staleForMs: number;
      logger: LoggerService;
    },
  ) {}

  async evaluate(now: Date = new Date()): Promise<void> {
    const { freshness, feeding, catalog, auth, notifier, staleForMs } =
      this.options;
    const sources = await freshness();
    const staleNames = [
      ...new Set(sources.filter(s => s.stale).map(s => s.source)),
    ];
    const refsBySource = await feeding(staleNames);
    const refs = [...new Set([...refsBySource.values()].flat())];
    const owners = new Map<string, string[]>();
    if (refs.length > 0) {
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata', 'spec.owner', 'relations'],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      for (const entity of items) {
        if (entity) {
          owners.set(
            stringifyEntityRef(entity).toLowerCase(),
            ownerRefsOf(entity),
          );
        }
      }
    }
    const fed = new Map<string, FedComponent[]>(
      [...refsBySource.entries()].map(([source, entityRefs]) => [
        source,
        entityRefs.map(entityRef => ({
          entityRef,
          owners: owners.get(entityRef.toLowerCase()) ?? [],
        })),
      ]),
    );
    const { episodes, evaluatedSubjects } = staleSourceEpisodes(sources, fed, {
      now,
      staleForMs,
    });
    await notifier.reconcile(episodes, evaluatedSubjects, now);
  }
}
