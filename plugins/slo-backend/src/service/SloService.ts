import {
  BackstageCredentials,
  CacheService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  ComponentSloStatus,
  CountSeriesData,
  DeploymentImpact,
  deploymentImpactOf,
  DeploymentImpactResponse,
  evaluateObjective,
  exportOpenSlo,
  objectiveImpact,
  ObjectiveReport,
  ObjectivesResponse,
  planEvaluation,
  PolicyResponse,
  SeriesRequest,
  SloObjective,
  SloState,
  StatusResponse,
  windowBounds,
} from '@internal/backstage-plugin-slo-common';
import {
  SloMetricSource,
  SloRuleGroup,
} from '@internal/backstage-plugin-slo-node';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { SloConfig } from '../config';
import { LastGoodStore } from '../database/LastGoodStore';
import {
  DefinitionLoader,
  EntityDefinitions,
  hasDefinitions,
} from '../definitions/definitionLoader';
import { withSlothDiscovery } from '../definitions/slothDiscovery';
import { DeploymentRef } from './requests';
import {
  getEntityOrThrow,
  normaliseEntityRef,
  resolveComponents,
} from './entityScope';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Failed evaluations are retried after this long at most. */
const FAILURE_CACHE_MS = 30_000;
/** Components evaluated at once for a roll-up. */
const ROLL_UP_CONCURRENCY = 4;

/** Worst first: the roll-up takes the first state any component has. */
const STATE_ORDER: SloState[] = [
  'exhausted',
  'critical',
  'warning',
  'unknown',
  'ok',
];

export function worstState(states: SloState[]): SloState {
  return (
    STATE_ORDER.find(state => states.includes(state)) ?? ('unknown' as const)
  );
}

export const NO_SOURCE = { id: 'none', type: 'none' };

/** The part of an entity's reports that roll-ups and the policy read. */
interface EntitySummary {
  objectives: Array<
    Pick<ObjectiveReport, 'id' | 'entityRef' | 'state' | 'frozen'> & {
      exhaustedSince: string | null;
      budget: { remaining: number | null; currentBurnRate: number | null };
      /** The figures are the last good ones (freshness.stale). */
      stale: boolean;
    }
  >;
}

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
 * The read side of the SLO plugin: definitions from the catalog, counts from the
 * metric source, figures from slo-common's evaluator, the last good report when the
 * source fails.
 */
export class SloService {
  private readonly now: () => number;

