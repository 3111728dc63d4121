import {
  CacheService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CountSeriesData,
  evaluateObjective,
  ObjectiveReport,
  ObjectivesResponse,
  planEvaluation,
  SeriesRequest,
  SloObjective,
} from '@internal/backstage-plugin-slo-common';
import { SloMetricSource } from '@internal/backstage-plugin-slo-node';
import { createHash } from 'node:crypto';
import { SloConfig } from '../config';
import { LastGoodStore } from '../database/LastGoodStore';
import {
  DefinitionLoader,
  EntityDefinitions,
  hasDefinitions,
} from '../definitions/definitionLoader';
import { withSlothDiscovery } from '../definitions/slothDiscovery';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** Failed evaluations are retried after this long at most. */
export const FAILURE_CACHE_MS = 30_000;

export const NO_SOURCE = { id: 'none', type: 'none' };

export interface SloServiceOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
  definitions: DefinitionLoader;
  sources: SloMetricSource[];
  store: LastGoodStore;
  cache: CacheService;
  logger: LoggerService;
  config: SloConfig;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Evaluates an entity's objectives: definitions from the catalog (and Sloth), counts
 * from its metric source, figures from slo-common's evaluator, the last good report
 * when the source fails. Cached per objective.
 */
export class SloEvaluator {
  private readonly now: () => number;

