import {
  deliveryEventSchema,
  deploymentEventSchema,
  formatZodError,
  incidentEventSchema,
  toUtcIso,
} from './events';

const validDeployment = {
  kind: 'deployment',
  source: 'github',
  id: 'run-42',
  entityRef: 'component:default/shop',
  environment: 'production',
  status: 'success',
  startedAt: '2026-01-07T21:00:00-02:00',
  finishedAt: '2026-01-07T23:30:00-02:00',
  version: 'v1.2.3',
  url: 'https://github.com/acme/shop/actions/runs/42',
  commits: [
    {
      sha: 'abc123',
      committedAt: '2026-01-07T20:00:00+01:00',
      author: 'jane',
      message: 'Fix checkout',
    },
  ],
};

const validIncident = {
  kind: 'incident',
  source: 'pagerduty',
  id: 'P123',
  entityRef: 'Component:default/shop',
  title: 'Checkout down',
  severity: 'SEV1',
  openedAt: '2026-01-08T02:00:00Z',
  resolvedAt: '2026-01-08T03:00:00Z',
  deploymentId: 'run-42',
};

/** The field paths zod reports for an event, e.g. ['commits.0.sha']. */
function failingPaths(event: unknown): string[] {
  const result = deliveryEventSchema.safeParse(event);
  if (result.success) {
    return [];
  }
  return result.error.issues.map(issue => issue.path.join('.'));
}

describe('deliveryEventSchema', () => {
  it('accepts a valid deployment and keeps its offsets', () => {
    const parsed = deliveryEventSchema.parse(validDeployment);
    expect(parsed).toEqual(validDeployment);
  });

  it('keeps who or what triggered a deployment, and bounds it', () => {
    const parsed = deliveryEventSchema.parse({
      ...validDeployment,
      triggeredBy: '  octocat (push) ',
    });
    expect(parsed).toMatchObject({ triggeredBy: 'octocat (push)' });
    expect(
      failingPaths({ ...validDeployment, triggeredBy: 'x'.repeat(301) }),
    ).toEqual(['triggeredBy']);
    expect(failingPaths({ ...validDeployment, triggeredBy: '  ' })).toEqual([
      'triggeredBy',
    ]);
    expect(failingPaths({ ...validDeployment, triggeredBy: 42 })).toEqual([
      'triggeredBy',
    ]);
  });

  it('refuses instants outside 1970..9999 (UTC), naming the field', () => {
    expect(
      failingPaths({ ...validIncident, openedAt: '0000-01-01T00:00:00Z' }),
    ).toEqual(['openedAt']);
    expect(
      failingPaths({
        ...validDeployment,
        commits: [{ sha: 'a', committedAt: '1969-12-31T23:59:59Z' }],
      }),
    ).toEqual(['commits.0.committedAt']);
    // 23:59 on 9999-12-31 at -01:00 is already year 10000 in UTC.
    expect(
      failingPaths({
        ...validDeployment,
        finishedAt: '9999-12-31T23:59:00-01:00',
      }),
    ).toEqual(['finishedAt']);
    expect(
      failingPaths({ ...validIncident, resolvedAt: '9999-12-31T23:59:59Z' }),
    ).toEqual([]);
    expect(
      failingPaths({ ...validIncident, openedAt: '1970-01-01T00:00:00Z' }),
    ).toEqual([]);
  });

  it('accepts a valid incident', () => {
    expect(deliveryEventSchema.parse(validIncident)).toEqual(validIncident);
  });

  it('defaults commits to an empty list', () => {
    const { commits, ...withoutCommits } = validDeployment;
    expect(deploymentEventSchema.parse(withoutCommits).commits).toEqual([]);
  });

  it('allows an in-progress deployment without finishedAt', () => {
    const { finishedAt, ...running } = validDeployment;
    expect(
      deliveryEventSchema.safeParse({ ...running, status: 'in_progress' })
        .success,
    ).toBe(true);
    expect(
      deliveryEventSchema.safeParse({
        ...running,
        status: 'in_progress',
        finishedAt: null,
      }).success,
    ).toBe(true);
  });

  it('requires finishedAt unless in progress', () => {
    const { finishedAt, ...running } = validDeployment;
    const result = deliveryEventSchema.safeParse(running);
    expect(result.success).toBe(false);
    expect(formatZodError(result.error!)).toBe(
      'finishedAt: finishedAt is required unless status is in_progress',
    );
  });

  it('rejects finishedAt before startedAt, comparing instants', () => {
    // 09:00Z is after 10:00+02:00 (08:00Z) although it sorts before it as text.
    expect(
      failingPaths({
        ...validDeployment,
        startedAt: '2026-01-07T10:00:00+02:00',
        finishedAt: '2026-01-07T09:00:00Z',
      }),
    ).toEqual([]);
    expect(
      failingPaths({
        ...validDeployment,
        startedAt: '2026-01-07T10:00:00+02:00',
        finishedAt: '2026-01-07T07:30:00Z',
      }),
    ).toEqual(['finishedAt']);
  });

  it('rejects resolvedAt before openedAt', () => {
    expect(
      failingPaths({ ...validIncident, resolvedAt: '2026-01-08T01:59:59Z' }),
    ).toEqual(['resolvedAt']);
  });

  it.each([
    ['a bad date', { startedAt: '2026-13-01T00:00:00Z' }, 'startedAt'],
    [
      'a date without offset',
      { startedAt: '2026-01-07T21:00:00' },
      'startedAt',
    ],
    ['a non-date', { finishedAt: 'yesterday' }, 'finishedAt'],
    ['an unknown status', { status: 'succeeded' }, 'status'],
    ['an entityRef without kind', { entityRef: 'default/shop' }, 'entityRef'],
    [
      'an entityRef without namespace',
      { entityRef: 'component:shop' },
      'entityRef',
    ],
    ['an empty source', { source: '' }, 'source'],
    ['a non-http url', { url: 'ftp://example.com/x' }, 'url'],
    [
      'a blank sha',
      { commits: [{ sha: '  ', committedAt: '2026-01-07T20:00:00Z' }] },
      'commits.0.sha',
    ],
    [
      'a bad commit date',
      { commits: [{ sha: 'a', committedAt: '2026-01-07' }] },
      'commits.0.committedAt',
    ],
  ])('names the field for %s', (_, change, path) => {
    expect(failingPaths({ ...validDeployment, ...change })).toEqual([path]);
  });

  it('rejects more than 10000 commits', () => {
    const commit = { sha: 'a', committedAt: '2026-01-07T20:00:00Z' };
    const commits = Array.from({ length: 10_001 }, () => commit);
    expect(failingPaths({ ...validDeployment, commits })).toEqual(['commits']);
    expect(
      failingPaths({ ...validDeployment, commits: commits.slice(1) }),
    ).toEqual([]);
  });

  it('trims commit shas', () => {
    const parsed = deploymentEventSchema.parse({
      ...validDeployment,
      commits: [{ sha: ' abc123\n', committedAt: '2026-01-07T20:00:00Z' }],
    });
    expect(parsed.commits[0].sha).toBe('abc123');
  });

  it('rejects an unknown kind', () => {
    expect(failingPaths({ ...validIncident, kind: 'build' })).toEqual(['kind']);
  });

  it('validates incidents with their own fields', () => {
    expect(incidentEventSchema.safeParse(validIncident).success).toBe(true);
    expect(failingPaths({ ...validIncident, title: '' })).toEqual(['title']);
    expect(failingPaths({ ...validIncident, openedAt: 'now' })).toEqual([
      'openedAt',
    ]);
  });
});

