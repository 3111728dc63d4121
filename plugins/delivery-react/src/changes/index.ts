export { ChangesTable } from './ChangesTable';
export { PagedChanges } from './PagedChanges';
export {
  describeStageFigure,
  sizeCell,
  sizeDistribution,
  STAGE_DESCRIPTIONS,
  STAGE_LABELS,
  stageCell,
  stageSegments,
  STAGES,
  unreviewedShare,
  weeklyStageMedians,
} from './stageFigures';
export type { SizeBucket, StageSegment } from './stageFigures';
