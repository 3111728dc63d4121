import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES,
  DeliveryEvent,
  productionEnvironmentSet,
} from '@internal/backstage-plugin-delivery-common';
import { Knex } from 'knex';
import { ChangeListQuery, listChanges } from './changeLists';
import { aggregateChanges, countChangeSizes } from './changeReads';
import { earliestEventAt } from './dataStart';
import { ensureFactsMatch } from './doraFacts';
import {
  aggregateDeployments,
  defaultReadTuning,
  FactsScope,
  loadComponentFacts,
  ReadTuning,
} from './doraReads';
import {
  FailureScope,
  loadFailureEvents,
  loadWindowIncidents,
} from './failureReads';
import {
  findIncidents,
  listDeployments,
  listIncidents,
  listUnmatched,
} from './eventLists';
import { reportUnmatched, upsertEvents } from './eventWrites';
import {
  FlagListQuery,
  listFlags,
  loadFlagReleaseFacts,
  loadTimelineFlags,
} from './flagReads';
import { FactSettings } from './factRefresh';
import { loadLatestProductionDeployments } from './latestProduction';
import { migrateToLatest } from './migrations';
import {
  DeliveryReadStore,
  DeliveryWriteStore,
  ListQuery,
  UpsertOutcome,
} from './stores';
import {
  BucketedScope,
  countTimelineDeployments,
  loadTimelineDeployments,
  loadTimelineIncidents,
  TimelineScope,
} from './timelineReads';

/**
 * The delivery event store on knex: both sides of it, each delegating to the module
 * that owns the SQL (eventWrites, eventLists, doraReads, timelineReads, ...).
 */
export class DeliveryStore implements DeliveryReadStore, DeliveryWriteStore {
  /**
   * Migrates the database and brings the DORA facts in line with the configured
   * production environments (rebuilding them when that list changed).
   */
  static async create(
    database: DatabaseService,
    options: {
      productionEnvironments: string[];
      /** Default 10; 0 turns merging of duplicate rollouts off. */
      duplicateRolloutWindowMinutes?: number;
      readTuning?: ReadTuning;
    },
  ): Promise<DeliveryStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await migrateToLatest(knex);
    }
    const duplicateWindowMs =
      (options.duplicateRolloutWindowMinutes ??
        DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES) * 60_000;
    await ensureFactsMatch(
      knex,
      options.productionEnvironments,
      duplicateWindowMs,
    );
    return new DeliveryStore(
      knex,
      options.productionEnvironments,
      options.readTuning,
      duplicateWindowMs,
    );
  }

  private readonly facts: FactSettings;

  constructor(
    private readonly knex: Knex,
    private readonly productionEnvironments: string[],
    private readonly readTuning: ReadTuning = defaultReadTuning,
    duplicateWindowMs: number = DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES *
      60_000,
  ) {
    this.facts = {
      production: productionEnvironmentSet(productionEnvironments),
      duplicateWindowMs,
    };
  }

  upsert(events: DeliveryEvent[]): Promise<UpsertOutcome[]> {
    return upsertEvents(this.knex, events, this.facts);
  }

  reportUnmatched(event: { source: string; key: string; reason: string }) {
    return reportUnmatched(this.knex, event);
  }

  aggregateDeployments(scope: FactsScope) {
    return aggregateDeployments(this.knex, scope, this.readTuning);
  }

  aggregateChanges(scope: FactsScope) {
    return aggregateChanges(this.knex, scope, this.readTuning);
  }

  countChangeSizes(scope: Omit<FactsScope, 'weekStart'>) {
    return countChangeSizes(this.knex, scope);
  }

  listChanges(query: ChangeListQuery) {
    return listChanges(this.knex, query);
  }

  loadComponentFacts(scope: Omit<FactsScope, 'weekStart'>, limit: number) {
    return loadComponentFacts(this.knex, scope, limit);
  }

  loadFailureEvents(scope: FailureScope) {
    return loadFailureEvents(this.knex, scope);
  }

  loadWindowIncidents(scope: FactsScope) {
    return loadWindowIncidents(this.knex, scope);
  }

  listDeployments(query: ListQuery) {
    return listDeployments(this.knex, query);
  }

  listIncidents(query: ListQuery) {
    return listIncidents(this.knex, query);
  }

  listFlags(query: FlagListQuery) {
    return listFlags(this.knex, query);
  }

  loadFlagReleaseFacts(scope: FactsScope) {
    return loadFlagReleaseFacts(this.knex, {
      ...scope,
      productionEnvironments: this.productionEnvironments,
    });
  }

  findIncidents(query: { entityRefs: string[]; id: string }) {
    return findIncidents(this.knex, query);
  }

  listUnmatched() {
    return listUnmatched(this.knex);
  }

  countTimelineDeployments(scope: BucketedScope) {
    return countTimelineDeployments(this.knex, scope);
  }

  loadTimelineDeployments(
    scope: TimelineScope & { environments: string[]; limit: number },
  ) {
    return loadTimelineDeployments(this.knex, scope);
  }

  loadTimelineIncidents(scope: TimelineScope & { limit: number }) {
    return loadTimelineIncidents(this.knex, scope);
  }

  loadTimelineFlags(scope: TimelineScope & { limit: number }) {
    return loadTimelineFlags(this.knex, scope);
  }

  earliestEventAt(entityRefs: string[]) {
    return earliestEventAt(this.knex, entityRefs);
  }

  latestProductionDeployments(entityRefs: string[]) {
    return loadLatestProductionDeployments(this.knex, {
      entityRefs,
      productionEnvironments: this.productionEnvironments,
    });
  }
}
