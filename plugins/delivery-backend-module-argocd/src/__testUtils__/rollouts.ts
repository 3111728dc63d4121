/*
 * Argo Rollouts objects for tests, in the shapes the controller writes them.
 *
 * Copied as they are (YAML turned into objects):
 * - `rolloutAbortedExample`: a canary aborted by its failed background analysis,
 *   https://github.com/argoproj/argo-rollouts/blob/master/pkg/kubectl-argo-rollouts/info/testdata/rollout-aborted/rollout.yaml
 * - `canaryPausedExample`: a canary paused at its pause step, Argo CD's health check
 *   fixture https://github.com/argoproj/argo-cd/blob/master/resource_customizations/argoproj.io/Rollout/testdata/suspended_controllerPause.yaml
 *
 * Built on them, for the scenarios the tests walk through:
 * - `checkoutRollout`: the canary of examples/rollout-analysis-step.yaml
 *   (https://github.com/argoproj/argo-rollouts/blob/master/examples/rollout-analysis-step.yaml),
 *   its steps 5% → pause → 25% → analysis → 50% → pause, with the status fields of
 *   the objects above and those today's controller adds (`phase`, `message`, the
 *   `Completed`/`Healthy` conditions; pkg/apis/rollouts/v1alpha1/types.go);
 * - `storefrontRollout`: the blue-green of
 *   https://github.com/argoproj/argo-rollouts/blob/master/pkg/kubectl-argo-rollouts/info/testdata/blue-green/bluegreen-rollout.yaml
 *   with a pre-promotion analysis;
 * - `analysisRun`: the AnalysisRun of Argo CD's fixtures
 *   (resource_customizations/argoproj.io/AnalysisRun/testdata/failedAnalysisRun.yaml,
 *   successfulAnalysisRun.yaml) with the labels, revision annotation, `startedAt` and
 *   `completedAt` today's controller writes (rollout/analysis.go, analysis_types.go).
 */

/** rollout-aborted/rollout.yaml, verbatim. */
export const rolloutAbortedExample = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: {
    annotations: { 'rollout.argoproj.io/revision': '2' },
    creationTimestamp: '2020-09-22T09:09:46Z',
    generation: 15,
    name: 'rollout-background-analysis',
    namespace: 'default',
    resourceVersion: '877993',
    selfLink:
      '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/rollout-background-analysis',
    uid: 'aeddde25-f8bd-4a68-a4a1-523a559bdb83',
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'rollout-background-analysis' } },
    strategy: {
      canary: {
        analysis: { templates: [{ templateName: 'web-background' }] },
        steps: [{ setWeight: 10 }, { pause: {} }],
      },
    },
    template: {
      metadata: {
        creationTimestamp: null,
        labels: { app: 'rollout-background-analysis' },
      },
      spec: {
        containers: [
          {
            args: ['--termination-delay', '0'],
            image: 'argoproj/rollouts-demo:yellow',
            name: 'rollouts-demo',
            ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
            resources: { requests: { cpu: '5m', memory: '32Mi' } },
          },
        ],
      },
    },
  },
  status: {
    HPAReplicas: 1,
    abort: true,
    abortedAt: '2020-09-22T09:10:05Z',
    availableReplicas: 1,
    blueGreen: {},
    canary: {
      currentBackgroundAnalysisRunStatus: {
        message:
          'metric "web" assessed Failed due to failed (1) > failureLimit (0)',
        name: 'rollout-background-analysis-db976bc44-2',
        status: 'Failed',
      },
    },
    conditions: [
      {
        lastTransitionTime: '2020-09-22T09:09:47Z',
        lastUpdateTime: '2020-09-22T09:09:47Z',
        message: 'Rollout has minimum availability',
        reason: 'AvailableReason',
        status: 'True',
        type: 'Available',
      },
      {
        lastTransitionTime: '2020-09-22T09:10:04Z',
        lastUpdateTime: '2020-09-22T09:10:04Z',
        message:
          'metric "web" assessed Failed due to failed (1) > failureLimit (0)',
        reason: 'RolloutAborted',
        status: 'False',
        type: 'Progressing',
      },
    ],
    currentPodHash: 'db976bc44',
    currentStepHash: '849b756fd4',
    currentStepIndex: 0,
    observedGeneration: '15',
    readyReplicas: 1,
    replicas: 1,
    selector: 'app=rollout-background-analysis',
    stableRS: '7d84d44bb8',
  },
};

