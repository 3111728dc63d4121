import type { ComponentSloStatus } from '@internal/backstage-plugin-slo-common';
import { formatBudgetRemaining, stateLabels } from '../model/format';

/**
 * What the catalog's error budget column shows for a component: the budget left of its
 * worst objective (text null when there is no figure, shown as "–"), whether deploys are
 * frozen, and the tooltip's lines.
 */
export function describeBudgetCell(status: ComponentSloStatus | null): {
  text: string | null;
  frozen: boolean;
  stale: boolean;
  lines: string[];
} {
  if (!status) {
    return {
      text: null,
      frozen: false,
      stale: false,
      lines: ['Not a component the SLO plugin knows'],
    };
  }
  if (status.objectives === 0) {
    return {
      text: null,
      frozen: false,
      stale: false,
      lines: ['No SLOs defined (slo.acme-portal.io annotations)'],
    };
  }
  const stale = status.stale === true;
  if (status.worstBudgetRemaining === null) {
    return {
      text: null,
      frozen: status.frozen,
      stale,
      lines: [
        `${status.objectives} objective${
          status.objectives === 1 ? '' : 's'
        }, no figures: the metric source answered no data`,
      ],
    };
  }
  return {
    text: formatBudgetRemaining(status.worstBudgetRemaining),
    frozen: status.frozen,
    stale,
    lines: [
      `Error budget left of the worst of ${status.objectives} objective${
        status.objectives === 1 ? '' : 's'
      } (${stateLabels[status.state]})`,
      ...(status.frozen
        ? ['Budget exhausted: the error budget policy freezes deploys']
        : []),
      ...(stale
        ? ['The metric source failed since: these are the last good figures']
        : []),
    ],
  };
}
