import {
  deploymentEventSchema,
  rolloutOutcome,
  rolloutStrategy,
} from '@internal/backstage-plugin-delivery-common';
import {
  argoAnalysisRunSchema,
  argoRolloutSchema,
} from '@internal/backstage-plugin-delivery-node';
import {
  checkout6Done,
  checkout7Aborted,
  checkout7Analysis,
  checkoutAborted,
  checkoutPromoted,
  Notified,
  storefrontSwitched,
} from '../../__testUtils__/rolloutScenarios';
import {
  canaryPausedExample,
  CHECKOUT_HASH,
  checkoutRollout,
  rolloutAbortedExample,
} from '../../__testUtils__/rollouts';
import { applicationOf, syncOfRevision } from './attribution';
import { advanceFacts, hasEnded, RolloutFacts, supersede } from './facts';
import { observeRollout, RolloutObservation } from './observation';
import { rolledOut } from './outcome';
import { phasesOf } from './phases';
import { planOf } from './plan';

/** A notification as the handler reads it: through the body's schema. */
function observe(notified: Notified): RolloutObservation {
  return observeRollout(argoRolloutSchema.parse(notified.rollout), {
    at: notified.at,
    trigger: notified.trigger,
    analysisRuns: (notified.analysisRuns ?? []).map(run =>
      argoAnalysisRunSchema.parse(run),
    ),
  })!;
}

const replay = (notifications: Notified[], from?: RolloutFacts) =>
  notifications.reduce<RolloutFacts | undefined>(
    (facts, notified) => advanceFacts(facts, observe(notified)),
    from,
  )!;

/** The event a sync with these phases makes, checked against the schema. */
function validEvent(fields: ReturnType<typeof rolledOut>, startedAt: string) {
  const parsed = deploymentEventSchema.safeParse({
    kind: 'deployment',
    source: 'argocd',
    id: 'argo-prod/argocd/checkout-prod/x',
    entityRef: 'component:default/checkout',
    environment: 'production',
    startedAt,
    commits: [],
    ...fields,
  });
  expect(parsed.error?.issues).toBeUndefined();
  return parsed.data!;
}

describe('planOf', () => {
  it('reads canary steps and blue-green promotion, pause durations as Argo Rollouts does', () => {
    expect(
      planOf(argoRolloutSchema.parse(rolloutAbortedExample).spec.strategy),
    ).toEqual({
      strategy: 'canary',
      steps: [{ kind: 'setWeight', weight: 10 }, { kind: 'pause' }],
      background: ['web-background'],
    });
    expect(
      planOf({
        canary: {
          steps: [
            { pause: { duration: 30 } },
            { pause: { duration: '45' } },
            { pause: { duration: '1h30m' } },
            { setCanaryScale: {} },
            { experiment: {} },
          ],
        },
      }),
    ).toEqual({
      strategy: 'canary',
      steps: [
        { kind: 'pause', duration: '30s' },
        { kind: 'pause', duration: '45s' },
        { kind: 'pause', duration: '1h30m' },
        { kind: 'other', what: 'setCanaryScale' },
        { kind: 'experiment' },
      ],
    });
    expect(
      planOf({
        blueGreen: {
          activeService: 'a',
          autoPromotionEnabled: false,
          postPromotionAnalysis: { templates: [{ templateName: 'smoke' }] },
        },
      }),
    ).toEqual({
      strategy: 'blue-green',
      autoPromotion: false,
      postPromotion: ['smoke'],
    });
    expect(planOf({})).toBeUndefined();
  });
});

