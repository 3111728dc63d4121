import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BandPreset,
  combineWindowSummary,
  defaultBandPreset,
  DeploymentAggregate,
  deliveryDoraReadPermission,
  deriveFacts,
  DoraFacts,
  DoraFigures,
  DoraIncident,
  figuresFromSummary,
  parseWindow,
  utcIso,
} from '@internal/backstage-plugin-delivery-common';
import type {
  ScorecardsRequest,
  ServiceScorecard as ServiceScorecardRow,
  TeamScorecard as ScorecardRow,
} from '@internal/backstage-plugin-delivery-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DeliveryStore } from '../database/DeliveryStore';
import { DeliveryService, DoraSettings } from './DeliveryService';
import { checkWindow, parse, windowFields } from './requests';
import {
  figureChanges,
  pooledAggregate,
  previousPeriod,
} from './scorecardFigures';

/**
 * Scorecards: every team's DORA figures in one request (the organisation page), the
 * services of one team (its scorecard tab), and an entity's figures against the
 * previous period (the DORA card). Composes the store's reads: one deployment
 * aggregate per team or service (bounded concurrency), failure and incident events
 * loaded once for all of them and split in memory.
 */

/** Store reads running at once; the PostgreSQL pool and the 2 cores are shared. */
const READ_CONCURRENCY = 4;
/** Up to this many changes in the window, teams are pooled in memory (~50 MB at most). */
const POOLED_CHANGES_LIMIT = 500_000;

// The rows and query are the wire types of GET /scorecards.
export type { ScorecardRow, ScorecardsRequest, ServiceScorecardRow };

interface CatalogIndex {
  groups: Map<string, { title: string; type?: string; parent?: string }>;
  children: Map<string, string[]>;
  components: Map<string, { title: string; owner?: string; system?: string }>;
  /** Components by the group that owns them directly. */
  ownedBy: Map<string, string[]>;
  systems: Map<string, string>;
}

const refOf = (entity: Entity) => stringifyEntityRef(entity).toLowerCase();
const titleOf = (entity: Entity) =>
  entity.metadata.title ??
  ((entity.spec?.profile as { displayName?: string } | undefined)
    ?.displayName as string | undefined) ??
  entity.metadata.name;
const relationTargets = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLowerCase());

/** Runs `work` over `items`, at most `limit` at a time, keeping the order. */
export async function mapLimited<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

export class ScorecardsService {
  constructor(
    private readonly options: {
      store: DeliveryStore;
      catalog: CatalogService;
      service: DeliveryService;
      dora: DoraSettings;
      /** When the data of some components starts (epoch ms), undefined without any. */
      dataStart: (entityRefs: string[]) => Promise<number | undefined>;
    },
  ) {}

  private get bands(): BandPreset {
    return this.options.dora.bands ?? defaultBandPreset;
  }

