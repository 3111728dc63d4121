export { importPyrra } from './pyrra';
export { importSloth, SLOTH_DEFAULT_WINDOW } from './sloth';
export { importSlothInfo, SLOTH_ERROR_RATIO_5M } from './slothInfo';
export type { SlothInfoSeries } from './slothInfo';
