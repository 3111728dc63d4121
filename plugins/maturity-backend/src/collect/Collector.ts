import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  Initiative,
  Rubric,
} from '@internal/backstage-plugin-maturity-common';
import { ratesComponentType } from '@internal/backstage-plugin-maturity-common';
import type { MaturityFactProvider } from '@internal/backstage-plugin-maturity-node';
import { loadCatalogSnapshot } from '../catalog/catalogSnapshot';
import { MaturityStore } from '../database/MaturityStore';
import { CATALOG_DOMAIN } from '../service/assembleFacts';
import { MaturityService } from '../service/MaturityService';
import { weekOf, weeklySnapshots } from '../service/weekly';

export interface CollectionResult {
  components: number;
  /** Domains whose source could not be asked for some batch this run. */
  failedDomains: string[];
}

/**
 * One collection run: the catalog's components (owner, annotations, links), each
 * provider's facts in batches, stored per component; then the levels of the new run
 * and the week's history snapshots. A provider that fails keeps its last good facts,
 * marked stale since this run.
 */
export class Collector {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      store: MaturityStore;
      service: MaturityService;
      providers: MaturityFactProvider[];
      rubric: Rubric;
      initiatives: Initiative[];
      batchSize: number;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<CollectionResult> {
    const { catalog, auth, logger, store, providers } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const runId = await store.startRun(now);
    const credentials = await auth.getOwnServiceCredentials();
    const snapshot = await loadCatalogSnapshot(catalog, credentials, type =>
      ratesComponentType(this.options.rubric, type),
    );
    const refs = [...snapshot.components.keys()].sort();

    await store.retainComponents(refs);
    await store.saveFacts(
      CATALOG_DOMAIN,
      new Map(refs.map(ref => [ref, snapshot.components.get(ref)!.catalog])),
      now,
    );

    const failedDomains: string[] = [];
    for (const provider of providers) {
      const size = Math.min(
        provider.batchSize ?? this.options.batchSize,
        this.options.batchSize,
      );
      for (let i = 0; i < refs.length; i += size) {
        const batch = refs.slice(i, i + size);
        try {
          const facts = await provider.collect(batch, { credentials, now });
          await store.saveFacts(provider.domain, facts, now);
          // Answered without these: the source has no facts of them now.
          await store.deleteFacts(
            provider.domain,
            batch.filter(ref => !facts.has(ref)),
          );
        } catch (error) {
          if (!failedDomains.includes(provider.domain)) {
            failedDomains.push(provider.domain);
          }
          logger.warn(
            `maturity: could not collect ${provider.domain} facts of ${
              batch.length
            } components; their last good facts are kept, marked stale: ${
              (error as Error).message
            }`,
          );
          await store.markStale(provider.domain, batch, now);
        }
      }
    }
    await store.finishRun(runId, {
      finishedAt: now,
      components: refs.length,
      failedDomains,
    });

    // The new run is a new cache key: this computes and caches its levels.
    const levels = await this.options.service.levels();
    const maturityOf = this.options.service.maturityIn(levels, snapshot);
    await store.saveWeekly(
      weeklySnapshots({
        rubric: this.options.rubric,
        snapshot,
        maturityOf,
        initiatives: this.options.initiatives,
        week: weekOf(now),
      }),
      now,
    );
    logger.info(
      `maturity: collected facts of ${refs.length} components${
        failedDomains.length ? ` (stale: ${failedDomains.join(', ')})` : ''
      }`,
    );
    return { components: refs.length, failedDomains };
  }
}
