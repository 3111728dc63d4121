import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  deliveryDoraReadPermission,
  deliveryEventsReadPermission,
  parseWindow,
  utcIso,
  weekStartOf,
  weekWindows,
} from '@internal/backstage-plugin-delivery-common';
import type {
  ChangeFlow,
  LeadTimeBreakdown,
  LeadTimeBreakdownRequest,
  ListChangesRequest,
  ListedChange,
  Page,
} from '@internal/backstage-plugin-delivery-common';
import { ChangeReadStore } from '../database/stores';
import { DeliveryService } from './DeliveryService';
import { resolveComponents } from './entityScope';
import { decodeCursor, encodeCursor } from './requests';

/**
 * Where lead time goes: the breakdown of changes (pull and merge requests) into
 * coding, pickup, review and deploy, for a component or a group's or system's
 * components pooled; by week with change sizes; and the changes behind it.
 */
export class ChangesService {
  constructor(
    private readonly options: {
      store: ChangeReadStore;
      catalog: CatalogService;
      service: Pick<DeliveryService, 'authorize'>;
    },
  ) {}

  private async scope(
    permission: typeof deliveryDoraReadPermission,
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    await this.options.service.authorize(permission, credentials);
    return resolveComponents(entityRef, this.options.catalog, credentials);
  }

  /** `GET /lead-time-breakdown`: exactly delivery-common's `LeadTimeBreakdown`. */
  async breakdown(
    request: LeadTimeBreakdownRequest,
    credentials: BackstageCredentials,
  ): Promise<LeadTimeBreakdown> {
    const entityRefs = await this.scope(
      deliveryDoraReadPermission,
      request.entityRef,
      credentials,
    );
    const window = parseWindow(request.from, request.to);
    const buckets = await this.options.store.aggregateChanges({
      entityRefs,
      ...window,
    });
    return buckets.get(0)!;
  }

  /** `GET /change-flow`: the breakdown of each ISO week, and change sizes. */
  async flow(
    request: LeadTimeBreakdownRequest,
    credentials: BackstageCredentials,
  ): Promise<ChangeFlow> {
    const entityRefs = await this.scope(
      deliveryDoraReadPermission,
      request.entityRef,
      credentials,
    );
    const window = parseWindow(request.from, request.to);
    const scope = { entityRefs, ...window };
    const [weekly, sizes] = await Promise.all([
      this.options.store.aggregateChanges({
        ...scope,
        weekStart: weekStartOf(window.from),
      }),
      this.options.store.countChangeSizes(scope),
    ]);
    return {
      entityRef: request.entityRef,
      from: request.from,
      to: request.to,
      components: entityRefs,
      weeks: weekWindows(window.from, window.to).map((week, i) => ({
        from: utcIso(week.from),
        to: utcIso(week.to),
        breakdown: weekly.get(i)!,
      })),
      sizes,
    };
  }

  /** `GET /changes`: newest first, paged. */
  async list(
    request: ListChangesRequest & { limit: number },
    credentials: BackstageCredentials,
  ): Promise<Page<ListedChange>> {
    const entityRefs = await this.scope(
      deliveryEventsReadPermission,
      request.entityRef,
      credentials,
    );
    const page = await this.options.store.listChanges({
      entityRefs,
      window:
        request.from && request.to
          ? parseWindow(request.from, request.to)
          : undefined,
      deployment:
        request.deploymentSource && request.deploymentId
          ? { source: request.deploymentSource, id: request.deploymentId }
          : undefined,
      state: request.state,
      limit: request.limit,
      cursor: request.cursor ? decodeCursor(request.cursor) : undefined,
    });
    return {
      items: page.items,
      ...(page.next ? { nextCursor: encodeCursor(page.next) } : {}),
    };
  }
}
