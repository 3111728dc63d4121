export type { FlagChange, FlagStep } from './history';
export {
  compareFlagChanges,
  flagHistory,
  flagHistoryKey,
  flagServedAfter,
} from './history';
export type {
  FlagFailureIncident,
  FlagRelease,
  FlagReleaseSummary,
} from './releases';
export {
  flagReleaseFailed,
  flagReleases,
  flagReleaseSummary,
} from './releases';
export type { FlagContextIncident, IncidentFlagContext } from './incidentFlags';
export {
  DEFAULT_FLAG_LOOKBACK_HOURS,
  incidentFlagContext,
} from './incidentFlags';