describe('formatZodError', () => {
  it('names every failing field on one line', () => {
    const result = deliveryEventSchema.safeParse({
      ...validDeployment,
      status: 'success',
      finishedAt: undefined,
      commits: [{ sha: '', committedAt: '2026-01-07T20:00:00Z' }],
    });
    const message = formatZodError(result.error!);
    expect(message).not.toContain('\n');
    expect(message).toMatch(
      /^commits\.0\.sha: .+; finishedAt: finishedAt is required unless status is in_progress$/,
    );
  });

  it('labels errors of the whole value as root', () => {
    const result = deliveryEventSchema.safeParse('not an event');
    expect(formatZodError(result.error!)).toMatch(/^\(root\): /);
  });
});

describe('toUtcIso', () => {
  it('normalises an offset to UTC with milliseconds', () => {
    expect(toUtcIso('2026-01-07T23:30:00-02:00')).toBe(
      '2026-01-08T01:30:00.000Z',
    );
    expect(toUtcIso('2026-01-08T05:45:00.5+05:45')).toBe(
      '2026-01-08T00:00:00.500Z',
    );
    expect(toUtcIso('2026-01-08T01:30:00Z')).toBe('2026-01-08T01:30:00.000Z');
  });

  it('rejects an invalid date', () => {
    expect(() => toUtcIso('2026-02-30T00:00:00Z')).toThrow(
      /Invalid ISO-8601 date-time/,
    );
  });
});