describe('observeRollout', () => {
  it("reads Argo Rollouts' own aborted example: aborted at its recorded time, reset to step 0", () => {
    const observed = observeRollout(
      argoRolloutSchema.parse(rolloutAbortedExample),
      { at: '2020-09-22T09:30:00Z' },
    );
    expect(observed).toMatchObject({
      rollout: { namespace: 'default', name: 'rollout-background-analysis' },
      revision: '2',
      podHash: 'db976bc44',
      stepIndex: 0,
      aborted: true,
      abortedAt: '2020-09-22T09:10:05Z',
      promoted: false,
      analyses: [],
    });
  });

  it('tells nothing of a Rollout without a revision yet (Argo CD’s paused example has none)', () => {
    expect(
      observeRollout(argoRolloutSchema.parse(canaryPausedExample), {
        at: '2019-12-09T18:40:00Z',
      }),
    ).toBeUndefined();
  });

  it('keeps the AnalysisRuns of the current revision only', () => {
    const other = { ...checkout7Analysis.metadata };
    const observed = observeRollout(argoRolloutSchema.parse(checkout7Aborted), {
      at: '2024-05-16T09:20:00Z',
      analysisRuns: [
        checkout7Analysis,
        // Revision 6's run, and one without the pod hash label.
        {
          ...checkout7Analysis,
          metadata: {
            ...other,
            annotations: { 'rollout.argoproj.io/revision': '6' },
          },
        },
        {
          ...checkout7Analysis,
          metadata: { ...other, labels: { 'rollout-type': 'Step' } },
        },
      ].map(run => argoAnalysisRunSchema.parse(run)),
    });
    expect(observed?.analyses).toEqual([
      {
        name: `checkout-${CHECKOUT_HASH['7']}-7-3`,
        type: 'step',
        stepIndex: 3,
        phase: 'Failed',
        startedAt: '2024-05-16T09:11:02Z',
        finishedAt: '2024-05-16T09:13:02Z',
      },
    ]);
  });
});

describe('phases of the checkout canary, promoted', () => {
  const facts = replay(checkoutPromoted);
  const phases = phasesOf(facts);

  it('dates each step by the notification that completed the step before it', () => {
    // Step i runs from the notification that completed step i - 1 (the first from
    // the revision's start, on-rollout-updated) to the one that completed it.
    expect(phases).toEqual([
      {
        name: 'step 1/6: set weight 5%',
        kind: 'canary-step',
        weight: 5,
        status: 'succeeded',
        startedAt: '2024-05-15T13:30:41.502Z',
        finishedAt: '2024-05-15T13:30:52.117Z',
      },
      {
        name: 'step 2/6: pause 10m',
        kind: 'pause',
        status: 'succeeded',
        // The pause notification 231 ms later does not move it.
        startedAt: '2024-05-15T13:30:52.117Z',
        finishedAt: '2024-05-15T13:40:52.201Z',
      },
      {
        name: 'step 3/6: set weight 25%',
        kind: 'canary-step',
        weight: 25,
        status: 'succeeded',
        startedAt: '2024-05-15T13:40:52.201Z',
        finishedAt: '2024-05-15T13:41:03.650Z',
      },
      {
        name: 'step 4/6: analysis (success-rate)',
        kind: 'analysis',
        status: 'succeeded',
        startedAt: '2024-05-15T13:41:03.650Z',
        // The step-completed notification, not the run's completedAt (13:46:04)
        // it carried: what was known first is kept.
        finishedAt: '2024-05-15T13:46:05.012Z',
      },
      {
        name: 'step 5/6: set weight 50%',
        kind: 'canary-step',
        weight: 50,
        status: 'succeeded',
        startedAt: '2024-05-15T13:46:05.012Z',
        finishedAt: '2024-05-15T13:46:17.390Z',
      },
      {
        name: 'step 6/6: pause until promoted',
        kind: 'pause',
        status: 'succeeded',
        startedAt: '2024-05-15T13:46:17.390Z',
        finishedAt: '2024-05-15T14:20:00.045Z',
      },
      {
        name: 'promote to 100%',
        kind: 'promote',
        weight: 100,
        status: 'succeeded',
        startedAt: '2024-05-15T14:20:00.045Z',
        finishedAt: '2024-05-15T14:20:31.880Z',
      },
    ]);
    expect(rolloutStrategy(phases)).toBe('canary');
    expect(rolloutOutcome(phases)).toBe('promoted');
  });

  it('finishes the sync when the rollout completed, a success', () => {
    const sync = {
      status: 'success' as const,
      startedAt: '2024-05-15T13:30:00Z',
      finishedAt: '2024-05-15T13:31:12Z',
    };
    const fields = rolledOut(sync, [facts]);
    expect(fields).toEqual({
      status: 'success',
      // 14:20:31.880, not the sync's 13:31:12: fully promoted then.
      finishedAt: '2024-05-15T14:20:31.880Z',
      phases,
    });
    validEvent(fields, sync.startedAt);
  });

  it('while at 25% the sync is in progress, with the phases so far', () => {
    const atQuarter = replay(checkoutPromoted.slice(0, 5));
    const sync = {
      status: 'success' as const,
      startedAt: '2024-05-15T13:30:00Z',
      finishedAt: '2024-05-15T13:31:12Z',
    };
    const fields = rolledOut(sync, [atQuarter]);
    // Argo CD's sync succeeded at 13:31:12, the rollout it started has not.
    expect(fields.status).toBe('in_progress');
    expect(fields.finishedAt).toBeNull();
    expect(
      fields.phases?.map(p => [p.name, p.status, p.finishedAt ?? null]),
    ).toEqual([
      ['step 1/6: set weight 5%', 'succeeded', '2024-05-15T13:30:52.117Z'],
      ['step 2/6: pause 10m', 'succeeded', '2024-05-15T13:40:52.201Z'],
      ['step 3/6: set weight 25%', 'succeeded', '2024-05-15T13:41:03.650Z'],
      // The analysis began at 13:41:03.650; no run reported yet.
      ['step 4/6: analysis (success-rate)', 'running', null],
    ]);
    expect(rolloutOutcome(fields.phases)).toBe('progressing');
  });

  it('gives the same facts when notifications are delivered twice, and the pull adds nothing new', () => {
    const twice = replay([...checkoutPromoted, ...checkoutPromoted]);
    expect(twice).toEqual(facts);
    const pulled = advanceFacts(
      facts,
      observeRollout(argoRolloutSchema.parse(checkout6Done), {
        at: '2024-05-15T15:00:00Z',
      })!,
    );
    expect(phasesOf(pulled)).toEqual(phases);
  });
});

