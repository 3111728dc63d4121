/*
 * What the rollout pieces say in words: a phase's error budget burn ("at 25% the budget
 * burned 0.4%", the share written by delivery-common's `formatBudgetShare`, as the
 * verdicts' reasons write it) and the short rollout mark of a table row.
 */
import {
  DeploymentPhase,
  formatBudgetShare,
  RolloutOutcome,
  RolloutStrategy,
} from '@internal/backstage-plugin-delivery-common';

/** Where a phase stood, as the start of its sentence. */
export function phaseLead(
  phase: Pick<DeploymentPhase, 'kind'>,
  weight: number,
): string {
  switch (phase.kind) {
    case 'canary-step':
      return `at ${weight}%`;
    case 'pause':
      return `paused at ${weight}%`;
    case 'analysis':
      return `analysis at ${weight}%`;
    case 'promote':
      return 'promoted to 100%';
    case 'switch':
      return 'at the switch';
    case 'abort':
      return 'during the abort';
    default:
      return `at ${weight}%`;
  }
}

/**
 * One phase's burn in a sentence: "at 25% the budget burned 0.4%". `consumed` is the
 * share of the error budget consumed while the phase ran: null when the SLO backend
 * had no figures ("no SLO figures", never 0%), undefined while it is not known yet. A
 * phase that took no time (finished as it started) has no burn of its own.
 */
export function phaseBurnPhrase(
  phase: Pick<DeploymentPhase, 'kind' | 'status' | 'startedAt' | 'finishedAt'>,
  weight: number,
  consumed: number | null | undefined,
): string {
  const lead = phaseLead(phase, weight);
  if (phase.status === 'pending') return `${lead}: not started`;
  if (
    phase.finishedAt &&
    Date.parse(phase.finishedAt) === Date.parse(phase.startedAt)
  ) {
    return `${lead}: took no time`;
  }
  if (consumed === undefined) return lead;
  if (consumed === null) return `${lead}: no SLO figures`;
  return `${lead} the budget burned ${formatBudgetShare(consumed)}`;
}

export const strategyLabels: Record<RolloutStrategy, string> = {
  canary: 'canary',
  'blue-green': 'blue-green',
};

export const rolloutOutcomeLabels: Record<RolloutOutcome, string> = {
  promoted: 'promoted',
  aborted: 'aborted',
  progressing: 'in progress',
};

/** The mark of a row with phases: "canary · promoted", "blue-green · aborted". */
export function rolloutMarkLabel(
  strategy: RolloutStrategy,
  outcome: RolloutOutcome,
): string {
  return `${strategyLabels[strategy]} · ${rolloutOutcomeLabels[outcome]}`;
}
