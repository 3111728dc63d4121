import { authorizeOrThrow } from '@internal/entity-scope';
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  combineWindowSummary,
  defaultBandPreset,
  DeploymentAggregate,
  deliveryDoraReadPermission,
  deliveryEventsReadPermission,
  deriveFacts,
  DoraOptions,
  figuresFromSummary,
  parseWindow,
  utcIso,
  weekStartOf,
  weekWindows,
} from '@internal/backstage-plugin-delivery-common';
import type {
  FlagEvent,
  FlagReleaseSummary,
  IncidentEvent,
  ListedDeployment,
  Page,
} from '@internal/backstage-plugin-delivery-common';
import { noFlagReleases, poolFlagReleases } from '../database/flagReads';
import { DeliveryReadStore } from '../database/stores';
import type { FlagListRequest } from './flagRequests';
import { resolveComponents } from './entityScope';
import { decodeCursor, encodeCursor } from './requests';

export interface DoraRequest {
  entityRef: string;
  from: string;
  to: string;
  interval?: 'week';
}

export interface ListRequest {
  entityRef: string;
  from?: string;
  to?: string;
  environment?: string;
  limit: number;
  cursor?: string;
}

export type DoraSettings = Required<
  Pick<DoraOptions, 'productionEnvironments'>
> &
  Pick<
    DoraOptions,
    | 'bands'
    | 'incidentAttributionWindowHours'
    | 'duplicateRolloutWindowMinutes'
    | 'countFlagReleasesAsDeployments'
  >;

/**
 * The read side of the plugin, shared by the HTTP API and the actions registry:
 * permission check, catalog scope, store read, DORA engine.
 */
export class DeliveryService {
  constructor(
    private readonly options: {
      store: DeliveryReadStore;
      catalog: CatalogService;
      permissions: PermissionsService;
      dora: DoraSettings;
    },
  ) {}

  async authorize(
    permission: BasicPermission | BasicPermission[],
    credentials: BackstageCredentials,
  ): Promise<void> {
    await authorizeOrThrow(this.options.permissions, permission, credentials);
  }

  /**
   * DORA figures of an entity's components over [from, to) (and per ISO week).
   * Counts and lead times are aggregated by the store; failures and restore times
   * come from the few events that decide them, through the engine's definitions.
   */
  async dora(request: DoraRequest, credentials: BackstageCredentials) {
    await this.authorize(deliveryDoraReadPermission, credentials);
    const { store, catalog, dora } = this.options;
    const components = await resolveComponents(
      request.entityRef,
      catalog,
      credentials,
    );
    const window = parseWindow(request.from, request.to);
    const scope = { entityRefs: components, ...window };
    const weeks =
      request.interval === 'week'
        ? weekWindows(window.from, window.to)
        : undefined;
    const weekScope = { ...scope, weekStart: weekStartOf(window.from) };
    const flagsCount = !!dora.countFlagReleasesAsDeployments;
    const [totals, weekly, failureEvents, incidents, flags, weeklyFlags] =
      await Promise.all([
        store.aggregateDeployments(scope),
        weeks ? store.aggregateDeployments(weekScope) : undefined,
        store.loadFailureEvents({
          ...scope,
          incidentAttributionWindowHours: dora.incidentAttributionWindowHours,
        }),
        store.loadWindowIncidents(scope),
        flagsCount ? store.loadFlagReleaseFacts(scope) : undefined,
        flagsCount && weeks ? store.loadFlagReleaseFacts(weekScope) : undefined,
      ]);
    const facts = { from: request.from, to: request.to, options: dora };
    const failureFacts = deriveFacts({ ...failureEvents, ...facts });
    const incidentFacts = deriveFacts({ deployments: [], incidents, ...facts });
    // With countFlagReleasesAsDeployments every window has a flag summary (empty
    // without releases); without it none, and the figures count deployments only.
    const flagTotals = flags && poolFlagReleases(flags);
    const flagWeeks = weeklyFlags && poolFlagReleases(weeklyFlags);
    const flagsOf = (pooled: typeof flagTotals, bucket: number) =>
      pooled && (pooled.get(bucket) ?? noFlagReleases());
    const figures = (
      part: { from: number; to: number },
      aggregate: DeploymentAggregate | undefined,
      flagReleases: FlagReleaseSummary | undefined,
    ) =>
      figuresFromSummary(
        combineWindowSummary(
          part,
          aggregate,
          failureFacts,
          incidentFacts,
          flagReleases,
        ),
        dora.bands ?? defaultBandPreset,
      );
    return {
      entityRef: request.entityRef,
      from: request.from,
      to: request.to,
      components,
      ...figures(window, totals.get(0), flagsOf(flagTotals, 0)),
      ...(weeks
        ? {
            series: weeks.map((week, i) => ({
              from: utcIso(week.from),
              to: utcIso(week.to),
              ...figures(week, weekly?.get(i), flagsOf(flagWeeks, i)),
            })),
          }
        : {}),
    };
  }

  /**
   * `GET /incident?entityRef=&id=`: the incidents of the entity's components whose
   * source id is `id` (one per source that has it), for the deploy gate's check of a
   * remediation. Empty when there is none the caller may see.
   */
  async incident(
    request: { entityRef: string; id: string },
    credentials: BackstageCredentials,
  ): Promise<{ items: IncidentEvent[] }> {
    await this.authorize(deliveryEventsReadPermission, credentials);
    const entityRefs = await resolveComponents(
      request.entityRef,
      this.options.catalog,
      credentials,
    );
    return {
      items: await this.options.store.findIncidents({
        entityRefs,
        id: request.id,
      }),
    };
  }

  /** `GET /flags`: the flag changes of the entity's components, newest first. */
  async listFlags(
    request: FlagListRequest,
    credentials: BackstageCredentials,
  ): Promise<Page<FlagEvent>> {
    await this.authorize(deliveryEventsReadPermission, credentials);
    const { store, catalog } = this.options;
    const page = await store.listFlags({
      ...request,
      entityRefs: await resolveComponents(
        request.entityRef,
        catalog,
        credentials,
      ),
      cursor: request.cursor ? decodeCursor(request.cursor) : undefined,
    });
    return {
      items: page.items,
      ...(page.next ? { nextCursor: encodeCursor(page.next) } : {}),
    };
  }

  async list(
    kind: 'deployments' | 'incidents',
    request: ListRequest,
    credentials: BackstageCredentials,
  ): Promise<Page<ListedDeployment | IncidentEvent>> {
    await this.authorize(deliveryEventsReadPermission, credentials);
    const { store, catalog } = this.options;
    const query = {
      ...request,
      entityRefs: await resolveComponents(
        request.entityRef,
        catalog,
        credentials,
      ),
      cursor: request.cursor ? decodeCursor(request.cursor) : undefined,
    };
    const page =
      kind === 'deployments'
        ? await store.listDeployments(query)
        : await store.listIncidents(query);
    return {
      items: page.items,
      ...(page.next ? { nextCursor: encodeCursor(page.next) } : {}),
    };
  }
}
