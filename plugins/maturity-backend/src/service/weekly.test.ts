import { defaultRubric } from '@internal/backstage-plugin-maturity-common';
import type { ComponentMaturity } from '@internal/backstage-plugin-maturity-common';
import { CatalogSnapshot } from '../catalog/catalogSnapshot';
import { componentsInScope, owningTeams } from './scopes';
import { weekOf, weeklySnapshots } from './weekly';

const component = (
  ref: string,
  owner: string,
  extra: { system?: string; tags?: string[] } = {},
) => ({
  entityRef: ref,
  owner,
  system: extra.system,
  tags: extra.tags ?? [],
  catalog: { owner, annotations: {}, links: [] },
});

/* parent -> child; a owned by parent, b by child (system shop), c by other (tag pci) */
const snapshot: CatalogSnapshot = {
  unrated: new Map(),
  components: new Map([
    [
      'component:default/a',
      component('component:default/a', 'group:default/parent'),
    ],
    [
      'component:default/b',
      component('component:default/b', 'group:default/child', {
        system: 'system:default/shop',
      }),
    ],
    [
      'component:default/c',
      component('component:default/c', 'group:default/other', {
        tags: ['PCI'],
      }),
    ],
  ]),
  groups: new Map(
    ['parent', 'child', 'other'].map(name => [
      `group:default/${name}`,
      { entityRef: `group:default/${name}` },
    ]),
  ),
  children: new Map([['group:default/parent', ['group:default/child']]]),
  ownedBy: new Map([
    ['group:default/parent', ['component:default/a']],
    ['group:default/child', ['component:default/b']],
    ['group:default/other', ['component:default/c']],
  ]),
};

const levels: Record<string, number> = {
  'component:default/a': 2,
  'component:default/b': 3,
  'component:default/c': 0,
};
const maturityOf = (ref: string) =>
  ({
    entityRef: ref,
    level: levels[ref],
    checks: [],
    nextSteps: [],
  } as ComponentMaturity);

describe('weekOf', () => {
  it('is the Monday (UTC) of the ISO week', () => {
    // 2026-03-08 is a Sunday: its week began on Monday 2026-03-02
    expect(weekOf(new Date('2026-03-08T23:59:59Z'))).toBe('2026-03-02');
    expect(weekOf(new Date('2026-03-09T00:00:00Z'))).toBe('2026-03-09');
  });
});

describe('componentsInScope', () => {
  it('takes teams with their child teams, systems and tags (any case), each once', () => {
    expect(
      componentsInScope({ scope: { teams: ['parent'] } }, snapshot),
    ).toEqual(['component:default/a', 'component:default/b']);
    expect(
      componentsInScope(
        { scope: { systems: ['shop'], tags: ['pci'], teams: ['child'] } },
        snapshot,
      ),
    ).toEqual(['component:default/b', 'component:default/c']);
    expect(
      owningTeams(['component:default/a', 'component:default/b'], snapshot),
    ).toEqual(['group:default/child', 'group:default/parent']);
  });
});

describe('weeklySnapshots', () => {
  it('keeps every component, group (child teams pooled), system, the organisation and initiatives', () => {
    const rows = weeklySnapshots({
      rubric: defaultRubric,
      snapshot,
      maturityOf,
      initiatives: [
        {
          id: 'measured',
          title: 'Measured',
          target: { level: 2 },
          scope: { teams: ['parent'] },
          startsAt: '2026-01-01',
          deadline: '2026-06-30',
          owners: [],
        },
      ],
      week: '2026-03-02',
    });
    expect(Object.fromEntries(rows.map(r => [r.subject, r.snapshot]))).toEqual({
      'component:default/a': { level: 2, distribution: [0, 0, 1, 0, 0] },
      'component:default/b': { level: 3, distribution: [0, 0, 0, 1, 0] },
      'component:default/c': { level: 0, distribution: [1, 0, 0, 0, 0] },
      // parent pools a (2) and child's b (3): level 2
      'group:default/parent': { level: 2, distribution: [0, 0, 1, 1, 0] },
      'group:default/child': { level: 3, distribution: [0, 0, 0, 1, 0] },
      'group:default/other': { level: 0, distribution: [1, 0, 0, 0, 0] },
      'system:default/shop': { level: 3, distribution: [0, 0, 0, 1, 0] },
      organisation: { level: 0, distribution: [1, 0, 1, 1, 0] },
      // a (2) and b (3) both reach level 2: 2 of 2
      'initiative:measured': { done: 2, components: 2 },
    });
    expect(new Set(rows.map(r => r.week))).toEqual(new Set(['2026-03-02']));
  });
});