  constructor(readonly options: SloServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  async evaluateEntity(
    entity: Entity,
    at?: number,
  ): Promise<ObjectivesResponse> {
    const ref = stringifyEntityRef(entity).toLowerCase();
    if (!hasDefinitions(entity)) {
      return {
        entityRef: ref,
        definitionSources: [],
        objectives: [],
        definitionErrors: [],
        metricSourceConfigured: this.options.sources.length > 0,
      };
    }
    const definitions = await this.loadDefinitions(entity);
    const source = this.sourceFor(definitions);
    const now = at ?? this.evaluationTime();
    const objectives = await Promise.all(
      definitions.objectives.map(objective =>
        this.evaluateOne(
          ref,
          objective,
          definitions,
          source,
          now,
          at !== undefined,
        ),
      ),
    );
    return {
      entityRef: ref,
      definitionSources: definitions.definitionSources,
      objectives,
      metricSourceConfigured: !!source,
      definitionErrors: [
        ...definitions.errors,
        ...(definitions.sourceId && !source
          ? [
              {
                document: 0,
                path: 'metadata.annotations["slo.acme-portal.io/source"]',
                message: this.noSourceReason(definitions),
              },
            ]
          : []),
      ],
    };
  }

  private async evaluateOne(
    entityRef: string,
    objective: SloObjective,
    definitions: EntityDefinitions,
    source: SloMetricSource | undefined,
    now: number,
    historical: boolean,
  ): Promise<ObjectiveReport> {
    const { config, cache, store, logger } = this.options;
    const common = {
      objective,
      entityRef,
      now,
      freezeWhenExhausted: config.errorBudgetPolicy.freezeWhenExhausted,
      minAllowedBadEvents: config.lowTrafficMinBadEvents,
    };
    const plan = planEvaluation(objective, now);
    const empty = (range: SeriesRequest): CountSeriesData => ({
      ...range,
      points: [],
      expectedPoints: Math.max(
        0,
        Math.ceil((range.to - range.from) / range.stepMs),
      ),
      queries: [],
    });
    if (!source) {
      const reason = this.noSourceReason(definitions);
      const report = evaluateObjective({
        ...common,
        source: NO_SOURCE,
        window: empty(plan.window),
        queryError: reason,
      });
      return {
        ...report,
        dataQuality: { ...report.dataQuality, reason },
        freshness: {
          lastSuccessAt: null,
          lastError: reason,
          lastErrorAt: null,
          stale: false,
        },
      };
    }
    const sourceInfo = {
      id: source.id,
      type: source.type,
      ...(source.url ? { url: source.url } : {}),
    };
    const key = `report:v2:${source.id}:${entityRef}:${objective.id}:${hash(
      objective,
    )}${historical ? `:at:${now}` : ''}`;
    const cached = (await cache.get(key)) as ObjectiveReport | undefined;
    if (cached) return cached;

    try {
      const [window, recent, history] = await Promise.all([
        this.series(source, objective, plan.window),
        this.series(source, objective, plan.recent),
        this.series(source, objective, plan.history),
      ]);
      const report = evaluateObjective({
        ...common,
        source: sourceInfo,
        window,
        recent,
        history,
      });
      // A definition error (e.g. a selector that matches nothing) is the current
      // answer: shown as such, never replaced by the last good figures, and never kept
      // as last good itself.
      const definitionError = report.dataQuality.status === 'error';
      if (!historical && !definitionError) await store.save(report);
      await cache.set(key, report as any, {
        ttl: definitionError
          ? Math.min(FAILURE_CACHE_MS, config.cacheTtlMs)
          : config.cacheTtlMs,
      });
      return report;
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      logger.warn(
        `SLO ${objective.id} of ${entityRef}: metric source ${source.id} failed: ${message}`,
      );
      const last = historical
        ? undefined
        : await store.get(entityRef, objective.id);
      const report: ObjectiveReport = last
        ? {
            ...last,
            freshness: {
              lastSuccessAt: last.freshness.lastSuccessAt ?? last.evaluatedAt,
              lastError: message,
              lastErrorAt: new Date(now).toISOString(),
              stale: true,
            },
          }
        : evaluateObjective({
            ...common,
            source: sourceInfo,
            window: empty(plan.window),
            queryError: message,
          });
      await cache.set(key, report as any, {
        ttl: Math.min(FAILURE_CACHE_MS, config.cacheTtlMs),
      });
      return report;
    }
  }

  async series(
    source: SloMetricSource,
    objective: SloObjective,
    range: SeriesRequest,
  ): Promise<CountSeriesData> {
    if (range.to <= range.from) {
      // The first minute of a calendar period: nothing to ask yet.
      return { ...range, points: [], expectedPoints: 0, queries: [] };
    }
    const answer = await source.countSeries({ objective, ...range });
    return { ...range, ...answer };
  }

  async loadDefinitions(entity: Entity): Promise<EntityDefinitions> {
    const key = `definitions:v1:${stringifyEntityRef(
      entity,
    ).toLowerCase()}:${hash(entity.metadata.annotations ?? {})}`;
    const cached = (await this.options.cache.get(key)) as
      | EntityDefinitions
      | undefined;
    if (cached) return cached;
    const loaded = await this.options.definitions.load(entity);
    const { definitions, failed } = await withSlothDiscovery(
      entity,
      loaded,
      this.sourceFor(loaded),
    );
    // A source that failed to list Sloth SLOs is asked again on the next read.
    if (!failed) {
      await this.options.cache.set(key, definitions as any, {
        ttl: this.options.config.cacheTtlMs,
      });
    }
    return definitions;
  }

  sourceFor(definitions: EntityDefinitions): SloMetricSource | undefined {
    const { sources, config } = this.options;
    const wanted = definitions.sourceId ?? config.defaultSource;
    if (wanted) return sources.find(source => source.id === wanted);
    return sources[0];
  }

  noSourceReason(definitions: EntityDefinitions): string {
    const wanted = definitions.sourceId ?? this.options.config.defaultSource;
    if (this.options.sources.length === 0) {
      return 'no source configured: add a metric source module (e.g. slo-backend-module-prometheus) and its slo.prometheus config';
    }
    return `no source configured with id "${wanted}" (known: ${this.options.sources
      .map(s => s.id)
      .join(', ')})`;
  }

  /** Now, to the minute: reports evaluated within the same minute agree. */
  evaluationTime(): number {
    return floorTo(this.now(), MINUTE_MS);
  }
}

export function floorTo(ms: number, unit: number): number {
  return Math.floor(ms / unit) * unit;
}

export function hash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value))
    .digest('hex')
    .slice(0, 16);
}