describe('phases of the checkout canary, aborted at 25% after its analysis failed', () => {
  const facts = replay(checkoutAborted);
  const phases = phasesOf(facts);
  const sync = {
    status: 'success' as const,
    startedAt: '2024-05-16T09:00:00Z',
    finishedAt: '2024-05-16T09:01:02Z',
  };

  it('ends with the failed analysis and the abort', () => {
    expect(phases).toEqual([
      {
        name: 'step 1/6: set weight 5%',
        kind: 'canary-step',
        weight: 5,
        status: 'succeeded',
        startedAt: '2024-05-16T09:00:40Z',
        finishedAt: '2024-05-16T09:00:51Z',
      },
      {
        name: 'step 2/6: pause 10m',
        kind: 'pause',
        status: 'succeeded',
        startedAt: '2024-05-16T09:00:51Z',
        finishedAt: '2024-05-16T09:10:51Z',
      },
      {
        name: 'step 3/6: set weight 25%',
        kind: 'canary-step',
        weight: 25,
        status: 'succeeded',
        startedAt: '2024-05-16T09:10:51Z',
        finishedAt: '2024-05-16T09:11:02Z',
      },
      {
        name: 'step 4/6: analysis (success-rate)',
        kind: 'analysis',
        status: 'failed',
        startedAt: '2024-05-16T09:11:02Z',
        // Its run completed at 09:13:02, one second before the abort.
        finishedAt: '2024-05-16T09:13:02Z',
      },
      {
        name: 'abort',
        kind: 'abort',
        weight: 0,
        status: 'succeeded',
        startedAt: '2024-05-16T09:13:03Z',
        finishedAt: '2024-05-16T09:13:03Z',
      },
    ]);
    expect(rolloutOutcome(phases)).toBe('aborted');
  });

  it('makes the sync a failure, finished at the abort', () => {
    const fields = rolledOut(sync, [facts]);
    expect(fields).toEqual({
      status: 'failure',
      finishedAt: '2024-05-16T09:13:03Z',
      phases,
    });
    validEvent(fields, sync.startedAt);
  });

  it('keeps where it aborted when the pull later finds it reset to step 0', () => {
    const pulled = advanceFacts(
      facts,
      observeRollout(argoRolloutSchema.parse(checkout7Aborted), {
        at: '2024-05-16T09:30:00Z',
        analysisRuns: [argoAnalysisRunSchema.parse(checkout7Analysis)],
      })!,
    );
    expect(phasesOf(pulled)).toEqual(phases);
  });

  it('tells a retry after the abort as a second attempt, the sync still aborted', () => {
    // `kubectl argo rollouts retry` at 09:40: the canary starts over from step 0.
    const retried = advanceFacts(
      facts,
      observeRollout(
        argoRolloutSchema.parse(
          checkoutRollout({
            revision: '7',
            stableRS: CHECKOUT_HASH['6'],
            currentStepIndex: 0,
            phase: 'Progressing',
            progressingSince: '2024-05-16T09:40:00Z',
          }),
        ),
        { at: '2024-05-16T09:40:11Z', trigger: 'on-rollout-step-completed' },
      )!,
    );
    expect(retried.attempts).toHaveLength(2);
    const names = phasesOf(retried).map(p => p.name);
    // The retry's first step began at an unknown moment: only its pause is dated.
    expect(names.slice(-1)).toEqual(['step 2/6: pause 10m (attempt 2)']);
    expect(names).toContain('abort (attempt 1)');
    expect(rolledOut(sync, [retried]).status).toBe('failure');
  });
});

