export type {
  Band,
  BandPreset,
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
export type { DoraFacts } from './facts';
export { bandFor } from './bandFor';
export { computeDora, parseWindow } from './computeDora';
export { deriveFacts } from './facts';
export { computeDoraSeries, utcIso, weekStartOf, weekWindows } from './series';
export {
  combineWindowSummary,
  failureSummary,
  figuresFromSummary,
  leadTimeSummary,
  restoreSummary,
  summarizeWindow,
} from './summary';
export { quantile } from './quantile';