  constructor(private readonly options: SloServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  async authorize(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /** `GET /objectives` */
  async objectives(
    entityRef: string,
    credentials: BackstageCredentials,
    at?: number,
  ): Promise<ObjectivesResponse> {
    const ref = normaliseEntityRef(entityRef);
    const entity = await getEntityOrThrow(
      ref,
      this.options.catalog,
      credentials,
    );
    return this.evaluateEntity(entity, at);
  }

  /** `GET /status`: one line per component covered, worst state on top. */
  async status(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StatusResponse> {
    const { ref, reports } = await this.coveredReports(entityRef, credentials);
    const components: ComponentSloStatus[] = reports.map(
      ({ entityRef: componentRef, response }) => {
        const objectives = response.objectives;
        const remaining = objectives
          .map(o => o.budget.remaining)
          .filter((r): r is number => r !== null);
        const burnRates = objectives
          .map(o => o.budget.currentBurnRate)
          .filter((r): r is number => r !== null);
        return {
          entityRef: componentRef,
          state:
            objectives.length > 0
              ? worstState(objectives.map(o => o.state))
              : 'unknown',
          objectives: objectives.length,
          worstBudgetRemaining:
            remaining.length > 0 ? Math.min(...remaining) : null,
          fastestBurnRate: burnRates.length > 0 ? Math.max(...burnRates) : null,
          frozen: objectives.some(o => o.frozen),
          stale: objectives.some(o => o.stale),
        };
      },
    );
    const withObjectives = components.filter(c => c.objectives > 0);
    return {
      entityRef: ref,
      state:
        withObjectives.length > 0
          ? worstState(withObjectives.map(c => c.state))
          : 'unknown',
      frozen: components.some(c => c.frozen),
      stale: components.some(c => c.stale),
      components,
    };
  }

  /** `GET /policy`: frozen when any covered objective has exhausted its budget. */
  async policy(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<PolicyResponse> {
    const { ref, reports } = await this.coveredReports(entityRef, credentials);
    const all = reports.flatMap(r => r.response.objectives);
    const exhausted = all.filter(o => o.state === 'exhausted');
    const frozen = all.some(o => o.frozen);
    const since = exhausted
      .map(o => o.exhaustedSince)
      .filter((s): s is string => !!s)
      .sort();
    const names = exhausted.map(o => `${o.entityRef}: ${o.id}`);
    return {
      entityRef: ref,
      frozen,
      exhaustedObjectives: names,
      frozenSince: frozen ? since[0] ?? null : null,
      reason: policyReason(
        names,
        all.length,
        this.options.config.errorBudgetPolicy.freezeWhenExhausted,
      ),
      objectives: all.map(o => ({
        entityRef: o.entityRef,
        id: o.id,
        state: o.state,
      })),
    };
  }

  /**
   * `GET /deployment-impact`: budget consumed in the hours after each deployment
   * against the same span before it, and whether the budget was exhausted when it
   * finished (the window ending at the deployment, to the hour).
   */
  async deploymentImpact(
    entityRef: string,
    deployments: DeploymentRef[],
    hoursOption: number | undefined,
    credentials: BackstageCredentials,
  ): Promise<DeploymentImpactResponse> {
    const ref = normaliseEntityRef(entityRef);
    const entity = await getEntityOrThrow(
      ref,
      this.options.catalog,
      credentials,
    );
    const hours =
      hoursOption ??
      this.options.config.errorBudgetPolicy.deploymentImpactHours;
    const cacheKey = `impact:v2:${ref}:${hours}:${deployments
      .map(d => `${d.id}@${d.finishedAt}`)
      .join(',')}`;
    const cached = (await this.options.cache.get(cacheKey)) as
      | DeploymentImpactResponse
      | undefined;
    if (cached) return cached;

    const definitions = await this.loadDefinitions(entity);
    const source = this.sourceFor(definitions);
    const now = this.evaluationTime();
    const spanMs = hours * HOUR_MS;
    const perObjective: Array<{
      objective: SloObjective;
      around: Map<string, CountSeriesData>;
      history?: CountSeriesData;
    }> = [];
    if (source && deployments.length > 0) {
      try {
        for (const objective of definitions.objectives) {
          const around = new Map<string, CountSeriesData>();
          await Promise.all(
            deployments.map(async deployment => {
              const at = floorTo(deployment.finishedAt, 5 * MINUTE_MS);
              const from = at - spanMs;
              const to = Math.min(at + spanMs, now);
              if (to <= from) return;
              around.set(
                deployment.id,
                await this.series(source, objective, {
                  from,
                  to,
                  stepMs: 5 * MINUTE_MS,
                }),
              );
            }),
          );
          // One hourly series covering every deployment's window, for the frozen check.
          const starts = deployments.map(d =>
            windowBounds(
              objective.window,
              DateTime.fromMillis(d.finishedAt),
            ).start.toMillis(),
          );
          const historyFrom = floorTo(Math.min(...starts), HOUR_MS);
          const historyTo = Math.min(
            now,
            floorTo(Math.max(...deployments.map(d => d.finishedAt)), HOUR_MS) +
              HOUR_MS,
          );
          const history =
            historyTo > historyFrom
              ? await this.series(source, objective, {
                  from: historyFrom,
                  to: historyTo,
                  stepMs: HOUR_MS,
                })
              : undefined;
          perObjective.push({ objective, around, history });
        }
      } catch (error) {
        throw new ServiceUnavailableError(
          `metric source ${source.id} failed: ${(error as Error).message}`,
        );
      }
    }

    const { config } = this.options;
    const impacts: DeploymentImpact[] = deployments.map(deployment => {
      const at = floorTo(deployment.finishedAt, 5 * MINUTE_MS);
      return deploymentImpactOf({
        deploymentId: deployment.id,
        finishedAt: deployment.finishedAt,
        at,
        hours,
        now,
        freezeWhenExhausted: config.errorBudgetPolicy.freezeWhenExhausted,
        objectives: perObjective.map(({ objective, around, history }) =>
          objectiveImpact({
            objective,
            at,
            finishedAt: deployment.finishedAt,
            spanMs,
            now,
            around: around.get(deployment.id)?.points,
            history: history?.points,
            minAllowedBadEvents: config.lowTrafficMinBadEvents,
          }),
        ),
      });
    });
    const response: DeploymentImpactResponse = { entityRef: ref, impacts };
    await this.options.cache.set(cacheKey, response as any, {
      ttl: this.options.config.cacheTtlMs,
    });
    return response;
  }

  /** `GET /rules`: the metric source's recording and alerting rules. */
  async rules(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{
    entityRef: string;
    source: { id: string; type: string };
    groups: SloRuleGroup[];
    warnings: string[];
  }> {
    const ref = normaliseEntityRef(entityRef);
    const entity = await getEntityOrThrow(
      ref,
      this.options.catalog,
      credentials,
    );
    const definitions = await this.loadDefinitions(entity);
    const source = this.sourceFor(definitions);
    if (!source) {
      return {
        entityRef: ref,
        source: NO_SOURCE,
        groups: [],
        warnings: [this.noSourceReason(definitions)],
      };
    }
    if (!source.rules) {
      return {
        entityRef: ref,
        source: { id: source.id, type: source.type },
        groups: [],
        warnings: [`metric source ${source.id} does not generate rules`],
      };
    }
    return {
      entityRef: ref,
      source: { id: source.id, type: source.type },
      groups: source.rules(definitions.objectives, { entityRef: ref }),
      warnings: [],
    };
  }

  /** `GET /openslo`: the entity's objectives as OpenSLO v1 YAML. */
  async openslo(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const ref = normaliseEntityRef(entityRef);
    const entity = await getEntityOrThrow(
      ref,
      this.options.catalog,
      credentials,
    );
    const definitions = await this.loadDefinitions(entity);
    return exportOpenSlo(definitions.objectives);
  }

  private async coveredReports(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const ref = normaliseEntityRef(entityRef);
    const entity = await getEntityOrThrow(
      ref,
      this.options.catalog,
      credentials,
    );
    const components = await resolveComponents(
      entity,
      this.options.catalog,
      credentials,
    );
    const reports: Array<{ entityRef: string; response: EntitySummary }> = [];
    for (let i = 0; i < components.length; i += ROLL_UP_CONCURRENCY) {
      const batch = components.slice(i, i + ROLL_UP_CONCURRENCY);
      reports.push(
        ...(await Promise.all(
          batch.map(async component => ({
            entityRef: stringifyEntityRef(component).toLowerCase(),
            response: await this.summarize(component),
          })),
        )),
      );
    }
    return { ref, reports };
  }

  /**
   * What roll-ups need of an entity's reports, cached on its own: a full report
   * carries its burndown and series (~100 kB), too much to read back 1,000 times.
   */
  private async summarize(entity: Entity): Promise<EntitySummary> {
    const ref = stringifyEntityRef(entity).toLowerCase();
    const key = `summary:v3:${ref}:${hash(entity.metadata.annotations ?? {})}`;
    const cached = (await this.options.cache.get(key)) as
      | EntitySummary
      | undefined;
    if (cached) return cached;
    const response = await this.evaluateEntity(entity);
    const summary: EntitySummary = {
      objectives: response.objectives.map(o => ({
        id: o.id,
        entityRef: o.entityRef,
        state: o.state,
        frozen: o.frozen,
        exhaustedSince: o.exhaustedSince ?? null,
        budget: {
          remaining: o.budget.remaining,
          currentBurnRate: o.budget.currentBurnRate,
        },
        stale: o.freshness.stale,
      })),
    };
    const degraded = response.objectives.some(
      o => o.freshness.stale || o.dataQuality.status === 'error',
    );
    await this.options.cache.set(key, summary as any, {
      ttl: degraded
        ? Math.min(FAILURE_CACHE_MS, this.options.config.cacheTtlMs)
        : this.options.config.cacheTtlMs,
    });
    return summary;
  }

  private async evaluateEntity(
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

  private async series(
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

  private async loadDefinitions(entity: Entity): Promise<EntityDefinitions> {
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

  private sourceFor(
    definitions: EntityDefinitions,
  ): SloMetricSource | undefined {
    const { sources, config } = this.options;
    const wanted = definitions.sourceId ?? config.defaultSource;
    if (wanted) return sources.find(source => source.id === wanted);
    return sources[0];
  }

  private noSourceReason(definitions: EntityDefinitions): string {
    const wanted = definitions.sourceId ?? this.options.config.defaultSource;
    if (this.options.sources.length === 0) {
      return 'no source configured: add a metric source module (e.g. slo-backend-module-prometheus) and its slo.prometheus config';
    }
    return `no source configured with id "${wanted}" (known: ${this.options.sources
      .map(s => s.id)
      .join(', ')})`;
  }

  /** Now, to the minute: reports evaluated within the same minute agree. */
  private evaluationTime(): number {
    return floorTo(this.now(), MINUTE_MS);
  }
}

function policyReason(
  exhausted: string[],
  evaluated: number,
  freezeWhenExhausted: boolean,
): string {
  if (exhausted.length > 0) {
    return freezeWhenExhausted
      ? `error budget exhausted: ${exhausted.join(', ')}`
      : `error budget exhausted (${exhausted.join(
          ', ',
        )}), but the policy does not freeze deploys (slo.errorBudgetPolicy.freezeWhenExhausted is false)`;
  }
  return `no objective has exhausted its error budget (${evaluated} evaluated)`;
}

function floorTo(ms: number, unit: number): number {
  return Math.floor(ms / unit) * unit;
}

function hash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value))
    .digest('hex')
    .slice(0, 16);
}
