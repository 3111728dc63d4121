/*
 * The notifications Argo Rollouts sends while the checkout canary and the storefront
 * blue-green roll out, in order: the trigger, the controller's clock when it fired,
 * and the Rollout and AnalysisRuns it renders the template over. Argo Rollouts
 * renders over the Rollout as it was before the transition
 * (utils/record/record.go: the event, and with it the notification, is recorded
 * with the rollout the reconciliation started from): `on-rollout-step-completed`
 * shows the completed step as the current one, `on-rollout-updated` the previous
 * revision's status under the new revision annotation.
 */
import { ArgoRolloutsTrigger } from '@internal/backstage-plugin-delivery-node';
import {
  analysisRun,
  CanaryState,
  CHECKOUT_HASH,
  checkoutRollout,
  STOREFRONT_HASH,
  storefrontRollout,
} from './rollouts';

export interface Notified {
  trigger: ArgoRolloutsTrigger;
  at: string;
  rollout:
    | ReturnType<typeof checkoutRollout>
    | ReturnType<typeof storefrontRollout>;
  analysisRuns: ReturnType<typeof analysisRun>[] | null;
}

/** The revision annotation says `revision`, the status is still the previous one's. */
function updatedTo<
  T extends { metadata: { annotations: Record<string, string> } },
>(rollout: T, revision: string): T {
  return {
    ...rollout,
    metadata: {
      ...rollout.metadata,
      annotations: {
        ...rollout.metadata.annotations,
        'rollout.argoproj.io/revision': revision,
      },
    },
  };
}

const canary = (state: Omit<CanaryState, 'phase'> & Partial<CanaryState>) =>
  checkoutRollout({ phase: 'Progressing', ...state });

/** Revision 5 of checkout, stable since May 10. */
const checkout5Done = checkoutRollout({
  revision: '5',
  stableRS: CHECKOUT_HASH['5'],
  currentStepIndex: 6,
  phase: 'Healthy',
  completedAt: '2024-05-10T07:20:00Z',
  progressingSince: '2024-05-10T07:01:00Z',
});

const successRate6 = (phase: 'Running' | 'Successful', completedAt?: string) =>
  analysisRun({
    rollout: 'checkout',
    podHash: CHECKOUT_HASH['6'],
    revision: '6',
    type: 'Step',
    stepIndex: 3,
    template: 'success-rate',
    phase,
    createdAt: '2024-05-15T13:41:03Z',
    ...(completedAt ? { completedAt } : {}),
    measurements: [
      {
        startedAt: '2024-05-15T13:41:03Z',
        finishedAt: '2024-05-15T13:41:04Z',
        phase: 'Successful',
        value: '[0.9971]',
      },
      ...(completedAt
        ? [
            {
              startedAt: '2024-05-15T13:46:03Z',
              finishedAt: '2024-05-15T13:46:04Z',
              phase: 'Successful',
              value: '[0.9968]',
            },
          ]
        : []),
    ],
  });

const rev6 = {
  revision: '6' as const,
  stableRS: CHECKOUT_HASH['5'],
  progressingSince: '2024-05-15T13:30:41Z',
};

/**
 * Revision 6 of checkout (the May 15 sync, started 13:30:00): through its six steps,
 * promoted by hand at 14:20, completed 14:20:31.880.
 */
