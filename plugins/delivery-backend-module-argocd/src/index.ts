/**
 * Feeds Argo CD application syncs into the delivery plugin.
 *
 * @packageDocumentation
 */

export { deliveryModuleArgocd as default } from './module';
export { deliveryModuleArgocd } from './module';
