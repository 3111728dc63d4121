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
  IncidentEvent,
  ListedDeployment,
  Page,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryReadStore } from '../database/stores';
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
    'bands' | 'incidentAttributionWindowHours' | 'duplicateRolloutWindowMinutes'
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
    const [totals, weekly, failureEvents, incidents] = await Promise.all([
      store.aggregateDeployments(scope),
      weeks
        ? store.aggregateDeployments({
            ...scope,
            weekStart: weekStartOf(window.from),
          })
        : undefined,
      store.loadFailureEvents({
        ...scope,
        incidentAttributionWindowHours: dora.incidentAttributionWindowHours,
      }),
      store.loadWindowIncidents(scope),
    ]);
    const facts = { from: request.from, to: request.to, options: dora };
    const failureFacts = deriveFacts({ ...failureEvents, ...facts });
    const incidentFacts = deriveFacts({ deployments: [], incidents, ...facts });
    const figures = (
      part: { from: number; to: number },
      aggregate?: DeploymentAggregate,
    ) =>
      figuresFromSummary(
        combineWindowSummary(part, aggregate, failureFacts, incidentFacts),
        dora.bands ?? defaultBandPreset,
      );
    return {
      entityRef: request.entityRef,
      from: request.from,
      to: request.to,
      components,
      ...figures(window, totals.get(0)),
      ...(weeks
        ? {
            series: weeks.map((week, i) => ({
              from: utcIso(week.from),
              to: utcIso(week.to),
              ...figures(week, weekly?.get(i)),
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
