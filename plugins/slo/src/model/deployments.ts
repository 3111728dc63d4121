import type { DeploymentImpact } from '@internal/backstage-plugin-slo-common';
import type { ChartDeployment } from './chart';
import { formatPercent } from './format';

/** Environment names that count as production (the delivery plugin's defaults). */
export const PRODUCTION_ENVIRONMENTS = ['production', 'prod', 'prd', 'live'];

interface DeliveryDeployment {
  source: string;
  id: string;
  environment: string;
  startedAt: string;
  finishedAt?: string | null;
  version?: string;
  url?: string;
}

/**
 * Deployments to draw on the SLO charts: production ones when there are any (an SLO
 * measures production), else all; placed when they finished (or started, if running).
 */
export function toChartDeployments(
  deployments: DeliveryDeployment[],
): ChartDeployment[] {
  const production = deployments.filter(d =>
    PRODUCTION_ENVIRONMENTS.includes(d.environment.toLocaleLowerCase('en-US')),
  );
  const shown = production.length > 0 ? production : deployments;
  return shown.map(d => ({
    key: `${d.source}/${d.id}`,
    at: d.finishedAt ?? d.startedAt,
    label: d.version ?? d.id,
    environment: d.environment,
    url: d.url,
  }));
}

/** Splits a list into parts of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    parts.push(items.slice(i, i + size));
  }
  return parts;
}

/** Marks each deployment with what `/deployment-impact` answered for it. */
export function withImpacts(
  deployments: ChartDeployment[],
  impacts: DeploymentImpact[],
): ChartDeployment[] {
  const byId = new Map(impacts.map(i => [i.deploymentId, i]));
  return deployments.map(d => {
    const impact = byId.get(d.key);
    if (!impact) return d;
    return {
      ...d,
      frozen: impact.madeWhileFrozen,
      impact: {
        consumedAfter: impact.consumedAfter,
        consumedBefore: impact.consumedBefore,
        hours: impact.hours,
        ...(impact.objectiveId ? { objectiveId: impact.objectiveId } : {}),
        ...(impact.afterPartial && impact.afterHours !== undefined
          ? { afterHours: impact.afterHours }
          : {}),
      },
    };
  });
}

/**
 * "burned 2% of the budget in the 6 h after (1% in the 6 h before)", naming the
 * objective the figures belong to ("availability burned 2% of its budget...") and an
 * after-span cut short by now ("in the 2.5 h after so far, of 6 h"); nothing without
 * figures.
 */
export function describeImpact(d: ChartDeployment): string | undefined {
  if (!d.impact || d.impact.consumedAfter === null) return undefined;
  const { consumedAfter, consumedBefore, hours, objectiveId, afterHours } =
    d.impact;
  const before =
    consumedBefore === null
      ? ''
      : ` (${formatPercent(consumedBefore, 2)} in the ${hours} h before)`;
  const after =
    afterHours === undefined
      ? `${hours} h after`
      : `${afterHours} h after so far, of ${hours} h`;
  const whose = objectiveId
    ? `${objectiveId} burned ${formatPercent(consumedAfter, 2)} of its budget`
    : `burned ${formatPercent(consumedAfter, 2)} of the budget`;
  return `${whose} in the ${after}${before}`;
}