describe('phases of the storefront blue-green', () => {
  const facts = replay(storefrontSwitched);
  const phases = phasesOf(facts);

  it('tells the pre-promotion analysis, the pause and the active switch, not the preview switch', () => {
    expect(phases).toEqual([
      {
        name: 'pre-promotion analysis (smoke)',
        kind: 'analysis',
        status: 'succeeded',
        startedAt: '2024-05-17T10:00:45Z',
        finishedAt: '2024-05-17T10:01:05Z',
      },
      {
        name: 'pause until promoted',
        kind: 'pause',
        status: 'succeeded',
        startedAt: '2024-05-17T10:01:10Z',
        finishedAt: '2024-05-17T10:30:00Z',
      },
      {
        name: 'switch active service',
        kind: 'switch',
        weight: 100,
        status: 'succeeded',
        startedAt: '2024-05-17T10:30:01Z',
        finishedAt: '2024-05-17T10:30:01Z',
      },
    ]);
    expect(rolloutStrategy(phases)).toBe('blue-green');
    expect(rolloutOutcome(phases)).toBe('promoted');
  });

  it('finishes the sync when the rollout completed', () => {
    const sync = {
      status: 'success' as const,
      startedAt: '2024-05-17T10:00:00Z',
      finishedAt: '2024-05-17T10:00:20Z',
    };
    expect(rolledOut(sync, [facts])).toEqual({
      status: 'success',
      // The switch (10:30:01), as the backend settles a blue-green; it completed
      // 250 ms later.
      finishedAt: '2024-05-17T10:30:01Z',
      phases,
    });
  });
});

