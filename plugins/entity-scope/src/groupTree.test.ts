import {
  componentsOwnedWithin,
  descendantGroups,
  GroupTree,
} from './groupTree';

/*
 *   org ── platform            (owns ci, auth)
 *    │  └─ product ── payments (owns billing)
 *    │             └─ search   (owns indexer; wrongly also lists product as a child)
 *    └ (org owns portal)
 */
const g = (name: string) => `group:default/${name}`;
const c = (name: string) => `component:default/${name}`;
const tree: GroupTree = {
  children: new Map([
    [g('org'), [g('platform'), g('product')]],
    [g('platform'), []],
    [g('product'), [g('payments'), g('search')]],
    [g('payments'), []],
    [g('search'), [g('product')]],
  ]),
  ownedBy: new Map([
    [g('org'), [c('portal')]],
    [g('platform'), [c('ci'), c('auth')]],
    [g('payments'), [c('billing')]],
    [g('search'), [c('indexer')]],
  ]),
};

describe('descendantGroups', () => {
  it('lists the root first, then every group below it once', () => {
    expect(descendantGroups(g('org'), tree.children)).toEqual([
      g('org'),
      g('platform'),
      g('product'),
      g('payments'),
      g('search'),
    ]);
  });

  it('ends at a cycle (search names product, its parent, as a child)', () => {
    expect(descendantGroups(g('product'), tree.children)).toEqual([
      g('product'),
      g('payments'),
      g('search'),
    ]);
  });

  it('answers a leaf or an unknown group with itself alone', () => {
    expect(descendantGroups(g('payments'), tree.children)).toEqual([
      g('payments'),
    ]);
    expect(descendantGroups(g('nobody'), tree.children)).toEqual([g('nobody')]);
  });
});

describe('componentsOwnedWithin', () => {
  it("pools a group's own components and its descendants', sorted", () => {
    expect(componentsOwnedWithin(g('org'), tree)).toEqual([
      c('auth'),
      c('billing'),
      c('ci'),
      c('indexer'),
      c('portal'),
    ]);
    expect(componentsOwnedWithin(g('product'), tree)).toEqual([
      c('billing'),
      c('indexer'),
    ]);
  });

  it('answers a group owning nothing, itself or below, with none', () => {
    expect(componentsOwnedWithin(g('nobody'), tree)).toEqual([]);
    expect(
      componentsOwnedWithin(g('a'), {
        children: new Map([[g('a'), [g('b')]]]),
        ownedBy: new Map(),
      }),
    ).toEqual([]);
  });

  it('counts a component listed under two groups of the tree once', () => {
    expect(
      componentsOwnedWithin(g('a'), {
        children: new Map([[g('a'), [g('b')]]]),
        ownedBy: new Map([
          [g('a'), [c('shared')]],
          [g('b'), [c('shared'), c('own')]],
        ]),
      }),
    ).toEqual([c('own'), c('shared')]);
  });
});