  /** Teams (and with `team`, services) and their figures over [from, to). */
  async scorecards(
    request: ScorecardsRequest,
    credentials: BackstageCredentials,
  ) {
    await this.options.service.authorize(
      deliveryDoraReadPermission,
      credentials,
    );
    const window = parseWindow(request.from, request.to);
    const index = await this.loadCatalog(credentials);
    const parent = request.parent && this.requireGroup(index, request.parent);
    const team = request.team && this.requireGroup(index, request.team);
    const system = request.system?.toLowerCase();
    if (system && !index.systems.has(system)) {
      throw new NotFoundError(`system: no system ${system} in the catalog`);
    }

    const inSystem = (ref: string) =>
      !system || index.components.get(ref)?.system === system;
    const pooled = (group: string) =>
      descendants(index, group)
        .flatMap(g => index.ownedBy.get(g) ?? [])
        .filter(inSystem)
        .sort();

    // A team: a group of type team, or any group owning components itself.
    let teams = [...index.groups.keys()].filter(
      ref =>
        index.groups.get(ref)!.type === 'team' ||
        (index.ownedBy.get(ref) ?? []).length > 0,
    );
    if (parent) {
      const below = new Set(descendants(index, parent));
      teams = teams.filter(ref => ref !== parent && below.has(ref));
    }
    if (team) {
      const below = new Set(descendants(index, team));
      teams = teams.filter(ref => below.has(ref));
      if (!teams.includes(team)) teams.push(team);
    }
    const rows = teams
      .sort()
      .map(ref => ({ ref, components: pooled(ref) }))
      .filter(row => !system || row.components.length > 0);

    const services = team ? pooled(team) : [];
    const everything = [
      ...new Set([...rows.flatMap(r => r.components), ...services]),
    ];
    const figuresOf = await this.figuresOver(everything, window);

    return {
      from: utcIso(window.from),
      to: utcIso(window.to),
      bands: this.bands,
      filters: {
        parents: [...index.groups.entries()]
          .filter(([ref]) => (index.children.get(ref) ?? []).length > 0)
          .map(([ref, g]) => ({ entityRef: ref, title: g.title }))
          .sort((a, b) => a.title.localeCompare(b.title)),
        systems: [...index.systems.entries()]
          .map(([ref, title]) => ({ entityRef: ref, title }))
          .sort((a, b) => a.title.localeCompare(b.title)),
      },
      teams: await mapLimited(
        rows,
        READ_CONCURRENCY,
        async ({ ref, components }): Promise<ScorecardRow> => {
          const group = index.groups.get(ref)!;
          return {
            entityRef: ref,
            title: group.title,
            ...(group.parent ? { parent: group.parent } : {}),
            components,
            systems: [
              ...new Set(
                components.flatMap(c => index.components.get(c)?.system ?? []),
              ),
            ].sort(),
            figures: await figuresOf(components),
          };
        },
      ),
      ...(team
        ? {
            services: await mapLimited(
              services,
              READ_CONCURRENCY,
              async (ref): Promise<ServiceScorecardRow> => {
                const component = index.components.get(ref)!;
                return {
                  entityRef: ref,
                  title: component.title,
                  ...(component.owner ? { owner: component.owner } : {}),
                  ...(component.system ? { system: component.system } : {}),
                  figures: await figuresOf([ref]),
                };
              },
            ),
          }
        : {}),
    };
  }

  /**
   * An entity's figures (with weekly series) over [from, to), the previous period of
   * the same length, and each metric's change between them, withheld with the reason
   * where the previous period is not comparable.
   */
  async entityScorecard(
    request: { entityRef: string; from: string; to: string },
    credentials: BackstageCredentials,
  ) {
    const window = parseWindow(request.from, request.to);
    const previous = previousPeriod(window);
    const [current, before] = await Promise.all([
      this.options.service.dora({ ...request, interval: 'week' }, credentials),
      this.options.service.dora(
        {
          entityRef: request.entityRef,
          from: utcIso(previous.from),
          to: utcIso(previous.to),
        },
        credentials,
      ),
    ]);
    const { components: _components, ...previousFigures } = before;
    const dataFrom = await this.options.dataStart(current.components);
    return {
      ...current,
      bands: this.bands,
      previous: previousFigures,
      changes: figureChanges(current, before, { ...previous, dataFrom }),
    };
  }

  /**
   * A function giving the figures of any subset of `components`: failure and incident
   * events are loaded once for all, deployment aggregates per subset.
   */
  async figuresOver(
    components: string[],
    window: { from: number; to: number },
  ): Promise<(subset: string[]) => Promise<DoraFigures>> {
    const { store, dora } = this.options;
    const scope = { entityRefs: components, ...window };
    const [failureEvents, incidents] = await Promise.all([
      store.loadFailureEvents({
        ...scope,
        incidentAttributionWindowHours: dora.incidentAttributionWindowHours,
      }),
      store.loadWindowIncidents(scope),
    ]);
    const facts = {
      from: utcIso(window.from),
      to: utcIso(window.to),
      options: dora,
    };
    // A deployment's failure and recovery depend only on the events naming it, so
    // facts derived over everything hold, per deployment, what a team's own would.
    const failureFacts = deriveFacts({ ...failureEvents, ...facts });
    const incidentsByRef = new Map<string, DoraIncident[]>();
    for (const incident of incidents) {
      const list = incidentsByRef.get(incident.entityRef) ?? [];
      list.push(incident);
      incidentsByRef.set(incident.entityRef, list);
    }
    // Small enough (the usual org): one read of every component's facts, pooled per
    // team in memory; otherwise one aggregate per team.
    const pooled = await store.loadComponentFacts(scope, POOLED_CHANGES_LIMIT);
    return async subset => {
      const refs = new Set(subset);
      let aggregate: DeploymentAggregate | undefined;
      if (subset.length > 0) {
        aggregate = pooled
          ? pooledAggregate(pooled, subset)
          : (
              await store.aggregateDeployments({ ...scope, entityRefs: subset })
            ).get(0);
      }
      const ownFailures: Pick<DoraFacts, 'deployments' | 'failures'> = {
        deployments: failureFacts.deployments.filter(d =>
          refs.has(d.entityRef),
        ),
        failures: failureFacts.failures,
      };
      const ownIncidents = deriveFacts({
        deployments: [],
        incidents: subset.flatMap(ref => incidentsByRef.get(ref) ?? []),
        ...facts,
      });
      return figuresFromSummary(
        combineWindowSummary(window, aggregate, ownFailures, ownIncidents),
        this.bands,
      );
    };
  }