describe('a rollout that has not ended, or never will', () => {
  const sync = {
    status: 'success' as const,
    startedAt: '2024-05-15T13:30:00Z',
    finishedAt: '2024-05-15T13:31:12Z',
  };

  it('is in progress as soon as it is seen going through its steps, even before a phase is dated', () => {
    // Seen at the sync's end on step 1, its ReplicaSet not in the tree yet.
    const observed = observeRollout(
      argoRolloutSchema.parse(
        checkoutRollout({
          revision: '6',
          stableRS: CHECKOUT_HASH['5'],
          currentStepIndex: 0,
          phase: 'Progressing',
          progressingSince: '2024-05-15T13:30:41Z',
        }),
      ),
      { at: '2024-05-15T13:31:13Z' },
    )!;
    const facts = advanceFacts(undefined, observed);
    expect(phasesOf(facts)).toEqual([]);
    expect(rolledOut(sync, [facts])).toEqual({
      status: 'in_progress',
      finishedAt: null,
    });
  });

  it('is cancelled when a newer revision replaced it, its open phase ended then', () => {
    // Revision 6 at 25% (13:41:03), then revision 7 began at 14:00:00.
    const atQuarter = replay(checkoutPromoted.slice(0, 5));
    const replaced = supersede(atQuarter, '2024-05-15T14:00:00Z');
    const fields = rolledOut(sync, [replaced]);
    expect(fields).toMatchObject({
      status: 'cancelled',
      finishedAt: '2024-05-15T14:00:00Z',
    });
    expect(fields.phases?.[fields.phases.length - 1]).toEqual({
      name: 'step 4/6: analysis (success-rate)',
      kind: 'analysis',
      // Stopped in it when revision 7 began.
      status: 'failed',
      startedAt: '2024-05-15T13:41:03.650Z',
      finishedAt: '2024-05-15T14:00:00Z',
    });
    // A revision that had ended is not replaced.
    const promoted = replay(checkoutPromoted);
    expect(supersede(promoted, '2024-05-15T16:00:00Z')).toBe(promoted);
    expect(hasEnded(replay(checkoutAborted))).toBe(true);
  });
});

describe('what the pull alone can tell', () => {
  it('dates a canary paused at its pause step by its ReplicaSet and its pause condition', () => {
    // Seen once, at 13:35, paused since 13:30:52 on step 2 (pause 10m).
    const observed = observeRollout(
      argoRolloutSchema.parse(
        checkoutRollout({
          revision: '6',
          stableRS: CHECKOUT_HASH['5'],
          currentStepIndex: 1,
          phase: 'Paused',
          pauseConditions: [
            { reason: 'CanaryPauseStep', startTime: '2024-05-15T13:30:52Z' },
          ],
          progressingSince: '2024-05-15T13:30:41Z',
        }),
      ),
      {
        at: '2024-05-15T13:35:00Z',
        replicaSetCreatedAt: '2024-05-15T13:30:41Z',
      },
    )!;
    expect(phasesOf(advanceFacts(undefined, observed))).toEqual([
      {
        name: 'step 1/6: set weight 5%',
        kind: 'canary-step',
        weight: 5,
        status: 'succeeded',
        startedAt: '2024-05-15T13:30:41Z',
        finishedAt: '2024-05-15T13:30:52Z',
      },
      {
        name: 'step 2/6: pause 10m',
        kind: 'pause',
        status: 'running',
        startedAt: '2024-05-15T13:30:52Z',
      },
    ]);
  });

  it('leaves out steps it cannot date rather than guess', () => {
    // Seen at 13:45 on step 4 (its analysis running): steps 2 and 3 ran unseen.
    const observed = observeRollout(
      argoRolloutSchema.parse(
        checkoutRollout({
          revision: '6',
          stableRS: CHECKOUT_HASH['5'],
          currentStepIndex: 3,
          phase: 'Progressing',
          progressingSince: '2024-05-15T13:30:41Z',
        }),
      ),
      {
        at: '2024-05-15T13:45:00Z',
        replicaSetCreatedAt: '2024-05-15T13:30:41Z',
      },
    )!;
    expect(
      phasesOf(advanceFacts(undefined, observed)).map(p => [
        p.name,
        p.status,
        p.startedAt,
        p.finishedAt ?? null,
      ]),
    ).toEqual([
      // Began with the ReplicaSet; when it ended is not known.
      ['step 1/6: set weight 5%', 'succeeded', '2024-05-15T13:30:41Z', null],
    ]);
  });

  it('has no phases for a revision that skipped its steps (a first revision)', () => {
    const first = observeRollout(argoRolloutSchema.parse(checkout6Done), {
      at: '2024-05-15T15:00:00Z',
      replicaSetCreatedAt: '2024-05-15T13:30:41Z',
    })!;
    const facts = advanceFacts(undefined, first);
    expect(phasesOf(facts)).toEqual([]);
    const sync = {
      status: 'success' as const,
      startedAt: '2024-05-15T13:30:00Z',
      finishedAt: '2024-05-15T13:31:12Z',
    };
    expect(rolledOut(sync, [facts])).toEqual({
      status: 'success',
      finishedAt: '2024-05-15T13:31:12Z',
    });
  });
});

