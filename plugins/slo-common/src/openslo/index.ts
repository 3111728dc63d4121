export {
  importOpenSlo,
  SLO_ANNOTATION_PREFIX,
  BURN_RATE_TIERS_ANNOTATION,
} from './importOpenSlo';
export { exportOpenSlo } from './exportOpenSlo';
export type { OpenSloService } from './exportOpenSlo';
