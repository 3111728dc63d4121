export * from './types';
export { SloClient, sloApiRef, formatDeploymentsParam } from './SloClient';
export {
  SloDeploymentFlagsClient,
  SloServiceSummariesClient,
  planImpactRequests,
  toServiceSloSummary,
} from './seams';