describe('several Rollouts in one sync', () => {
  it('names each one’s phases, fails the sync when one aborted, succeeds when all completed', () => {
    const promoted = replay(checkoutPromoted);
    const aborted = replay(checkoutAborted);
    const worker = {
      ...promoted,
      rollout: { namespace: 'checkout-prod', name: 'worker' },
    };
    const sync = {
      status: 'success' as const,
      startedAt: '2024-05-15T13:30:00Z',
      finishedAt: '2024-05-15T13:31:12Z',
    };
    const both = rolledOut(sync, [promoted, worker]);
    expect(both.status).toBe('success');
    expect(both.phases?.map(p => p.name).slice(0, 2)).toEqual([
      'checkout: step 1/6: set weight 5%',
      'worker: step 1/6: set weight 5%',
    ]);
    const oneAborted = rolledOut(sync, [
      promoted,
      { ...aborted, rollout: { namespace: 'checkout-prod', name: 'worker' } },
    ]);
    expect(oneAborted).toMatchObject({
      status: 'failure',
      finishedAt: '2024-05-16T09:13:03Z',
    });
  });

  it('keeps a sync that did not succeed as Argo CD reported it', () => {
    const sync = {
      status: 'failure' as const,
      startedAt: '2024-05-15T13:30:00Z',
      finishedAt: '2024-05-15T13:30:20Z',
    };
    expect(rolledOut(sync, [replay(checkoutAborted)])).toMatchObject({
      status: 'failure',
      finishedAt: '2024-05-15T13:30:20Z',
    });
  });
});

describe('attribution', () => {
  it('reads the application from the tracking annotation, else the instance label', () => {
    const meta = (
      annotations: Record<string, string> = {},
      labels: Record<string, string> = {},
    ) => ({ name: 'checkout', namespace: 'shop', annotations, labels });
    expect(
      applicationOf(
        meta({
          'argocd.argoproj.io/tracking-id':
            'checkout-prod:argoproj.io/Rollout:shop/checkout',
        }),
      ),
    ).toEqual({ name: 'checkout-prod' });
    // An application outside Argo CD's namespace: `<namespace>_<name>`.
    expect(
      applicationOf(
        meta({
          'argocd.argoproj.io/tracking-id':
            'team-shop_checkout-prod:argoproj.io/Rollout:shop/checkout',
        }),
      ),
    ).toEqual({ namespace: 'team-shop', name: 'checkout-prod' });
    expect(
      applicationOf(
        meta({}, { 'app.kubernetes.io/instance': 'storefront-prod' }),
      ),
    ).toEqual({ name: 'storefront-prod' });
    expect(applicationOf(meta())).toBeUndefined();
    expect(
      applicationOf(
        meta({ 'argocd.argoproj.io/tracking-id': 'a_b_c:x/y:z/w' }),
      ),
    ).toBeUndefined();
  });

  it('gives a revision to the newest sync that started before it', () => {
    const syncs = [
      { id: 'may-10', startedAt: '2024-05-10T07:00:00Z' },
      { id: 'may-15', startedAt: '2024-05-15T13:30:00Z' },
      // A later sync that changed only a ConfigMap.
      { id: 'may-15-later', startedAt: '2024-05-15T16:00:00Z' },
    ];
    const facts = replay(checkoutPromoted);
    // Began 13:30:41.502, seen much later.
    expect(syncOfRevision(syncs, facts, '2024-05-15T17:00:00Z')).toBe('may-15');
    // Nothing began before: no sync.
    expect(
      syncOfRevision(syncs.slice(2), facts, '2024-05-15T17:00:00Z'),
    ).toBeUndefined();
    // The start unknown: the newest sync before it was seen.
    const unknownStart = {
      ...facts,
      attempts: [
        { ...facts.attempts[0], startedAt: undefined, stepStartedAt: {} },
      ],
    };
    expect(syncOfRevision(syncs, unknownStart, '2024-05-15T17:00:00Z')).toBe(
      'may-15-later',
    );
  });
});
