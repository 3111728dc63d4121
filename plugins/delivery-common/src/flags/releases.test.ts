import type { FlagEvent } from '../events';
import { flagReleases, flagReleaseSummary } from './releases';

const change = (
  id: string,
  at: string,
  action: FlagEvent['action'],
  extra: Partial<FlagEvent> = {},
): FlagEvent => ({
  kind: 'flag',
  source: 'launchdarkly',
  id,
  entityRef: 'component:default/shop',
  flagKey: 'new-cart',
  environment: 'production',
  action,
  at,
  ...extra,
});

const incident = (
  openedAt: string,
  resolvedAt?: string,
  entityRef = 'component:default/shop',
) => ({ entityRef, openedAt, resolvedAt });

const ms = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

// new-cart released (on) at 10:00 and turned off at 12:00 the same day.
const releasedThenOff = [
  change('on', '2026-01-05T10:00:00Z', 'on'),
  change('off', '2026-01-05T12:00:00Z', 'off'),
];

const verdict = (incidents: ReturnType<typeof incident>[]) =>
  flagReleases(releasedThenOff, incidents).map(r => ({
    id: r.change.id,
    failed: r.failed,
    recoveryHours: r.recoveryHours,
  }));

describe('flagReleases', () => {
  it('fails a release turned off while an incident opened during its exposure is open; recovery runs from release to off', () => {
    // Incident 11:00..13:00: opened after 10:00, still open at the 12:00 off.
    // Recovery 12:00 - 10:00 = 2 h.
    expect(
      verdict([incident('2026-01-05T11:00:00Z', '2026-01-05T13:00:00Z')]),
    ).toEqual([{ id: 'on', failed: true, recoveryHours: 2 }]);
    // Unresolved: open at the off too.
    expect(verdict([incident('2026-01-05T11:30:00+01:00')])).toEqual([
      { id: 'on', failed: true, recoveryHours: 2 },
    ]);
  });

  it('includes both ends: opened at the release, resolved at the off', () => {
    expect(
      verdict([incident('2026-01-05T10:00:00Z', '2026-01-05T12:00:00Z')]),
    ).toEqual([{ id: 'on', failed: true, recoveryHours: 2 }]);
  });

  it('does not fail it for an incident opened before the release, resolved before the off, or of another component', () => {
    const notFailed = [{ id: 'on', failed: false, recoveryHours: undefined }];
    // Opened 09:59, before the release: the release did not start it.
    expect(
      verdict([incident('2026-01-05T09:59:00Z', '2026-01-05T13:00:00Z')]),
    ).toEqual(notFailed);
    // Resolved 11:59, before the off: the off did not end it.
    expect(
      verdict([incident('2026-01-05T11:00:00Z', '2026-01-05T11:59:00Z')]),
    ).toEqual(notFailed);
    // Opened after the off.
    expect(verdict([incident('2026-01-05T12:01:00Z')])).toEqual(notFailed);
    expect(
      verdict([
        incident(
          '2026-01-05T11:00:00Z',
          '2026-01-05T13:00:00Z',
          'component:default/cart',
        ),
      ]),
    ).toEqual(notFailed);
  });

  it('never fails a release still exposed, and counts only production environments', () => {
    const releases = flagReleases(
      [
        // Ramp 10 -> 50 -> 100: one release at 10:00, never turned off.
        change('r10', '2026-01-05T10:00:00Z', 'rollout', { percentage: 10 }),
        change('r50', '2026-01-05T11:00:00Z', 'rollout', { percentage: 50 }),
        change('r100', '2026-01-05T12:00:00Z', 'on'),
        change('stage-on', '2026-01-05T10:00:00Z', 'on', {
          environment: 'staging',
        }),
        change('stage-off', '2026-01-05T11:00:00Z', 'off', {
          environment: 'staging',
        }),
        change('live', '2026-01-05T10:30:00Z', 'on', { environment: 'Live' }),
      ],
      [incident('2026-01-05T10:30:00Z')],
    );
    expect(releases.map(r => [r.change.id, r.failed, r.endedAt])).toEqual([
      ['r10', false, undefined],
      ['live', false, undefined],
    ]);
    // With a configured list, staging counts and live does not; the staging
    // release ended at 11:00 while the 10:30 incident was open: failed, 1 h.
    const configured = flagReleases(
      [
        change('stage-on', '2026-01-05T10:00:00Z', 'on', {
          environment: 'staging',
        }),
        change('stage-off', '2026-01-05T11:00:00Z', 'off', {
          environment: 'staging',
        }),
        change('live', '2026-01-05T10:30:00Z', 'on', { environment: 'Live' }),
      ],
      [incident('2026-01-05T10:30:00Z')],
      { productionEnvironments: ['Staging'] },
    );
    expect(configured).toEqual([
      {
        change: expect.objectContaining({ id: 'stage-on' }),
        at: ms('2026-01-05T10:00:00Z'),
        endedAt: ms('2026-01-05T11:00:00Z'),
        failed: true,
        recoveryHours: 1,
      },
    ]);
  });
});

describe('flagReleaseSummary', () => {
  it('counts the releases of [from, to), the failed ones with their recovery hours', () => {
    const from = ms('2026-01-05T00:00:00Z');
    const to = ms('2026-01-12T00:00:00Z');
    expect(
      flagReleaseSummary(
        [
          { at: from, failed: true, recoveryHours: 2 },
          { at: from + HOUR, failed: false },
          { at: to - 1, failed: true, recoveryHours: 0.5 },
          // Outside: just before and at the exclusive end.
          { at: from - 1, failed: true, recoveryHours: 9 },
          { at: to, failed: false },
        ],
        from,
        to,
      ),
    ).toEqual({ releases: 3, failed: 2, recoveryHours: [2, 0.5] });
  });
});
