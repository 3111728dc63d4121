import type { LeadTimeStage } from '@internal/backstage-plugin-delivery-common';

/** One colour per stage, the same in the bar, its legend and the weekly trends. */
export const STAGE_COLORS: Record<LeadTimeStage, string> = {
  coding: '#1976d2',
  pickup: '#f57c00',
  review: '#7b1fa2',
  deploy: '#388e3c',
};
