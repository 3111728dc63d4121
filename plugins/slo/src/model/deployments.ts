import type { ChartDeployment } from './chart';

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
