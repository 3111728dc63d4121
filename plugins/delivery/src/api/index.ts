export * from './types';
export {
  DeliveryClient,
  deliveryApiRef,
  deploymentFlagsApiRef,
} from './DeliveryClient';
