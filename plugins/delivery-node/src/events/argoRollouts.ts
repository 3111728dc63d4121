import { z } from 'zod';

/*
 * Argo Rollouts as the Argo CD source reads it: the Rollout and AnalysisRun fields the
 * phases of a progressive rollout are built from, as Argo Rollouts' Go types define them
 * (https://github.com/argoproj/argo-rollouts/blob/master/pkg/apis/rollouts/v1alpha1/types.go,
 * analysis_types.go), and the body its notifications webhook posts with the template
 * the Argo CD delivery module's README recommends. Here because both halves of the
 * source use them: the events module answers a body that does not fit 400 naming the
 * field, the delivery module maps what fits (and the Rollouts the pull reads).
 * Go writes absent optional fields as missing or null; unknown fields are dropped.
 */

// metav1.Time (RFC 3339, UTC) or Go's time.Time as JSON (RFC 3339 with nanoseconds).
const time = z.iso.datetime({ offset: true });

/** AnalysisTemplate references of a step, background or promotion analysis. */
const rolloutAnalysisSchema = z.object({
  templates: z
    .array(
      z.object({
        templateName: z.string().nullish(),
        clusterScope: z.boolean().nullish(),
      }),
    )
    .nullish(),
});

/** v1alpha1.CanaryStep: one of its fields is set. */
export const canaryStepSchema = z.object({
  setWeight: z.number().int().min(0).max(100).nullish(),
  // `duration` is seconds (a number) or a Go duration string such as "10m".
  pause: z
    .object({ duration: z.union([z.number(), z.string()]).nullish() })
    .nullish(),
  analysis: rolloutAnalysisSchema.nullish(),
  experiment: z.object({}).nullish(),
  setCanaryScale: z.object({}).nullish(),
  setHeaderRoute: z.object({}).nullish(),
  setMirrorRoute: z.object({}).nullish(),
  plugin: z.object({ name: z.string().nullish() }).nullish(),
});

/** v1alpha1.RolloutAnalysisRunStatus, the status the Rollout keeps of a run. */
const analysisRunRefSchema = z.object({
  name: z.string().nullish(),
  status: z.string().nullish(),
  message: z.string().nullish(),
});

/** v1alpha1.Rollout, the fields its phases are built from. */
export const rolloutSchema = z.object({
  metadata: z.object({
    name: z.string().min(1),
    namespace: z.string().min(1),
    uid: z.string().nullish(),
    labels: z.record(z.string(), z.string()).nullish(),
    // The template sends the two it needs; a whole object may carry any.
    annotations: z.record(z.string(), z.string().nullish()).nullish(),
  }),
  spec: z.object({
    strategy: z
      .object({
        canary: z
          .object({
            steps: z.array(canaryStepSchema).nullish(),
            // Background analysis, from `startingStep` on.
            analysis: rolloutAnalysisSchema.nullish(),
          })
          .nullish(),
        blueGreen: z
          .object({
            activeService: z.string().nullish(),
            previewService: z.string().nullish(),
            autoPromotionEnabled: z.boolean().nullish(),
            autoPromotionSeconds: z.number().int().nullish(),
            prePromotionAnalysis: rolloutAnalysisSchema.nullish(),
            postPromotionAnalysis: rolloutAnalysisSchema.nullish(),
          })
          .nullish(),
      })
      .nullish(),
  }),
  status: z
    .object({
      abort: z.boolean().nullish(),
      abortedAt: time.nullish(),
      pauseConditions: z
        .array(z.object({ reason: z.string(), startTime: time }))
        .nullish(),
      controllerPause: z.boolean().nullish(),
      currentPodHash: z.string().nullish(),
      currentStepHash: z.string().nullish(),
      currentStepIndex: z.number().int().min(0).nullish(),
      stableRS: z.string().nullish(),
      promoteFull: z.boolean().nullish(),
      // Healthy, Progressing, Paused, Degraded.
      phase: z.string().nullish(),
      message: z.string().nullish(),
      conditions: z
        .array(
          z.object({
            type: z.string(),
            status: z.string(),
            reason: z.string().nullish(),
            message: z.string().nullish(),
            lastTransitionTime: time.nullish(),
            lastUpdateTime: time.nullish(),
          }),
        )
        .nullish(),
      canary: z
        .object({
          currentStepAnalysisRunStatus: analysisRunRefSchema.nullish(),
          currentBackgroundAnalysisRunStatus: analysisRunRefSchema.nullish(),
        })
        .nullish(),
      blueGreen: z
        .object({
          activeSelector: z.string().nullish(),
          previewSelector: z.string().nullish(),
          prePromotionAnalysisRunStatus: analysisRunRefSchema.nullish(),
          postPromotionAnalysisRunStatus: analysisRunRefSchema.nullish(),
        })
        .nullish(),
    })
    .nullish(),
});

/** v1alpha1.AnalysisRun: which run it is (its labels) and when it ran. */
export const analysisRunSchema = z.object({
  metadata: z.object({
    name: z.string().min(1),
    creationTimestamp: time.nullish(),
    // rollout-type (Step, Background, PrePromotion, PostPromotion), step-index,
    // rollouts-pod-template-hash.
    labels: z.record(z.string(), z.string()).nullish(),
    // rollout.argoproj.io/revision: the Rollout revision that created it.
    annotations: z.record(z.string(), z.string()).nullish(),
  }),
  status: z
    .object({
      // Pending, Running, Successful, Failed, Error, Inconclusive.
      phase: z.string().nullish(),
      message: z.string().nullish(),
      startedAt: time.nullish(),
      completedAt: time.nullish(),
    })
    .nullish(),
});

/**
 * The notification triggers the module maps, named as Argo Rollouts names them: the
 * controller fires `on-<event reason>` (RolloutStepCompleted → on-rollout-step-completed)
 * with the Rollout as it was before the transition.
 */
export const ARGO_ROLLOUTS_TRIGGERS = [
  'on-rollout-updated',
  'on-rollout-step-completed',
  'on-rollout-paused',
  'on-rollout-resumed',
  'on-rollout-aborted',
  'on-rollout-completed',
  'on-switch-service',
] as const;

/**
 * A notification trigger the module maps.
 * @public
 */
export type ArgoRolloutsTrigger = (typeof ARGO_ROLLOUTS_TRIGGERS)[number];

/**
 * The body of the recommended Argo Rollouts notification template: the Argo CD
 * instance the Rollout's application lives on (as configured in Backstage), the
 * trigger that fired (the subscription's recipient), the controller's clock when it
 * fired, the Rollout, and the AnalysisRuns of its current revision.
 */
export const argoRolloutsNotificationSchema = z.object({
  instance: z.string().min(1),
  trigger: z.enum(ARGO_ROLLOUTS_TRIGGERS, {
    error: `must be the trigger the subscription is for, one of ${ARGO_ROLLOUTS_TRIGGERS.join(
      ', ',
    )} (the recipient of the subscription, see the README)`,
  }),
  at: time,
  rollout: rolloutSchema,
  analysisRuns: z.array(analysisRunSchema).nullish(),
});

/**
 * A Rollout, the fields the phases are built from.
 * @public
 */
export type ArgoRollout = z.infer<typeof rolloutSchema>;
/**
 * An AnalysisRun: which run of which revision, and when it ran.
 * @public
 */
export type ArgoAnalysisRun = z.infer<typeof analysisRunSchema>;
/**
 * A notification of the recommended Argo Rollouts template.
 * @public
 */
export type ArgoRolloutsNotification = z.infer<
  typeof argoRolloutsNotificationSchema
>;