/** suspended_controllerPause.yaml, verbatim (it has no revision annotation). */
export const canaryPausedExample = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'canary-demo', namespace: 'default' },
  spec: {
    replicas: 5,
    revisionHistoryLimit: 1,
    selector: { matchLabels: { app: 'canary-demo' } },
    strategy: {
      canary: {
        canaryService: 'canary-demo-preview',
        steps: [{ setWeight: 20 }, { pause: {} }],
      },
    },
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'canary-demo' } },
      spec: {
        containers: [
          {
            image: 'argoproj/rollouts-demo:yellow',
            imagePullPolicy: 'Always',
            name: 'canary-demo',
          },
        ],
      },
    },
  },
  status: {
    HPAReplicas: 5,
    availableReplicas: 5,
    blueGreen: {},
    canary: { stableRS: '75c96899b8' },
    conditions: [
      {
        lastTransitionTime: '2019-12-09T18:34:12Z',
        lastUpdateTime: '2019-12-09T18:34:12Z',
        message: 'Rollout is paused',
        reason: 'RolloutPaused',
        status: 'Unknown',
        type: 'Progressing',
      },
    ],
    controllerPause: true,
    currentPodHash: '6758949f55',
    currentStepHash: 'f64cdc9d',
    currentStepIndex: 1,
    observedGeneration: '5b9f9dd6c6',
    pauseConditions: [
      { reason: 'CanaryPauseStep', startTime: '2019-12-09T18:34:12Z' },
    ],
    readyReplicas: 5,
    replicas: 5,
    selector: 'app=canary-demo',
    updatedReplicas: 1,
  },
};

type Condition = {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
  lastUpdateTime: string;
};

const condition = (
  type: string,
  status: string,
  reason: string,
  message: string,
  at: string,
): Condition => ({
  lastTransitionTime: at,
  lastUpdateTime: at,
  message,
  reason,
  status,
  type,
});

/** The checkout canary's steps: 5% → pause 10m → 25% → analysis → 50% → pause. */
export const CHECKOUT_STEPS = [
  { setWeight: 5 },
  { pause: { duration: '10m' } },
  { setWeight: 25 },
  { analysis: { templates: [{ templateName: 'success-rate' }] } },
  { setWeight: 50 },
  { pause: {} },
];

/** Pod template hashes of the checkout revisions: 5 (stable before), 6, 7. */
export const CHECKOUT_HASH = {
  '5': '7d84d44bb8',
  '6': '6c54544bb9',
  '7': 'db976bc44',
} as const;

export interface CanaryState {
  revision: '5' | '6' | '7';
  /** The stable revision's hash. */
  stableRS: string;
  currentStepIndex: number;
  abort?: boolean;
  abortedAt?: string;
  pauseConditions?: { reason: string; startTime: string }[];
  phase: 'Progressing' | 'Paused' | 'Healthy' | 'Degraded';
  message?: string;
  /** `Completed` True since this time (fully promoted). */
  completedAt?: string;
  /** When the rollout of the revision began (the Progressing condition). */
  progressingSince: string;
  stepAnalysis?: { name: string; status: string; message?: string };
}

