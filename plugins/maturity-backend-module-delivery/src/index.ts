/**
 * The maturity backend's delivery and progressive delivery fact providers, read from the delivery backend's POST /api/delivery/component-facts.
 *
 * @packageDocumentation
 */
export { maturityModuleDelivery as default } from './module';
export { DeliveryFactProvider } from './DeliveryFactProvider';
export { ProgressiveDeliveryFactProvider } from './ProgressiveDeliveryFactProvider';
