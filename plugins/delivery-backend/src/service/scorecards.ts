import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
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
import {
  componentsOwnedWithin,
  descendantGroups,
} from '@internal/entity-scope';
import { noFlagReleases, poolFlagReleases } from '../database/flagReads';
import { DeliveryReadStore } from '../database/stores';
import { loadCatalogIndex, requireGroup } from './catalogIndex';
import { DeliveryService, DoraSettings } from './DeliveryService';
import { mapLimited } from './mapLimited';
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

export class ScorecardsService {
  constructor(
    private readonly options: {
      store: DeliveryReadStore;
      catalog: CatalogService;
      service: DeliveryService;
      dora: DoraSettings;
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
    const index = await loadCatalogIndex(this.options.catalog, credentials);
    const parent = request.parent && requireGroup(index, request.parent);
    const team = request.team && requireGroup(index, request.team);
    const system = request.system?.toLowerCase();
    if (system && !index.systems.has(system)) {
      throw new NotFoundError(`system: no system ${system} in the catalog`);
    }

    const inSystem = (ref: string) =>
      !system || index.components.get(ref)?.system === system;
    // The shared coverage rule: a group pools its own and its descendants' components.
    const pooled = (group: string) =>
      componentsOwnedWithin(group, index).filter(inSystem);

    // A team: a group of type team, or any group owning components itself.
    let teams = [...index.groups.keys()].filter(
      ref =>
        index.groups.get(ref)!.type === 'team' ||
        (index.ownedBy.get(ref) ?? []).length > 0,
    );
    if (parent) {
      const below = new Set(descendantGroups(parent, index.children));
      teams = teams.filter(ref => ref !== parent && below.has(ref));
    }
    if (team) {
      const below = new Set(descendantGroups(team, index.children));
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
    const dataFrom = await this.options.store.earliestEventAt(
      current.components,
    );
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
    const [failureEvents, incidents, flagFacts] = await Promise.all([
      store.loadFailureEvents({
        ...scope,
        incidentAttributionWindowHours: dora.incidentAttributionWindowHours,
      }),
      store.loadWindowIncidents(scope),
      dora.countFlagReleasesAsDeployments
        ? store.loadFlagReleaseFacts(scope)
        : undefined,
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
      // Flag releases per component, pooled like the deployment counts.
      const ownFlagReleases =
        flagFacts &&
        (poolFlagReleases(flagFacts, subset).get(0) ?? noFlagReleases());
      return figuresFromSummary(
        combineWindowSummary(
          window,
          aggregate,
          ownFailures,
          ownIncidents,
          ownFlagReleases,
        ),
        this.bands,
      );
    };
  }
}
