export type { FlagChange, FlagStep } from './history';
export {
  compareFlagChanges,
  flagHistory,
  flagHistoryKey,
  flagServedAfter,
} from './history';