export const checkoutPromoted: Notified[] = [
  {
    trigger: 'on-rollout-updated',
    at: '2024-05-15T13:30:41.502Z',
    rollout: updatedTo(checkout5Done, '6'),
    analysisRuns: null,
  },
  {
    trigger: 'on-rollout-step-completed',
    at: '2024-05-15T13:30:52.117Z',
    rollout: canary({ ...rev6, currentStepIndex: 0 }),
    analysisRuns: null,
  },
  {
    trigger: 'on-rollout-paused',
    at: '2024-05-15T13:30:52.348Z',
    rollout: canary({ ...rev6, currentStepIndex: 1 }),
    analysisRuns: null,
  },
  {
    trigger: 'on-rollout-step-completed',
    at: '2024-05-15T13:40:52.201Z',
    rollout: canary({
      ...rev6,
      currentStepIndex: 1,
      phase: 'Paused',
      message: 'CanaryPauseStep',
      pauseConditions: [
        { reason: 'CanaryPauseStep', startTime: '2024-05-15T13:30:52Z' },
      ],
    }),
    analysisRuns: null,
  },
  {
    trigger: 'on-rollout-step-completed',
    at: '2024-05-15T13:41:03.650Z',
    rollout: canary({ ...rev6, currentStepIndex: 2 }),
    analysisRuns: null,
  },
  {
    trigger: 'on-rollout-step-completed',
    at: '2024-05-15T13:46:05.012Z',
    rollout: canary({
      ...rev6,
      currentStepIndex: 3,
      stepAnalysis: {
        name: `checkout-${CHECKOUT_HASH['6']}-6-3`,
        status: 'Successful',
      },
    }),
    analysisRuns: [successRate6('Successful', '2024-05-15T13:46:04Z')],
  },
  {
    trigger: 'on-rollout-step-completed',
    at: '2024-05-15T13:46:17.390Z',
    rollout: canary({ ...rev6, currentStepIndex: 4 }),
    analysisRuns: [successRate6('Successful', '2024-05-15T13:46:04Z')],
  },
  {
    trigger: 'on-rollout-paused',
    at: '2024-05-15T13:46:17.611Z',
    rollout: canary({ ...rev6, currentStepIndex: 5 }),
    analysisRuns: [successRate6('Successful', '2024-05-15T13:46:04Z')],
  },
  {
    trigger: 'on-rollout-step-completed',
    at: '2024-05-15T14:20:00.045Z',
    rollout: canary({ ...rev6, currentStepIndex: 5 }),
    analysisRuns: [successRate6('Successful', '2024-05-15T13:46:04Z')],
  },
  {
    trigger: 'on-rollout-completed',
    at: '2024-05-15T14:20:31.880Z',
    rollout: canary({ ...rev6, currentStepIndex: 6 }),
    analysisRuns: [successRate6('Successful', '2024-05-15T13:46:04Z')],
  },
];

/** Revision 6 of checkout once promoted: how the pull finds it afterwards. */
export const checkout6Done = checkoutRollout({
  ...rev6,
  stableRS: CHECKOUT_HASH['6'],
  currentStepIndex: 6,
  phase: 'Healthy',
  completedAt: '2024-05-15T14:20:31Z',
});

const successRate7 = analysisRun({
  rollout: 'checkout',
  podHash: CHECKOUT_HASH['7'],
  revision: '7',
  type: 'Step',
  stepIndex: 3,
  template: 'success-rate',
  phase: 'Failed',
  createdAt: '2024-05-16T09:11:02Z',
  completedAt: '2024-05-16T09:13:02Z',
  measurements: [
    {
      startedAt: '2024-05-16T09:11:02Z',
      finishedAt: '2024-05-16T09:11:03Z',
      phase: 'Successful',
      value: '[0.9902]',
    },
    {
      startedAt: '2024-05-16T09:12:02Z',
      finishedAt: '2024-05-16T09:12:03Z',
      phase: 'Successful',
      value: '[0.9611]',
    },
    {
      startedAt: '2024-05-16T09:13:01Z',
      finishedAt: '2024-05-16T09:13:02Z',
      phase: 'Failed',
      value: '[0.8813]',
    },
  ],
});

const rev7 = {
  revision: '7' as const,
  stableRS: CHECKOUT_HASH['6'],
  progressingSince: '2024-05-16T09:00:40Z',
};

/**
 * Revision 7 of checkout (the May 16 sync, started 09:00:00): 5%, the pause, 25%,
 * then its analysis fails at 09:13:02 and the rollout aborts at 09:13:03.
 */
export const checkoutAborted: Notified[] = [
  {
    trigger: 'on-rollout-updated',
    at: '2024-05-16T09:00:40Z',
    rollout: updatedTo(checkout6Done, '7'),
    analysisRuns: null,
  },
  {
    trigger: 'on-rollout-step-completed',
    at: '2024-05-16T09:00:51Z',
    rollout: canary({ ...rev7, currentStepIndex: 0 }),
    analysisRuns: null,
  },
  {
    trigger: 'on-rollout-step-completed',
    at: '2024-05-16T09:10:51Z',
    rollout: canary({
      ...rev7,
      currentStepIndex: 1,
      phase: 'Paused',
      message: 'CanaryPauseStep',
      pauseConditions: [
        { reason: 'CanaryPauseStep', startTime: '2024-05-16T09:00:51Z' },
      ],
    }),
    analysisRuns: null,
  },
  {
    trigger: 'on-rollout-step-completed',
    at: '2024-05-16T09:11:02Z',
    rollout: canary({ ...rev7, currentStepIndex: 2 }),
    analysisRuns: null,
  },
  {
    trigger: 'on-rollout-aborted',
    at: '2024-05-16T09:13:03Z',
    rollout: canary({
      ...rev7,
      currentStepIndex: 3,
      stepAnalysis: {
        name: successRate7.metadata.name,
        status: 'Failed',
        message: successRate7.status.message,
      },
    }),
    analysisRuns: [successRate7],
  },
];

