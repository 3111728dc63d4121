import { authorizeOrThrow } from '@internal/entity-scope';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  ComponentSloFactsResponse,
  ComponentSloStatus,
  BurnInterval,
  DeploymentImpactResponse,
  exportOpenSlo,
  IntervalBurnResponse,
  ObjectiveReport,
  ObjectivesResponse,
  PolicyResponse,
  SloState,
  StatusResponse,
} from '@internal/backstage-plugin-slo-common';
import { SloRuleGroup } from '@internal/backstage-plugin-slo-node';
import { objectiveFactsOf } from './componentFacts';
import { measureDeploymentImpact } from './deploymentImpact';
import { measureIntervalBurn } from './intervalBurn';
import { DeploymentRef } from './requests';
import {
  getEntityOrThrow,
  normaliseEntityRef,
  resolveComponents,
} from './entityScope';
import {
  FAILURE_CACHE_MS,
  hash,
  NO_SOURCE,
  SloEvaluator,
  SloServiceOptions,
} from './SloEvaluator';

export { NO_SOURCE } from './SloEvaluator';
export type { SloServiceOptions } from './SloEvaluator';

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

const known = (values: Array<number | null>): number[] =>
  values.filter((v): v is number => v !== null);

/** The worst of `states`; `unknown` when there are none. */
const worstOrUnknown = (states: SloState[]): SloState =>
  states.length > 0 ? worstState(states) : 'unknown';

/** A component's worst figures over its objectives. */
function componentStatusOf(
  entityRef: string,
  summary: EntitySummary,
): ComponentSloStatus {
  const objectives = summary.objectives;
  const remaining = known(objectives.map(o => o.budget.remaining));
  const burnRates = known(objectives.map(o => o.budget.currentBurnRate));
  return {
    entityRef,
    state: worstOrUnknown(objectives.map(o => o.state)),
    objectives: objectives.length,
    worstBudgetRemaining: remaining.length > 0 ? Math.min(...remaining) : null,
    fastestBurnRate: burnRates.length > 0 ? Math.max(...burnRates) : null,
    frozen: objectives.some(o => o.frozen),
    stale: objectives.some(o => o.stale),
  };
}

/**
 * The read side of the SLO plugin, one method per route: reports of an entity
 * (`SloEvaluator`), roll-ups and the error budget policy over the components an
 * entity covers, deployment impact (`measureDeploymentImpact`), rules and export.
 */
export class SloService {
  private readonly evaluator: SloEvaluator;

  constructor(private readonly options: SloServiceOptions) {
    this.evaluator = new SloEvaluator(options);
  }

  async authorize(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<void> {
    await authorizeOrThrow(this.options.permissions, permission, credentials);
  }

  /** `GET /objectives` */
  async objectives(
    entityRef: string,
    credentials: BackstageCredentials,
    at?: number,
  ): Promise<ObjectivesResponse> {
    const { entity } = await this.entity(entityRef, credentials);
    return this.evaluator.evaluateEntity(entity, at);
  }

  /** An entity's objective reports, evaluated as the service itself (owner notifications). */
  async reportsOf(entity: Entity): Promise<ObjectiveReport[]> {
    return (await this.evaluator.evaluateEntity(entity)).objectives;
  }

  /** `GET /status`: one line per component covered, worst state on top. */
  async status(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StatusResponse> {
    const { ref, reports } = await this.coveredReports(entityRef, credentials);
    const components = reports.map(({ entityRef: componentRef, response }) =>
      componentStatusOf(componentRef, response),
    );
    const withObjectives = components.filter(c => c.objectives > 0);
    return {
      entityRef: ref,
      state: worstOrUnknown(withObjectives.map(c => c.state)),
      frozen: components.some(c => c.frozen),
      stale: components.some(c => c.stale),
      components,
    };
  }

  /**
   * `POST /catalog-health`: each component's status, null for refs that are not
   * components or not visible to the caller. One catalog read for all the rows.
   */
  async componentStatuses(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Record<string, ComponentSloStatus | null>> {
    const { items: entities } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs },
      { credentials },
    );
    const statuses: Record<string, ComponentSloStatus | null> = {};
    for (let i = 0; i < entityRefs.length; i += ROLL_UP_CONCURRENCY) {
      const batch = entityRefs.slice(i, i + ROLL_UP_CONCURRENCY);
      await Promise.all(
        batch.map(async (ref, j) => {
          const entity = entities[i + j];
          statuses[ref] =
            entity && entity.kind.toLowerCase() === 'component'
              ? componentStatusOf(
                  stringifyEntityRef(entity).toLowerCase(),
                  await this.summarize(entity),
                )
              : null;
        }),
      );
    }
    return statuses;
  }

  /**
   * `POST /component-facts`: each component's objectives as facts (metric source,
   * generated alerting rules, complete periods met, newest first); null for refs that
   * are not components or not visible to the caller. One catalog read for all the rows.
   */
  async componentFacts(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<ComponentSloFactsResponse['items']> {
    const { items: entities } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs },
      { credentials },
    );
    const items: ComponentSloFactsResponse['items'] = {};
    for (let i = 0; i < entityRefs.length; i += ROLL_UP_CONCURRENCY) {
      const batch = entityRefs.slice(i, i + ROLL_UP_CONCURRENCY);
      await Promise.all(
        batch.map(async (ref, j) => {
          const entity = entities[i + j];
          if (!entity || entity.kind.toLowerCase() !== 'component') {
            items[ref] = null;
            return;
          }
          const { objectives } = await this.evaluator.evaluateEntity(entity);
          items[ref] = {
            objectives: objectives.map(objectiveFactsOf(this.options.sources)),
          };
        }),
      );
    }
    return items;
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

  /** `GET /deployment-impact`: see `measureDeploymentImpact`. */
  async deploymentImpact(
    entityRef: string,
    deployments: DeploymentRef[],
    hoursOption: number | undefined,
    credentials: BackstageCredentials,
  ): Promise<DeploymentImpactResponse> {
    const { ref, entity } = await this.entity(entityRef, credentials);
    return measureDeploymentImpact(
      this.evaluator,
      entity,
      ref,
      deployments,
      hoursOption ??
        this.options.config.errorBudgetPolicy.deploymentImpactHours,
    );
  }

  /** `POST /interval-burn`: see `measureIntervalBurn`. */
  async intervalBurn(
    entityRef: string,
    intervals: BurnInterval[],
    credentials: BackstageCredentials,
  ): Promise<IntervalBurnResponse> {
    const { ref, entity } = await this.entity(entityRef, credentials);
    return measureIntervalBurn(this.evaluator, entity, ref, intervals);
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
    const { ref, entity } = await this.entity(entityRef, credentials);
    const definitions = await this.evaluator.loadDefinitions(entity);
    const source = this.evaluator.sourceFor(definitions);
    if (!source) {
      return {
        entityRef: ref,
        source: NO_SOURCE,
        groups: [],
        warnings: [this.evaluator.noSourceReason(definitions)],
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
    const { entity } = await this.entity(entityRef, credentials);
    const definitions = await this.evaluator.loadDefinitions(entity);
    return exportOpenSlo(definitions.objectives);
  }

  /** The catalog entity `entityRef` names, as `credentials` may see it. */
  private async entity(entityRef: string, credentials: BackstageCredentials) {
    const ref = normaliseEntityRef(entityRef);
    const entity = await getEntityOrThrow(
      ref,
      this.options.catalog,
      credentials,
    );
    return { ref, entity };
  }

  private async coveredReports(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const { ref, entity } = await this.entity(entityRef, credentials);
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
    const response = await this.evaluator.evaluateEntity(entity);
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
