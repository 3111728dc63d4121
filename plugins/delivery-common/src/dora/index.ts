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
export { bandFor } from './bandFor';
export { computeDora } from './computeDora';
export { computeDoraSeries } from './series';
export { quantile } from './quantile';
