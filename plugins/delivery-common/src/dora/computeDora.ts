import { toMillis } from '../time';
import { bandFor } from './bandFor';
import { deriveFacts, DoraFacts } from './facts';
import { quantile } from './quantile';
import type { DoraFigures, DoraInput } from './types';

const DAY_MS = 86_400_000;

/** The window [from, to) as epoch milliseconds; it must not be empty. */
export function parseWindow(from: string, to: string) {
  const window = { from: toMillis(from), to: toMillis(to) };
  if (!(window.to > window.from)) {
    throw new RangeError(`DORA window is empty: from ${from} to ${to}`);
  }
  return window;
}

const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
const ratio = (part: number, whole: number) => (whole ? part / whole : null);

/** The figures of one window [from, to) over facts derived from the input. */
export function figuresFor(
  facts: DoraFacts,
  from: number,
  to: number,
): DoraFigures {
  const inWindow = (instant: number) => instant >= from && instant < to;
  const deployments = facts.deployments.filter(d => inWindow(d.finishedAt));

  const leadTimes = ascending(
    facts.firstDeployments
      .filter(c => inWindow(c.finishedAt))
      .map(c => c.leadHours),
  );
  const leadMedian = quantile(leadTimes, 0.5);

  const failed = deployments.filter(d => facts.failures.has(d.key));
  const recoveryTimes = ascending(
    failed.flatMap(d => facts.failures.get(d.key) ?? []),
  );
  const recoveryMedian = quantile(recoveryTimes, 0.5);
  const failureRatio = ratio(failed.length, deployments.length);

  const incidents = facts.incidents.filter(i => inWindow(i.openedAt));
  const restoreTimes = ascending(incidents.flatMap(i => i.restoreHours ?? []));

  const rework = deployments.filter(d => d.remediates);
  const perDay = deployments.length / ((to - from) / DAY_MS);
  return {
    deploymentFrequency: {
      deployments: deployments.length,
      perDay,
      // Zero may mean "no source connected", so it earns no band.
      band: deployments.length
        ? bandFor('deploymentFrequency', perDay, facts.bands)
        : 'unknown',
    },
    leadTimeForChanges: {
      changes: leadTimes.length,
      medianHours: leadMedian,
      p90Hours: quantile(leadTimes, 0.9),
      band: bandFor('leadTime', leadMedian, facts.bands),
    },
    changeFailureRate: {
      deployments: deployments.length,
      failed: failed.length,
      ratio: failureRatio,
      band: bandFor('changeFailureRate', failureRatio, facts.bands),
    },
    failedDeploymentRecoveryTime: {
      failures: failed.length,
      unrecovered: failed.length - recoveryTimes.length,
      medianHours: recoveryMedian,
      band: bandFor('recoveryTime', recoveryMedian, facts.bands),
    },
    timeToRestoreService: {
      incidents: incidents.length,
      medianHours: quantile(restoreTimes, 0.5),
    },
    deploymentReworkRate: {
      deployments: deployments.length,
      rework: rework.length,
      ratio: ratio(rework.length, deployments.length),
    },
  };
}

/**
 * DORA figures of the window [from, to). The input may hold events outside
 * the window: earlier deployments decide which commit deployment came first,
 * later rollbacks and incidents mark deployments in the window as failed.
 */
export function computeDora(input: DoraInput): DoraFigures {
  const { from, to } = parseWindow(input.from, input.to);
  return figuresFor(deriveFacts(input), from, to);
}
