import {
  deploymentEventSchema,
  DeploymentEvent,
  DeploymentPhase,
  EVENT_LIMITS,
} from '../events';
import { computeDora } from '../testUtils/referenceEngine';
import {
  abortRollbackId,
  settleRollout,
  settleRollouts,
  supersedesAbortRollback,
} from './abortedCanary';

/** A production deployment of checkout by Argo Rollouts, started 2026-01-05 10:00Z. */
const rollout = (
  id: string,
  phases: DeploymentPhase[] | undefined,
  extra: Partial<DeploymentEvent> = {},
): DeploymentEvent => ({
  kind: 'deployment',
  source: 'argo-rollouts',
  id,
  entityRef: 'component:default/checkout',
  environment: 'production',
  status: 'in_progress',
  startedAt: '2026-01-05T10:00:00Z',
  url: 'https://argo.example.com/rollouts/checkout',
  commits: [{ sha: 'c1', committedAt: '2026-01-05T08:00:00Z' }],
  ...(phases ? { phases } : {}),
  ...extra,
});

const phase = (
  kind: DeploymentPhase['kind'],
  status: DeploymentPhase['status'],
  startedAt: string,
  finishedAt?: string,
  weight?: number,
): DeploymentPhase => ({
  name: weight === undefined ? kind : `${kind} ${weight}%`,
  kind,
  status,
  startedAt: `2026-01-05T${startedAt}:00Z`,
  ...(finishedAt ? { finishedAt: `2026-01-05T${finishedAt}:00Z` } : {}),
  ...(weight === undefined ? {} : { weight }),
});

// Canary 5% -> pause -> 25% -> analysis (fails) -> abort at 10:25, done at 10:27.
const abortedAt25 = [
  phase('canary-step', 'succeeded', '10:00', '10:01', 5),
  phase('pause', 'succeeded', '10:01', '10:10'),
  phase('canary-step', 'succeeded', '10:10', '10:11', 25),
  phase('analysis', 'failed', '10:11', '10:25'),
  phase('abort', 'succeeded', '10:25', '10:27', 0),
];

// Canary 5% -> 25% -> 50% -> promote from 10:40 to 10:42.
const promoted = [
  phase('canary-step', 'succeeded', '10:00', '10:01', 5),
  phase('canary-step', 'succeeded', '10:10', '10:11', 25),
  phase('canary-step', 'succeeded', '10:20', '10:21', 50),
  phase('promote', 'succeeded', '10:40', '10:42', 100),
];

