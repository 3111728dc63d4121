export * from './rollout';
export * from './abortedCanary';
export * from './verdict';
export * from './failureEvidence';
