export * from './rollout';
export * from './verdict';
export * from './failureEvidence';