describe('settleRollout', () => {
  it('leaves a deployment without phases as it was sent', () => {
    const plain = rollout('plain', undefined, {
      status: 'failure',
      finishedAt: '2026-01-05T10:05:00Z',
    });
    expect(settleRollout(plain)).toEqual({ deployment: plain });
    expect(settleRollout({ ...plain, phases: [] })).toEqual({
      deployment: { ...plain, phases: [] },
    });
  });

  it('counts a fully promoted canary a success finished when the promotion finished, phases in start order', () => {
    // Sent while Argo still reported in progress, phases out of order.
    const sent = rollout('r1', [...promoted].reverse());
    const { deployment, abortRollback } = settleRollout(sent);
    expect(abortRollback).toBeUndefined();
    expect(deployment.status).toBe('success');
    expect(deployment.finishedAt).toBe('2026-01-05T10:42:00Z');
    expect(deployment.phases!.map(p => p.startedAt.slice(11, 16))).toEqual([
      '10:00',
      '10:10',
      '10:20',
      '10:40',
    ]);
  });

  it('counts a canary aborted after 25% of traffic a success found bad at the abort, with a rollback lasting the abort', () => {
    const sent = rollout('r2', abortedAt25, {
      status: 'failure',
      finishedAt: '2026-01-05T10:30:00Z',
    });
    const { deployment, abortRollback } = settleRollout(sent);
    // Traffic reached the new version at 10:00 (5%): the abort's start, 10:25, is
    // when it was found bad; the source's 10:30 and failure are replaced.
    expect(deployment.status).toBe('success');
    expect(deployment.finishedAt).toBe('2026-01-05T10:25:00Z');
    expect(abortRollback).toEqual({
      kind: 'deployment',
      source: 'argo-rollouts',
      id: 'r2:abort',
      entityRef: 'component:default/checkout',
      environment: 'production',
      status: 'success',
      startedAt: '2026-01-05T10:25:00Z',
      finishedAt: '2026-01-05T10:27:00Z',
      url: 'https://argo.example.com/rollouts/checkout',
      commits: [],
      rollbackOf: 'r2',
      triggeredBy: 'rollout abort',
    });
    // A valid event like any a source sends.
    expect(deploymentEventSchema.safeParse(abortRollback).success).toBe(true);
  });

  it('counts a canary aborted before any traffic (weight 0 only) a failure without rollback', () => {
    const sent = rollout('r3', [
      phase('canary-step', 'succeeded', '10:00', '10:01', 0),
      phase('analysis', 'failed', '10:01', '10:06'),
      // The 20% step never ran: pending steps carry no traffic.
      phase('canary-step', 'pending', '10:06', undefined, 20),
      phase('abort', 'succeeded', '10:06', '10:07'),
    ]);
    const { deployment, abortRollback } = settleRollout(sent);
    expect(abortRollback).toBeUndefined();
    expect(deployment.status).toBe('failure');
    // No finishedAt from the source: the abort's finish.
    expect(deployment.finishedAt).toBe('2026-01-05T10:07:00Z');
    // With the source's finishedAt, that one.
    expect(
      settleRollout({ ...sent, finishedAt: '2026-01-05T10:09:00Z' }).deployment
        .finishedAt,
    ).toBe('2026-01-05T10:09:00Z');
  });

  it('counts a blue-green rollout aborted after its switch a failure in production, before its switch a failed run', () => {
    // Preview from 10:00, switch 10:30-10:31, post-promotion analysis fails at 10:45,
    // abort 10:45 to 10:46 switches back to blue.
    const switched = [
      phase('analysis', 'succeeded', '10:00', '10:30'),
      phase('switch', 'succeeded', '10:30', '10:31'),
      phase('analysis', 'failed', '10:31', '10:45'),
      phase('abort', 'succeeded', '10:45', '10:46'),
    ];
    const after = settleRollout(rollout('bg1', switched));
    expect(after.deployment.status).toBe('success');
    expect(after.deployment.finishedAt).toBe('2026-01-05T10:45:00Z');
    expect(after.abortRollback).toMatchObject({
      id: 'bg1:abort',
      startedAt: '2026-01-05T10:45:00Z',
      finishedAt: '2026-01-05T10:46:00Z',
    });

    // The pre-promotion analysis fails: the switch never happened.
    const before = settleRollout(
      rollout('bg2', [
        phase('analysis', 'failed', '10:00', '10:20'),
        phase('switch', 'pending', '10:20'),
        phase('abort', 'succeeded', '10:20', '10:21'),
      ]),
    );
    expect(before.deployment.status).toBe('failure');
    expect(before.abortRollback).toBeUndefined();
  });

  it('keeps a progressing rollout in progress, even when its source already said success', () => {
    const progressing = [
      phase('canary-step', 'succeeded', '10:00', '10:01', 5),
      phase('pause', 'running', '10:01'),
    ];
    const sent = rollout('r4', progressing, {
      status: 'success',
      finishedAt: '2026-01-05T10:02:00Z',
    });
    const { deployment, abortRollback } = settleRollout(sent);
    expect(abortRollback).toBeUndefined();
    expect(deployment.status).toBe('in_progress');
    expect(deployment.finishedAt).toBeUndefined();
    // A run the source cancelled stays cancelled.
    expect(
      settleRollout({ ...sent, status: 'cancelled' }).deployment.status,
    ).toBe('cancelled');
  });

  it('follows a redelivery with more phases, and settles a settled deployment to itself', () => {
    // Argo sends the growing list: progressing, then aborted, then re-sent as is.
    const first = settleRollout(rollout('r5', abortedAt25.slice(0, 3)));
    expect(first.deployment.status).toBe('in_progress');
    expect(first.abortRollback).toBeUndefined();
    const second = settleRollout(rollout('r5', abortedAt25));
    expect(second.deployment.status).toBe('success');
    expect(second.abortRollback?.id).toBe('r5:abort');
    for (const settled of [first, second]) {
      expect(settleRollout(settled.deployment)).toEqual(settled);
    }
    const promotedOnce = settleRollout(rollout('r6', promoted));
    expect(settleRollout(promotedOnce.deployment)).toEqual(promotedOnce);
  });

  it('decides by the first abort, and keeps instants from before the deployment started', () => {
    // Phases clocked 5 minutes before the deployment's own start (skew between
    // tools): 25% at 09:55, abort 09:56 without finish. The deployment finishes and
    // the rollback starts and finishes at its start, 10:00: recovery 0, not negative.
    const skewed = rollout('r7', [
      phase('canary-step', 'succeeded', '09:55', '09:55', 25),
      phase('abort', 'running', '09:56'),
      phase('canary-step', 'succeeded', '10:30', '10:31', 50),
      phase('abort', 'succeeded', '10:40', '10:41'),
    ]);
    const { deployment, abortRollback } = settleRollout(skewed);
    expect(deployment.finishedAt).toBe('2026-01-05T10:00:00Z');
    expect(abortRollback).toMatchObject({
      startedAt: '2026-01-05T10:00:00Z',
      finishedAt: '2026-01-05T10:00:00Z',
    });
  });
});

