/*
 * What the rollout pieces say in words: a phase's error budget burn ("at 25% the budget
 * burned 0.4%"), a share of the budget, and the short rollout mark of a table row.
 */
import type {
  DeploymentPhase,
  RolloutOutcome,
  RolloutStrategy,
} from '@internal/backstage-plugin-delivery-common';

/**
 * A share of the error budget (0.004 → "0.4%", 0.0423 → "4.23%"), two decimals at
 * most; a burn too small to show at two decimals is "<0.01%", never "0%", which only a
 * zero burn reads. The same rule as the backend's verdict reasons.
 */
export function formatBudgetShare(share: number): string {
  const percent = Number((share * 100).toPrecision(12));
  const rounded = Math.round(percent * 100) / 100;
  if (rounded === 0 && percent !== 0) return percent > 0 ? '<0.01%' : '>-0.01%';
  return `${rounded}%`;
}

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
      return 'after the switch';
    case 'abort':
      return 'after the abort';
    default:
      return `at ${weight}%`;
  }
}

/**
 * One phase's burn in a sentence: "at 25% the budget burned 0.4%". `consumed` is the
 * share of the error budget consumed while the phase ran: null when the SLO backend
 * had no figures ("no SLO figures", never 0%), undefined while it is not known yet.
 */
export function phaseBurnPhrase(
  phase: Pick<DeploymentPhase, 'kind' | 'status'>,
  weight: number,
  consumed: number | null | undefined,
): string {
  const lead = phaseLead(phase, weight);
  if (phase.status === 'pending') return `${lead}: not started`;
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
