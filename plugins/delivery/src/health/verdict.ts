/*
 * The health verdict of production deployments as the pages show it: names, colours,
 * the lines of its tooltip, and what a row shows when it has none. The verdict itself
 * is the backend's (`GET /deployment-health`); nothing here judges a deployment.
 */
import type {
  DeploymentHealth,
  DeploymentHealthResponse,
  DeploymentVerdict,
} from '@internal/backstage-plugin-delivery-common';

export const verdictOrder: DeploymentVerdict[] = [
  'healthy',
  'ailing',
  'unhealthy',
  'unknown',
];

export const verdictLabels: Record<DeploymentVerdict, string> = {
  healthy: 'Healthy',
  ailing: 'Ailing',
  unhealthy: 'Unhealthy',
  unknown: 'Unknown',
};

/** Okabe-Ito, as the outcomes: green, orange, vermillion, grey. */
export const verdictColors: Record<DeploymentVerdict, string> = {
  healthy: '#009E73',
  ailing: '#E69F00',
  unhealthy: '#D55E00',
  unknown: '#999999',
};

const key = (d: { source: string; id: string }) => `${d.source}/${d.id}`;

/** The verdicts of an answer by deployment key (`source/id`). */
export function healthByKey(
  response: Pick<DeploymentHealthResponse, 'items'> | undefined,
): Map<string, DeploymentHealth> {
  return new Map((response?.items ?? []).map(item => [key(item), item]));
}

/** Where the page's verdicts stand. */
export interface VerdictState {
  isProduction: (environment: string) => boolean;
  loading: boolean;
  error?: Error;
  response?: DeploymentHealthResponse;
  byKey: Map<string, DeploymentHealth>;
}

/** What a deployment's verdict cell shows: the verdict, or a dash and why. */
export type VerdictCell =
  | { kind: 'verdict'; health: DeploymentHealth; lines: string[] }
  | { kind: 'none'; text: string; title: string };

/**
 * The verdict of one deployment row (found by its own key or the key of another source
 * that reported the same rollout), or why there is none: not production (a dash), still
 * loading, the verdicts could not be read, or the backend judged no such deployment.
 * Never a verdict of its own making: missing data is not "healthy".
 */
export function verdictCell(
  deployment: {
    source: string;
    id: string;
    environment: string;
    alsoReportedBy?: Array<{ source: string; id: string }>;
  },
  state: VerdictState,
): VerdictCell {
  if (!state.isProduction(deployment.environment)) {
    return {
      kind: 'none',
      text: '—',
      title: 'Only production deployments get a health verdict',
    };
  }
  const health = [deployment, ...(deployment.alsoReportedBy ?? [])]
    .map(d => state.byKey.get(key(d)))
    .find(Boolean);
  if (health) {
    return {
      kind: 'verdict',
      health,
      lines: verdictLines(health),
    };
  }
  if (state.loading) {
    return { kind: 'none', text: '…', title: 'Loading the verdict' };
  }
  if (state.error) {
    return {
      kind: 'none',
      text: '—',
      title: `The verdicts could not be loaded: ${state.error.message}`,
    };
  }
  return {
    kind: 'none',
    text: '—',
    title: state.response?.truncated
      ? 'No verdict: the backend judged only the newest production deployments of the window'
      : 'No verdict: only production deployments that finished in the window are judged',
  };
}

/** The tooltip of a verdict: its name, then the backend's reasons (evidence, then the burn). */
export function verdictLines(health: DeploymentHealth): string[] {
  return [verdictLabels[health.verdict], ...health.reasons];
}

/** What the Verdict column means, and that it rests on incidents alone without SLO. */
export function verdictColumnHelp(
  response:
    | Pick<DeploymentHealthResponse, 'hours' | 'sloAvailable'>
    | undefined,
): string {
  const span = response ? `${response.hours} h` : 'hours';
  const base = `The health of a production deployment: its error budget burn in the ${span} after it against the ${span} before, and the incidents naming it`;
  return response && !response.sloAvailable
    ? `${base}. No SLO figures: these verdicts rest on incidents alone.`
    : `${base}.`;
}
