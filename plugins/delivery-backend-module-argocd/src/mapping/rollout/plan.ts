import { ArgoRollout } from '@internal/backstage-plugin-delivery-node';

/** One step of a canary strategy, as far as phases tell it. */
export type StepPlan =
  | { kind: 'setWeight'; weight: number }
  /** `duration` as written (`10m`, `30s`); absent: paused until promoted. */
  | { kind: 'pause'; duration?: string }
  | { kind: 'analysis'; templates: string[] }
  | { kind: 'experiment' }
  /** setCanaryScale, setHeaderRoute, setMirrorRoute, plugin: no traffic weight of their own. */
  | { kind: 'other'; what: string };

/** What a Rollout's strategy plans, the parts its phases are named and ordered by. */
export type RolloutPlan =
  | {
      strategy: 'canary';
      steps: StepPlan[];
      /** Templates of the background analysis, when the strategy has one. */
      background?: string[];
    }
  | {
      strategy: 'blue-green';
      /** False when the rollout pauses for a promotion before the switch. */
      autoPromotion: boolean;
      prePromotion?: string[];
      postPromotion?: string[];
    };

type Strategy = NonNullable<ArgoRollout['spec']['strategy']>;
type Analysis = { templates?: { templateName?: string | null }[] | null };

const templatesOf = (analysis: Analysis | null | undefined) =>
  (analysis?.templates ?? []).flatMap(t =>
    t.templateName ? [t.templateName] : [],
  );

/**
 * A pause duration as Argo Rollouts reads it: an integer or a string without a unit
 * is seconds, a string with units is a Go duration (`1h30m`).
 */
export function pauseDuration(
  duration: number | string | null | undefined,
): string | undefined {
  if (duration === null || duration === undefined) return undefined;
  if (typeof duration === 'number' || /^\d+$/.test(duration)) {
    return `${duration}s`;
  }
  return duration;
}

function stepPlan(step: NonNullable<Strategy['canary']>['steps']): StepPlan[] {
  return (step ?? []).map(s => {
    if (s.setWeight !== null && s.setWeight !== undefined) {
      return { kind: 'setWeight', weight: s.setWeight };
    }
    if (s.pause) {
      const duration = pauseDuration(s.pause.duration);
      return duration ? { kind: 'pause', duration } : { kind: 'pause' };
    }
    if (s.analysis)
      return { kind: 'analysis', templates: templatesOf(s.analysis) };
    if (s.experiment) return { kind: 'experiment' };
    const other = (
      ['setCanaryScale', 'setHeaderRoute', 'setMirrorRoute'] as const
    ).find(key => s[key]);
    let what = other ?? 'unknown step';
    if (!other && s.plugin) what = `plugin ${s.plugin.name ?? ''}`.trim();
    return { kind: 'other', what };
  });
}

/** The plan of a Rollout's strategy; undefined when it has neither canary nor blue-green. */
export function planOf(
  strategy: ArgoRollout['spec']['strategy'],
): RolloutPlan | undefined {
  if (strategy?.blueGreen) {
    const bg = strategy.blueGreen;
    const pre = templatesOf(bg.prePromotionAnalysis);
    const post = templatesOf(bg.postPromotionAnalysis);
    return {
      strategy: 'blue-green',
      autoPromotion: bg.autoPromotionEnabled ?? true,
      ...(bg.prePromotionAnalysis ? { prePromotion: pre } : {}),
      ...(bg.postPromotionAnalysis ? { postPromotion: post } : {}),
    };
  }
  if (strategy?.canary) {
    const { canary } = strategy;
    return {
      strategy: 'canary',
      steps: stepPlan(canary.steps),
      ...(canary.analysis ? { background: templatesOf(canary.analysis) } : {}),
    };
  }
  return undefined;
}
