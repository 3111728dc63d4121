export type {
  Band,
  BandPreset,
  BandThresholds,
  DeploymentBasics,
  DoraDeployment,
  DoraFigures,
  DoraIncident,
  DoraInput,
  DoraOptions,
  DoraSeriesPoint,
} from './types';
export type {
  DeploymentAggregate,
  DoraWindowSummary,
  FailureSummary,
  LeadTimeSummary,
} from './summary';
export type { DeploymentLeadTime, DoraFacts } from './facts';
export { bandFor } from './bandFor';
export { overallBand } from './overallBand';
export { parseWindow } from './window';
export { deploymentLeadTime, deploymentLeadTimes, deriveFacts } from './facts';
export type { DuplicateCandidate } from './duplicates';
export {
  applyDuplicateRollouts,
  DEFAULT_DUPLICATE_ROLLOUT_WINDOW_MINUTES,
  findDuplicateRollouts,
  mergeDuplicateRollouts,
  rolloutKey,
} from './duplicates';
export { utcIso, weekStartOf, weekWindows } from './series';
export {
  combineWindowSummary,
  failureSummary,
  figuresFromSummary,
  leadTimeSummary,
  restoreSummary,
  summarizeWindow,
} from './summary';
export { quantile } from './quantile';
export type { Comparability, PreviousPeriodData } from './comparison';
export {
  MIN_PREVIOUS_COVERAGE,
  MIN_PREVIOUS_EVENTS,
  previousPeriodComparability,
  previousPeriodCoverage,
} from './comparison';