  private requireGroup(index: CatalogIndex, ref: string): string {
    const normalised = ref.toLowerCase();
    if (!index.groups.has(normalised)) {
      throw new NotFoundError(`no group ${normalised} in the catalog`);
    }
    return normalised;
  }

  private async loadCatalog(
    credentials: BackstageCredentials,
  ): Promise<CatalogIndex> {
    const { catalog } = this.options;
    const fields = (...more: string[]) => [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.title',
      ...more,
    ];
    const [groups, components, systems] = await Promise.all([
      catalog.getEntities(
        {
          filter: { kind: 'group' },
          fields: fields('spec.type', 'spec.profile', 'relations'),
        },
        { credentials },
      ),
      catalog.getEntities(
        { filter: { kind: 'component' }, fields: fields('relations') },
        { credentials },
      ),
      catalog.getEntities(
        { filter: { kind: 'system' }, fields: fields() },
        { credentials },
      ),
    ]);
    const index: CatalogIndex = {
      groups: new Map(),
      children: new Map(),
      components: new Map(),
      ownedBy: new Map(),
      systems: new Map(systems.items.map(s => [refOf(s), titleOf(s)])),
    };
    for (const group of groups.items) {
      const ref = refOf(group);
      index.groups.set(ref, {
        title: titleOf(group),
        type: group.spec?.type as string | undefined,
        parent: relationTargets(group, RELATION_CHILD_OF)[0],
      });
      index.children.set(ref, relationTargets(group, RELATION_PARENT_OF));
    }
    for (const component of components.items) {
      const ref = refOf(component);
      const owner = relationTargets(component, RELATION_OWNED_BY)[0];
      const system = relationTargets(component, RELATION_PART_OF).find(t =>
        t.startsWith('system:'),
      );
      index.components.set(ref, { title: titleOf(component), owner, system });
      if (owner) {
        index.ownedBy.set(owner, [...(index.ownedBy.get(owner) ?? []), ref]);
      }
    }
    return index;
  }
}

/** The group and every group below it. */
function descendants(index: CatalogIndex, root: string): string[] {
  const found = new Set([root]);
  const queue = [root];
  while (queue.length > 0) {
    for (const child of index.children.get(queue.pop()!) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return [...found];
}

const optionalRef = (field: string, kind: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${kind}:`, 'i'),
      `${field} must be a ${kind} ref, e.g. ${kind}:default/name`,
    )
    .optional();

const scorecardsQuerySchema = z
  .object({
    from: windowFields.from,
    to: windowFields.to,
    parent: optionalRef('parent', 'group'),
    system: optionalRef('system', 'system'),
    team: optionalRef('team', 'group'),
  })
  .superRefine(checkWindow);

const entityQuerySchema = z
  .object({ ...windowFields })
  .superRefine(checkWindow);

/**
 * GET /scorecards?from&to[&parent][&system][&team] and
 * GET /scorecards/entity?entityRef&from&to.
 */
export function scorecardsRouter(
  scorecards: ScorecardsService,
  httpAuth: HttpAuthService,
): express.Router {
  const router = Router();
  const credentials = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/', async (req, res) => {
    const caller = await credentials(req);
    const query = parse(scorecardsQuerySchema, req.query);
    if (query.team && query.parent) {
      throw new InputError('team and parent cannot be combined');
    }
    res.json(await scorecards.scorecards(query, caller));
  });

  router.get('/entity', async (req, res) => {
    const caller = await credentials(req);
    res.json(
      await scorecards.entityScorecard(
        parse(entityQuerySchema, req.query),
        caller,
      ),
    );
  });

  return router;
}
