/**
 * The maturity backend's delivery fact provider, read from the delivery backend's POST /api/delivery/component-facts.
 *
 * @packageDocumentation
 */
export { maturityModuleDelivery as default } from './module';
export { DeliveryFactProvider } from './DeliveryFactProvider';
