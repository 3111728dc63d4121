import {
  ArgoAnalysisRun,
  ArgoRollout,
  ArgoRolloutsTrigger,
} from '@internal/backstage-plugin-delivery-node';
import { planOf, RolloutPlan } from './plan';

/** The annotation Argo Rollouts numbers a Rollout's revisions (pod templates) with. */
export const REVISION_ANNOTATION = 'rollout.argoproj.io/revision';

/** An AnalysisRun of the Rollout's current revision. */
export interface AnalysisRunFact {
  name: string;
  /** From its `rollout-type` label. */
  type: 'step' | 'background' | 'pre' | 'post';
  /** The canary step that created it (`step-index` label). */
  stepIndex?: number;
  /** Pending, Running, Successful, Failed, Error, Inconclusive. */
  phase: string;
  /** When it was created: its step began then. */
  startedAt?: string;
  /** When it completed (`status.completedAt`), once it has. */
  finishedAt?: string;
}

/**
 * What a transition a notification reports did, at the notification's time. Argo
 * Rollouts renders a notification over the Rollout as it was before the transition.
 */
export type Transition =
  /** A new revision (pod template) started rolling out. */
  | 'revision-started'
  /** The step at the Rollout's `currentStepIndex` completed. */
  | 'step-completed'
  | 'paused'
  | 'resumed'
  | 'aborted'
  /** Fully promoted: the new revision is the stable one. */
  | 'completed'
  /** Blue-green: the active service switched to the new revision. */
  | 'switched';

/** A Rollout as seen once (a notification, or a pull), normalised. */
export interface RolloutObservation {
  rollout: { namespace: string; name: string };
  revision: string;
  podHash?: string;
  plan: RolloutPlan;
  /** When it was seen: the notification's time, or the pull's. */
  at: string;
  transition?: Transition;
  /** `status.currentStepIndex` (canary). */
  stepIndex?: number;
  aborted: boolean;
  abortedAt?: string;
  /** `pauseConditions[CanaryPauseStep].startTime`: the pause step began then. */
  canaryPauseStartedAt?: string;
  /** `pauseConditions[BlueGreenPause].startTime`. */
  blueGreenPauseStartedAt?: string;
  /** The new revision is the stable one (`stableRS` = `currentPodHash`). */
  promoted: boolean;
  /** When it became so: the `Completed` condition's transition to True. */
  completedAt?: string;
  analyses: AnalysisRunFact[];
  /** When the revision's ReplicaSet was created (the pull reads it from the resource tree). */
  replicaSetCreatedAt?: string;
}

const TRANSITIONS: Record<ArgoRolloutsTrigger, Transition> = {
  'on-rollout-updated': 'revision-started',
  'on-rollout-step-completed': 'step-completed',
  'on-rollout-paused': 'paused',
  'on-rollout-resumed': 'resumed',
  'on-rollout-aborted': 'aborted',
  'on-rollout-completed': 'completed',
  'on-switch-service': 'switched',
};

const RUN_TYPES: Record<string, AnalysisRunFact['type']> = {
  Step: 'step',
  Background: 'background',
  PrePromotion: 'pre',
  PostPromotion: 'post',
};

const COMPLETED_RUN_PHASES = ['Successful', 'Failed', 'Error', 'Inconclusive'];

/**
 * The runs of this revision, as the controller picks them for notifications: its pod
 * template hash label and its revision annotation (when the run has one).
 */
function analysesOf(
  runs: ArgoAnalysisRun[],
  podHash: string,
  revision: string,
): AnalysisRunFact[] {
  return runs.flatMap(run => {
    const { name, labels, annotations, creationTimestamp } = run.metadata;
    const type = RUN_TYPES[labels?.['rollout-type'] ?? ''];
    const runRevision = annotations?.[REVISION_ANNOTATION];
    if (
      !type ||
      labels?.['rollouts-pod-template-hash'] !== podHash ||
      (runRevision !== undefined && runRevision !== revision)
    ) {
      return [];
    }
    const step = Number(labels?.['step-index']);
    const phase = run.status?.phase || 'Pending';
    const startedAt = creationTimestamp ?? run.status?.startedAt ?? undefined;
    const finishedAt = COMPLETED_RUN_PHASES.includes(phase)
      ? run.status?.completedAt ?? undefined
      : undefined;
    return [
      {
        name,
        type,
        ...(type === 'step' && Number.isInteger(step)
          ? { stepIndex: step }
          : {}),
        phase,
        ...(startedAt ? { startedAt } : {}),
        ...(finishedAt ? { finishedAt } : {}),
      },
    ];
  });
}

