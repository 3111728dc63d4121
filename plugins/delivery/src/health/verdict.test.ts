import { rolloutsHealth } from '../testUtils/progressive';
import {
  healthByKey,
  verdictCell,
  verdictColumnHelp,
  verdictLines,
  VerdictState,
} from './verdict';

const production = (environment: string) => environment === 'production';
const ready: VerdictState = {
  isProduction: production,
  loading: false,
  response: rolloutsHealth,
  byKey: healthByKey(rolloutsHealth),
};
const row = (id: string, environment = 'production') => ({
  source: 'argocd',
  id,
  environment,
});

describe('verdictCell', () => {
  it('shows the backend’s verdict of a production deployment, with its reasons', () => {
    const cell = verdictCell(row('r3'), ready);
    expect(cell.kind).toBe('verdict');
    if (cell.kind !== 'verdict') return;
    expect(cell.health.verdict).toBe('ailing');
    expect(cell.lines).toEqual([
      'Ailing',
      'checkout-availability burned 3% of its error budget in the 2 h after it, 0.5% in the 2 h before (+2.5 points; ailing from +1 points)',
    ]);
  });

  it('finds the verdict under another source that reported the same rollout', () => {
    const cell = verdictCell(
      {
        ...row('run-77'),
        source: 'github',
        alsoReportedBy: [{ source: 'argocd', id: 'r1' }],
      },
      ready,
    );
    expect(cell.kind === 'verdict' && cell.health.verdict).toBe('healthy');
  });

  it('gives a dash, never a verdict, to other environments and unjudged runs', () => {
    expect(verdictCell(row('stg-1', 'staging'), ready)).toEqual({
      kind: 'none',
      text: '—',
      title: 'Only production deployments get a health verdict',
    });
    const unjudged = verdictCell(row('not-in-answer'), ready);
    expect(unjudged).toEqual({
      kind: 'none',
      text: '—',
      title:
        'No verdict: only production deployments that finished in the window are judged',
    });
    // An answer cut to the newest deployments says so.
    const cut = verdictCell(row('not-in-answer'), {
      ...ready,
      response: { ...rolloutsHealth, truncated: true },
    });
    expect(cut.kind === 'none' && cut.title).toBe(
      'No verdict: the backend judged only the newest production deployments of the window',
    );
  });

  it('says when the verdicts are loading or could not be loaded', () => {
    const empty = { isProduction: production, byKey: new Map() };
    expect(verdictCell(row('r1'), { ...empty, loading: true })).toMatchObject({
      text: '…',
    });
    expect(
      verdictCell(row('r1'), {
        ...empty,
        loading: false,
        error: new Error('404 Not Found'),
      }),
    ).toEqual({
      kind: 'none',
      text: '—',
      title: 'The verdicts could not be loaded: 404 Not Found',
    });
  });
});

describe('verdictLines', () => {
  it('names the verdict, then the backend’s reasons in their order', () => {
    const r2 = rolloutsHealth.items.find(i => i.id === 'r2')!;
    expect(verdictLines(r2)).toEqual([
      'Unhealthy',
      'incident INC-7 names it',
      'its rollout was aborted',
      'no SLO figures: no traffic measured in the 2 h after it',
    ]);
    expect(verdictLines({ ...r2, verdict: 'unknown', reasons: [] })).toEqual([
      'Unknown',
    ]);
  });
});

describe('verdictColumnHelp', () => {
  it('names the span compared, and that verdicts rest on incidents without SLO', () => {
    expect(verdictColumnHelp({ hours: 24, sloAvailable: true })).toBe(
      'The health of a production deployment: its error budget burn in the 24 h after it against the 24 h before, and the incidents naming it.',
    );
    expect(verdictColumnHelp({ hours: 6, sloAvailable: false })).toMatch(
      /6 h after .*No SLO figures: these verdicts rest on incidents alone\.$/,
    );
  });
});
