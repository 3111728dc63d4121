import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  computeDora,
  computeDoraSeries,
  deliveryDoraReadPermission,
  deliveryEventsReadPermission,
  DoraOptions,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryStore } from '../database/DeliveryStore';
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
  Pick<DoraOptions, 'bands' | 'incidentAttributionWindowHours'>;

/**
 * The read side of the plugin, shared by the HTTP API and the actions registry:
 * permission check, catalog scope, store read, DORA engine.
 */
export class DeliveryService {
  constructor(
    private readonly options: {
      store: DeliveryStore;
      catalog: CatalogService;
      permissions: PermissionsService;
      dora: DoraSettings;
    },
  ) {}

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

  async dora(request: DoraRequest, credentials: BackstageCredentials) {
    await this.authorize(deliveryDoraReadPermission, credentials);
    const { store, catalog, dora } = this.options;
    const components = await resolveComponents(
      request.entityRef,
      catalog,
      credentials,
    );
    const input = {
      ...(await store.loadDoraInput({
        entityRefs: components,
        from: request.from,
        to: request.to,
        productionEnvironments: dora.productionEnvironments,
        incidentAttributionWindowHours: dora.incidentAttributionWindowHours,
      })),
      from: request.from,
      to: request.to,
      options: dora,
    };
    return {
      entityRef: request.entityRef,
      from: request.from,
      to: request.to,
      components,
      ...computeDora(input),
      ...(request.interval === 'week'
        ? { series: computeDoraSeries(input) }
        : {}),
    };
  }

  async list(
    kind: 'deployments' | 'incidents',
    request: ListRequest,
    credentials: BackstageCredentials,
  ) {
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