describe('abortRollbackId', () => {
  it('appends :abort, or hashes an id too long for it into the limit', () => {
    expect(abortRollbackId('checkout/rev-7')).toBe('checkout/rev-7:abort');
    // 194 + 6 = 200 characters fits exactly.
    const fits = 'a'.repeat(194);
    expect(abortRollbackId(fits)).toBe(`${fits}:abort`);
    // 195 + 6 = 201 does not: 200 - 6 (":abort") - 9 ("~" and 8 hex) = 185 kept.
    const long1 = `${'a'.repeat(191)}-one`;
    const long2 = `${'a'.repeat(191)}-two`;
    const [id1, id2] = [abortRollbackId(long1), abortRollbackId(long2)];
    expect(id1).toMatch(/^a{185}~[0-9a-f]{8}:abort$/);
    expect(id1).toHaveLength(EVENT_LIMITS.id);
    expect(id1).not.toBe(id2);
    expect(abortRollbackId(long1)).toBe(id1);
    // A surrogate pair straddling the cut is left whole (184 kept, 199 in all).
    const emoji = `${'a'.repeat(184)}\u{1F680}${'b'.repeat(20)}`;
    const cut = abortRollbackId(emoji);
    expect(cut.startsWith(`${'a'.repeat(184)}~`)).toBe(true);
    expect(cut).toHaveLength(199);
    const loneSurrogate =
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    expect(loneSurrogate.test(cut)).toBe(false);
  });
});

describe('settleRollouts', () => {
  const canary = rollout('r2', abortedAt25);
  const sourceRollback = (extra: Partial<DeploymentEvent>) =>
    rollout('sync-9', undefined, {
      status: 'success',
      startedAt: '2026-01-05T10:50:00Z',
      finishedAt: '2026-01-05T10:55:00Z',
      commits: [],
      rollbackOf: 'r2',
      ...extra,
    });

  it('adds the derived rollback when no reported deployment rolls the canary back', () => {
    const ids = settleRollouts([canary]).map(d => d.id);
    expect(ids).toEqual(['r2', 'r2:abort']);
  });

  it('derives none when the source reported a successful rollback of it in its environment', () => {
    const rollback = sourceRollback({});
    expect(supersedesAbortRollback(canary, rollback)).toBe(true);
    expect(settleRollouts([canary, rollback]).map(d => d.id)).toEqual([
      'r2',
      'sync-9',
    ]);
    // In order of arrival or not.
    expect(settleRollouts([rollback, canary]).map(d => d.id)).toEqual([
      'sync-9',
      'r2',
    ]);
  });

  it('still derives one when the reported rollback failed, runs elsewhere or is another source', () => {
    for (const other of [
      sourceRollback({ status: 'failure' }),
      sourceRollback({ status: 'in_progress', finishedAt: undefined }),
      sourceRollback({ environment: 'staging' }),
      sourceRollback({ source: 'github' }),
    ]) {
      expect(supersedesAbortRollback(canary, other)).toBe(false);
      expect(settleRollouts([canary, other]).map(d => d.id)).toContain(
        'r2:abort',
      );
    }
    // Environments compare lower-cased.
    expect(
      supersedesAbortRollback(canary, sourceRollback({ environment: 'PROD' })),
    ).toBe(false);
    expect(
      supersedesAbortRollback(
        canary,
        sourceRollback({ environment: 'Production' }),
      ),
    ).toBe(true);
  });

  it('derives none over an id the source already uses', () => {
    const squatter = rollout('r2:abort', undefined, {
      status: 'success',
      finishedAt: '2026-01-05T11:00:00Z',
    });
    const stored = settleRollouts([canary, squatter]);
    expect(stored.filter(d => d.id === 'r2:abort')).toEqual([squatter]);
  });
});

describe('DORA over settled rollouts', () => {
  it('counts an aborted canary failed, recovered in the abort, beside a promoted one', () => {
    // Window 2026-01-05 .. 2026-01-12 (7 days), production:
    //   r1 promoted, finished 10:42 (c1 committed 08:00: lead 2.7 h)
    //   r2 aborted after 25%: success at 10:25, rollback r2:abort finished 10:27
    // Deployments: r1, r2, r2:abort = 3, perDay 3/7 (high).
    // Failed: r2 (rolled back) -> 1/3 (low). Recovery: 10:25 -> 10:27 = 2 min = 1/30 h
    // (elite). Lead time: r2 shipped c1 (08:00) at 10:25: 2 h 25 min = 29/12 h; r1
    // shipped c2 (09:00) at 10:42: 1.7 h; median of the two (1.7 + 29/12) / 2.
    const events = settleRollouts([
      rollout('r1', promoted, {
        commits: [{ sha: 'c2', committedAt: '2026-01-05T09:00:00Z' }],
      }),
      rollout('r2', abortedAt25),
    ]);
    const figures = computeDora({
      deployments: events.map(e => ({
        ...e,
        finishedAt: e.finishedAt ?? null,
      })),
      incidents: [],
      from: '2026-01-05T00:00:00Z',
      to: '2026-01-12T00:00:00Z',
    });
    expect(figures.deploymentFrequency).toEqual({
      deployments: 3,
      perDay: 3 / 7,
      band: 'high',
    });
    expect(figures.changeFailureRate).toEqual({
      deployments: 3,
      failed: 1,
      ratio: 1 / 3,
      band: 'low',
    });
    expect(figures.failedDeploymentRecoveryTime).toEqual({
      failures: 1,
      unrecovered: 0,
      medianHours: expect.closeTo(1 / 30, 12),
      band: 'elite',
    });
    expect(figures.leadTimeForChanges.medianHours).toBeCloseTo(
      (1.7 + 29 / 12) / 2,
      12,
    );
  });
});
