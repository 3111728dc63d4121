/*
 * What the batch routes for a table's rows share (POST /catalog-health and
 * POST /component-facts): which of the asked refs are components the caller may see,
 * and a window that every request within the same hour shares.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  deliveryDoraReadPermission,
  deliveryEventsReadPermission,
} from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { DeliveryService } from './DeliveryService';

/**
 * The last `days` days, ending at the next full hour, so every request within an hour
 * asks the same question.
 */
export function lastDaysToNextHour(now: number, days: number) {
  const to = DateTime.fromMillis(now, { zone: 'utc' })
    .startOf('hour')
    .plus({ hours: 1 });
  return { from: to.minus({ days }).toMillis(), to: to.toMillis() };
}

/**
 * The refs that are components the caller can see in the catalog, in the order asked.
 * Both delivery permissions are checked in one round trip beside the catalog read (a
 * denial still answers 403).
 */
export async function visibleComponents(
  refs: string[],
  credentials: BackstageCredentials,
  options: {
    catalog: CatalogService;
    service: Pick<DeliveryService, 'authorize'>;
  },
): Promise<string[]> {
  const [, { items: entities }] = await Promise.all([
    options.service.authorize(
      [deliveryDoraReadPermission, deliveryEventsReadPermission],
      credentials,
    ),
    options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata.name'] },
      { credentials },
    ),
  ]);
  return refs.filter(
    (_ref, i) => entities[i]?.kind.toLowerCase() === 'component',
  );
}
