export * from './rollout';
export * from './abortedCanary';
