/**
 * The one client of `/api/delivery` (`@internal/backstage-plugin-delivery-common/client`),
 * for frontend plugins and backends alike: it takes discovery and fetch shaped objects,
 * not frontend API refs.
 *
 * @packageDocumentation
 */
export { DeliveryClient } from './DeliveryClient';
export type { DeliveryDiscovery, DeliveryFetch } from './DeliveryClient';
export type * from './types';
export type * from '../catalogHealth';
