import {
  computeDrift,
  normaliseVersion,
  summariseTemplates,
  versionGap,
} from './drift';

describe('versionGap', () => {
  it('names the most significant differing part and its distance', () => {
    // 1.0.0 -> 1.3.0: majors equal, minors 3 - 0 = 3
    expect(versionGap('1.0.0', '1.3.0')).toEqual({ level: 'minor', count: 3 });
    // 1.4.2 -> 2.0.0: majors 2 - 1 = 1 (minor and patch no longer matter)
    expect(versionGap('1.4.2', '2.0.0')).toEqual({ level: 'major', count: 1 });
    // 1.9.0 -> 3.1.0: majors 3 - 1 = 2
    expect(versionGap('1.9.0', '3.1.0')).toEqual({ level: 'major', count: 2 });
    // 1.2.0 -> 1.2.5: patches 5 - 0 = 5
    expect(versionGap('1.2.0', '1.2.5')).toEqual({ level: 'patch', count: 5 });
    // semver, not string order: 1.10.0 is newer than 1.9.0 (1 minor), "1.10" < "1.9" as text
    expect(versionGap('1.9.0', '1.10.0')).toEqual({ level: 'minor', count: 1 });
    expect(versionGap('1.10.0', '1.9.0')).toBeUndefined();
    // a pre-release of the latest version is one step behind it
    expect(versionGap('1.1.0-rc.1', '1.1.0')).toEqual({
      level: 'patch',
      count: 1,
    });
    expect(versionGap('1.1.0', '1.1.0')).toBeUndefined();
  });

  it('refuses what is not semver', () => {
    expect(() => versionGap('one', '1.0.0')).toThrow('not semver: one');
  });
});

describe('normaliseVersion', () => {
  it('accepts hand-written short forms', () => {
    expect(normaliseVersion('1.2')).toBe('1.2.0');
    expect(normaliseVersion('v2.0.1')).toBe('2.0.1');
    expect(normaliseVersion('1')).toBe('1.0.0');
    expect(normaliseVersion('latest')).toBeUndefined();
    expect(normaliseVersion(undefined)).toBeUndefined();
  });
});

describe('computeDrift', () => {
  const templates = [
    {
      entityRef: 'template:default/typescript-service',
      latestVersion: '2.1.0',
    },
    { entityRef: 'template:default/python-service', latestVersion: '1.1.0' },
    { entityRef: 'template:default/unversioned' },
  ];
  const ts = 'template:default/typescript-service';
  const py = 'template:default/python-service';

  it('orders the furthest behind first and marks problems', () => {
    const rows = computeDrift(
      [
        {
          entityRef: 'component:default/a-current',
          template: ts,
          version: '2.1.0',
        },
        {
          entityRef: 'component:default/b-minor',
          template: ts,
          version: '2.0.0',
          owner: 'group:default/team-a',
        },
        {
          entityRef: 'component:default/c-major',
          template: ts,
          version: '1.4.0',
        },
        {
          entityRef: 'component:default/d-py-minor',
          template: py,
          version: '1.0',
        },
        {
          entityRef: 'component:default/e-gone',
          template: 'template:default/retired',
          version: '1.0.0',
        },
        {
          entityRef: 'component:default/f-bad',
          template: py,
          version: 'latest',
        },
        {
          entityRef: 'component:default/g-ahead',
          template: py,
          version: '1.2.0',
        },
        {
          entityRef: 'component:default/h-unversioned',
          template: 'template:default/unversioned',
          version: '1.0.0',
        },
        { entityRef: 'component:default/i-no-version', template: py },
      ],
      templates,
    );
    expect(
      rows.map(r => [
        r.entityRef.split('/')[1],
        r.status,
        r.behind && `${r.behind.count} ${r.behind.level}`,
      ]),
    ).toEqual([
      // 1.4.0 -> 2.1.0: 1 major
      ['c-major', 'behind', '1 major'],
      // 1.0 = 1.0.0 -> 1.1.0: 1 minor; 2.0.0 -> 2.1.0: 1 minor (same gap: by name)
      ['b-minor', 'behind', '1 minor'],
      ['d-py-minor', 'behind', '1 minor'],
      ['f-bad', 'invalid-version', undefined],
      ['i-no-version', 'invalid-version', undefined],
      ['e-gone', 'unknown-template', undefined],
      ['h-unversioned', 'unknown-template', undefined],
      ['g-ahead', 'ahead', undefined],
      ['a-current', 'current', undefined],
    ]);
    expect(rows[1]).toEqual({
      entityRef: 'component:default/b-minor',
      owner: 'group:default/team-a',
      template: ts,
      version: '2.0.0',
      latestVersion: '2.1.0',
      status: 'behind',
      behind: { level: 'minor', count: 1 },
    });
  });

  it('summarises per template', () => {
    const drift = computeDrift(
      [
        { entityRef: 'component:default/a', template: ts, version: '2.1.0' },
        { entityRef: 'component:default/b', template: ts, version: '1.0.0' },
        { entityRef: 'component:default/c', template: ts, version: '2.0.9' },
      ],
      templates,
    );
    expect(summariseTemplates(templates, drift)).toEqual([
      {
        entityRef: 'template:default/python-service',
        latestVersion: '1.1.0',
        components: 0,
        behind: 0,
      },
      // a current, b and c behind: 3 components, 2 behind
      {
        entityRef: 'template:default/typescript-service',
        latestVersion: '2.1.0',
        components: 3,
        behind: 2,
      },
      // unversioned: no version and no component, so not a golden path: left out
    ]);
  });
});