/**
 * Blue-green: whether an `on-switch-service` notification is the active service's
 * switch (the promotion), not the preview's (at the start). Before the active switch
 * the preview already serves the new revision; without a preview service only the
 * active one switches.
 */
function isActiveSwitch(rollout: ArgoRollout): boolean {
  const current = rollout.status?.currentPodHash;
  const bg = rollout.status?.blueGreen;
  if (!current || bg?.activeSelector === current) return false;
  return (
    !rollout.spec.strategy?.blueGreen?.previewService ||
    bg?.previewSelector === current
  );
}

/**
 * Normalises a Rollout seen at `at`, with the transition its notification reports
 * (if any), the AnalysisRuns of its current revision and, from the pull, its
 * ReplicaSet's creation. Undefined for a Rollout the phases cannot be told of: no
 * revision yet (the controller has not reconciled it), or neither canary nor
 * blue-green (a workloadRef without strategy).
 */
export function observeRollout(
  rollout: ArgoRollout,
  context: {
    at: string;
    trigger?: ArgoRolloutsTrigger;
    analysisRuns?: ArgoAnalysisRun[] | null;
    replicaSetCreatedAt?: string;
  },
): RolloutObservation | undefined {
  const revision =
    rollout.metadata.annotations?.[REVISION_ANNOTATION] ?? undefined;
  const plan = planOf(rollout.spec.strategy);
  if (!revision || !plan) return undefined;
  let transition = context.trigger ? TRANSITIONS[context.trigger] : undefined;
  if (
    transition === 'switched' &&
    (plan.strategy !== 'blue-green' || !isActiveSwitch(rollout))
  ) {
    // A preview switch, or a canary's stable/canary service switch.
    transition = undefined;
  }
  const base = {
    rollout: {
      namespace: rollout.metadata.namespace,
      name: rollout.metadata.name,
    },
    revision,
    plan,
    at: context.at,
    ...(transition ? { transition } : {}),
    ...(context.replicaSetCreatedAt
      ? { replicaSetCreatedAt: context.replicaSetCreatedAt }
      : {}),
  };
  if (transition === 'revision-started') {
    // The notification carries the status of the previous revision.
    return { ...base, aborted: false, promoted: false, analyses: [] };
  }
  const status = rollout.status ?? {};
  const podHash = status.currentPodHash ?? undefined;
  const pauseOf = (reason: string) =>
    status.pauseConditions?.find(p => p.reason === reason)?.startTime;
  const aborted = !!status.abort;
  const promoted = !!podHash && status.stableRS === podHash && !aborted;
  const completed = status.conditions?.find(
    c => c.type === 'Completed' && c.status === 'True',
  );
  const canaryPause = pauseOf('CanaryPauseStep');
  const blueGreenPause = pauseOf('BlueGreenPause');
  return {
    ...base,
    ...(podHash ? { podHash } : {}),
    ...(status.currentStepIndex !== null &&
    status.currentStepIndex !== undefined
      ? { stepIndex: status.currentStepIndex }
      : {}),
    aborted,
    ...(aborted && status.abortedAt ? { abortedAt: status.abortedAt } : {}),
    ...(canaryPause ? { canaryPauseStartedAt: canaryPause } : {}),
    ...(blueGreenPause ? { blueGreenPauseStartedAt: blueGreenPause } : {}),
    promoted,
    ...(promoted && completed?.lastTransitionTime
      ? { completedAt: completed.lastTransitionTime }
      : {}),
    analyses: podHash
      ? analysesOf(context.analysisRuns ?? [], podHash, revision)
      : [],
  };
}