/** The Progressing condition the controller keeps for the canary in `state`. */
function progressingCondition(state: CanaryState, podHash: string): Condition {
  if (state.abort) {
    return condition(
      'Progressing',
      'False',
      'RolloutAborted',
      `Rollout aborted update to revision ${state.revision}`,
      state.abortedAt ?? state.progressingSince,
    );
  }
  const pause = state.pauseConditions?.[0];
  if (pause) {
    return condition(
      'Progressing',
      'Unknown',
      'RolloutPaused',
      'Rollout is paused',
      pause.startTime,
    );
  }
  return state.completedAt
    ? condition(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "checkout-${podHash}" has successfully progressed.`,
        state.progressingSince,
      )
    : condition(
        'Progressing',
        'True',
        'ReplicaSetUpdated',
        `ReplicaSet "checkout-${podHash}" is progressing.`,
        state.progressingSince,
      );
}

/**
 * The Rollout `checkout` of application checkout-prod (namespace checkout-prod), as
 * the controller writes it in `state`, tracked by Argo CD's annotation.
 */
export function checkoutRollout(state: CanaryState) {
  const podHash = CHECKOUT_HASH[state.revision];
  const paused = (state.pauseConditions ?? []).length > 0;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      annotations: {
        'argocd.argoproj.io/tracking-id':
          'checkout-prod:argoproj.io/Rollout:checkout-prod/checkout',
        'rollout.argoproj.io/revision': state.revision,
      },
      creationTimestamp: '2024-01-08T16:46:02Z',
      generation: 31,
      labels: { app: 'checkout' },
      name: 'checkout',
      namespace: 'checkout-prod',
      resourceVersion: '28253567',
      uid: 'b350ba76-f6ed-11e9-a15b-42010aa80033',
    },
    spec: {
      replicas: 5,
      revisionHistoryLimit: 3,
      selector: { matchLabels: { app: 'checkout' } },
      strategy: {
        canary: { canaryService: 'checkout-canary', steps: CHECKOUT_STEPS },
      },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'checkout' } },
        spec: {
          containers: [
            {
              image: `registry.example.com/shop/checkout:r${state.revision}`,
              name: 'checkout',
              ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
              resources: { requests: { cpu: '5m', memory: '32Mi' } },
            },
          ],
        },
      },
    },
    status: {
      HPAReplicas: 5,
      ...(state.abort ? { abort: true } : {}),
      ...(state.abortedAt ? { abortedAt: state.abortedAt } : {}),
      availableReplicas: 5,
      blueGreen: {},
      canary: state.stepAnalysis
        ? { currentStepAnalysisRunStatus: state.stepAnalysis }
        : {},
      conditions: [
        condition(
          'Available',
          'True',
          'AvailableReason',
          'Rollout has minimum availability',
          '2024-01-08T16:46:40Z',
        ),
        progressingCondition(state, podHash),
        state.completedAt
          ? condition(
              'Completed',
              'True',
              'RolloutCompleted',
              'RolloutCompleted',
              state.completedAt,
            )
          : condition(
              'Completed',
              'False',
              'RolloutCompleted',
              'RolloutCompleted',
              state.progressingSince,
            ),
      ],
      ...(paused ? { controllerPause: true } : {}),
      currentPodHash: podHash,
      currentStepHash: '5f8fbdf7bb',
      currentStepIndex: state.currentStepIndex,
      observedGeneration: '31',
      ...(paused ? { pauseConditions: state.pauseConditions } : {}),
      phase: state.phase,
      ...(state.message ? { message: state.message } : {}),
      readyReplicas: 5,
      replicas: 6,
      selector: 'app=checkout',
      stableRS: state.stableRS,
      updatedReplicas: state.completedAt ? 5 : 1,
    },
  };
}

/** An AnalysisRun the checkout or storefront Rollout created for its revision. */
export function analysisRun(options: {
  rollout: string;
  podHash: string;
  revision: string;
  /** Step, Background, PrePromotion, PostPromotion. */
  type: string;
  stepIndex?: number;
  template: string;
  phase: 'Running' | 'Successful' | 'Failed';
  createdAt: string;
  completedAt?: string;
  measurements: {
    startedAt: string;
    finishedAt: string;
    phase: string;
    value: string;
  }[];
}) {
  // rollout/analysis.go: the step index, `pre` or `post` after the revision.
  const infixes: Record<string, string> = {
    Step: `-${options.stepIndex}`,
    PrePromotion: '-pre',
    PostPromotion: '-post',
  };
  const infix = infixes[options.type] ?? '';
  const failed = options.phase === 'Failed';
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      annotations: { 'rollout.argoproj.io/revision': options.revision },
      creationTimestamp: options.createdAt,
      labels: {
        app: options.rollout,
        'rollout-type': options.type,
        'rollouts-pod-template-hash': options.podHash,
        ...(options.stepIndex !== undefined
          ? { 'step-index': String(options.stepIndex) }
          : {}),
      },
      name: `${options.rollout}-${options.podHash}-${options.revision}${infix}`,
      namespace: `${options.rollout}-prod`,
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          blockOwnerDeletion: true,
          controller: true,
          kind: 'Rollout',
          name: options.rollout,
          uid: 'b350ba76-f6ed-11e9-a15b-42010aa80033',
        },
      ],
    },
    spec: {
      metrics: [
        {
          failureCondition: 'result[0] < 0.95',
          failureLimit: 0,
          interval: '1m',
          name: options.template,
          provider: {
            prometheus: {
              address: 'http://prometheus.monitoring:9090',
              query: `sum(rate(http_requests_total{app="${options.rollout}",code!~"5.."}[2m])) / sum(rate(http_requests_total{app="${options.rollout}"}[2m]))`,
            },
          },
          successCondition: 'result[0] >= 0.95',
        },
      ],
    },
    status: {
      ...(options.completedAt ? { completedAt: options.completedAt } : {}),
      ...(failed
        ? {
            message: `Metric "${options.template}" assessed Failed due to failed (1) > failureLimit (0)`,
          }
        : {}),
      metricResults: [
        {
          count: options.measurements.length,
          ...(failed ? { failed: 1 } : {}),
          measurements: options.measurements,
          name: options.template,
          phase: options.phase,
          successful: options.measurements.filter(m => m.phase === 'Successful')
            .length,
        },
      ],
      phase: options.phase,
      runSummary: {
        count: 1,
        ...(failed ? { failed: 1 } : { successful: 1 }),
      },
      startedAt: options.createdAt,
    },
  };
}

/** Hashes of the storefront revisions: 3 (stable before) and 4. */
export const STOREFRONT_HASH = {
  '3': '6cbccd9f99',
  '4': '74b948fccb',
} as const;

/**
 * The blue-green Rollout `storefront` of application storefront-prod: manual
 * promotion, a pre-promotion analysis `smoke`, preview service; `active` and
 * `preview` are the hashes its services select.
 */
export function storefrontRollout(state: {
  /** Default 4. */
  revision?: '3' | '4';
  active: string;
  preview: string;
  stableRS: string;
  pausedAt?: string;
  phase: 'Progressing' | 'Paused' | 'Healthy';
  completedAt?: string;
  progressingSince: string;
}) {
  const revision = state.revision ?? '4';
  const podHash = STOREFRONT_HASH[revision];
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      annotations: { 'rollout.argoproj.io/revision': revision },
      creationTimestamp: '2019-10-26T03:23:34Z',
      generation: 410,
      labels: {
        app: 'storefront',
        // Label tracking (Argo CD before 3.0).
        'app.kubernetes.io/instance': 'storefront-prod',
      },
      name: 'storefront',
      namespace: 'storefront-prod',
      resourceVersion: '28252661',
      uid: 'fe2872f3-f79f-11e9-a15b-42010aa80033',
    },
    spec: {
      replicas: 3,
      revisionHistoryLimit: 3,
      selector: { matchLabels: { app: 'storefront' } },
      strategy: {
        blueGreen: {
          activeService: 'storefront',
          autoPromotionEnabled: false,
          prePromotionAnalysis: { templates: [{ templateName: 'smoke' }] },
          previewService: 'storefront-preview',
        },
      },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'storefront' } },
        spec: {
          containers: [
            {
              image: 'argoproj/rollouts-demo:green',
              imagePullPolicy: 'Always',
              name: 'storefront',
              ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
              resources: { requests: { cpu: '5m', memory: '32Mi' } },
            },
          ],
        },
      },
    },
    status: {
      HPAReplicas: 3,
      availableReplicas: 3,
      blueGreen: {
        activeSelector: state.active,
        previewSelector: state.preview,
      },
      canary: {},
      conditions: [
        condition(
          'Available',
          'True',
          'AvailableReason',
          'Rollout has minimum availability',
          '2019-10-26T03:23:36Z',
        ),
        state.pausedAt
          ? condition(
              'Progressing',
              'Unknown',
              'RolloutPaused',
              'Rollout is paused',
              state.pausedAt,
            )
          : condition(
              'Progressing',
              'True',
              state.completedAt
                ? 'NewReplicaSetAvailable'
                : 'ReplicaSetUpdated',
              `ReplicaSet "storefront-${podHash}" ${
                state.completedAt
                  ? 'has successfully progressed'
                  : 'is progressing'
              }.`,
              state.progressingSince,
            ),
        condition(
          'Completed',
          state.completedAt ? 'True' : 'False',
          'RolloutCompleted',
          'RolloutCompleted',
          state.completedAt ?? state.progressingSince,
        ),
      ],
      ...(state.pausedAt ? { controllerPause: true } : {}),
      currentPodHash: podHash,
      observedGeneration: '410',
      ...(state.pausedAt
        ? {
            pauseConditions: [
              { reason: 'BlueGreenPause', startTime: state.pausedAt },
            ],
          }
        : {}),
      phase: state.phase,
      readyReplicas: 6,
      replicas: 6,
      selector: `app=storefront,rollouts-pod-template-hash=${state.active}`,
      stableRS: state.stableRS,
      updatedReplicas: 3,
    },
  };
}
