export type {
  ChangeDeploymentInput,
  ChangeInput,
  ChangeSizeClass,
  ChangeStageHours,
  LeadTimeBreakdown,
  LeadTimeBreakdownInput,
  LeadTimeStage,
  StageFigure,
} from './stages';
export {
  changeDeployment,
  changeSizeClass,
  changeSizeClasses,
  changeStages,
  firstCommitMillis,
  isReviewed,
  leadTimeBreakdown,
  leadTimeStages,
  stageFigure,
} from './stages';