/** Revision 7 of checkout once aborted: how the pull finds it (reset to step 0). */
export const checkout7Aborted = checkoutRollout({
  ...rev7,
  currentStepIndex: 0,
  abort: true,
  abortedAt: '2024-05-16T09:13:03Z',
  phase: 'Degraded',
  message: `RolloutAborted: Rollout aborted update to revision 7: ${successRate7.status.message}`,
});

/** The failed AnalysisRun of checkout revision 7. */
export const checkout7Analysis = successRate7;

const smoke4 = analysisRun({
  rollout: 'storefront',
  podHash: STOREFRONT_HASH['4'],
  revision: '4',
  type: 'PrePromotion',
  template: 'smoke',
  phase: 'Successful',
  createdAt: '2024-05-17T10:00:45Z',
  completedAt: '2024-05-17T10:01:05Z',
  measurements: [
    {
      startedAt: '2024-05-17T10:00:45Z',
      finishedAt: '2024-05-17T10:01:05Z',
      phase: 'Successful',
      value: '[1]',
    },
  ],
});

const h3 = STOREFRONT_HASH['3'];
const h4 = STOREFRONT_HASH['4'];
const since4 = '2024-05-17T10:00:30Z';

/** Revision 3 of storefront, active and stable. */
const storefront3Done = storefrontRollout({
  revision: '3',
  active: h3,
  preview: h3,
  stableRS: h3,
  phase: 'Healthy',
  completedAt: '2024-05-01T08:00:00Z',
  progressingSince: '2024-05-01T07:59:00Z',
});

/**
 * Revision 4 of storefront (the May 17 sync, started 10:00:00): the preview switch,
 * the pre-promotion analysis, the pause until promoted (at 10:30:00), the active
 * switch at 10:30:01, completed 10:30:01.250.
 */
export const storefrontSwitched: Notified[] = [
  {
    trigger: 'on-rollout-updated',
    at: '2024-05-17T10:00:30Z',
    rollout: updatedTo(storefront3Done, '4'),
    analysisRuns: null,
  },
  // The preview service switching to the new revision: not the switch.
  {
    trigger: 'on-switch-service',
    at: '2024-05-17T10:00:31Z',
    rollout: storefrontRollout({
      active: h3,
      preview: h3,
      stableRS: h3,
      phase: 'Progressing',
      progressingSince: since4,
    }),
    analysisRuns: null,
  },
  {
    trigger: 'on-rollout-paused',
    at: '2024-05-17T10:01:10Z',
    rollout: storefrontRollout({
      active: h3,
      preview: h4,
      stableRS: h3,
      phase: 'Progressing',
      progressingSince: since4,
    }),
    analysisRuns: [smoke4],
  },
  {
    trigger: 'on-rollout-resumed',
    at: '2024-05-17T10:30:00Z',
    rollout: storefrontRollout({
      active: h3,
      preview: h4,
      stableRS: h3,
      pausedAt: '2024-05-17T10:01:10Z',
      phase: 'Paused',
      progressingSince: since4,
    }),
    analysisRuns: [smoke4],
  },
  {
    trigger: 'on-switch-service',
    at: '2024-05-17T10:30:01Z',
    rollout: storefrontRollout({
      active: h3,
      preview: h4,
      stableRS: h3,
      phase: 'Progressing',
      progressingSince: since4,
    }),
    analysisRuns: [smoke4],
  },
  {
    trigger: 'on-rollout-completed',
    at: '2024-05-17T10:30:01.250Z',
    rollout: storefrontRollout({
      active: h4,
      preview: h4,
      stableRS: h3,
      phase: 'Progressing',
      progressingSince: since4,
    }),
    analysisRuns: [smoke4],
  },
];
