import { Entity } from '@backstage/catalog-model';
import { firstPageRefs } from './firstPage';

const component = (name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
});
const titleOf = (entity: Entity) =>
  entity.metadata.title ?? entity.metadata.name;

describe('firstPageRefs', () => {
  it('takes the first 20 rows in the order of their titles when the table pages itself', () => {
    // names c-24 … c-00, given in reverse: the first page is c-00 … c-19
    const entities = Array.from({ length: 25 }, (_, i) =>
      component(`c-${String(24 - i).padStart(2, '0')}`),
    );
    const refs = firstPageRefs(entities, 'none', titleOf);
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('component:default/c-00');
    expect(refs[19]).toBe('component:default/c-19');
    expect(refs).not.toContain('component:default/c-20');
  });

  it('sorts by the title the table shows, in code-unit order like the table', () => {
    const entities = [
      component('zeta', 'Alpha'),
      component('alpha'),
      component('mid', 'Beta'),
    ];
    // 'Alpha' < 'Beta' < 'alpha': capitals sort first
    expect(firstPageRefs(entities, 'none', titleOf)).toEqual([
      'component:default/zeta',
      'component:default/mid',
      'component:default/alpha',
    ]);
  });

  it('keeps the order of equal titles', () => {
    const entities = [component('b', 'Same'), component('a', 'Same')];
    expect(firstPageRefs(entities, 'none', titleOf)).toEqual([
      'component:default/b',
      'component:default/a',
    ]);
  });

  it.each(['offset', 'cursor'] as const)(
    'takes the whole page as given when the server pages (%s)',
    mode => {
      const entities = Array.from({ length: 25 }, (_, i) =>
        component(`c-${24 - i}`),
      );
      const refs = firstPageRefs(entities, mode, titleOf);
      expect(refs).toHaveLength(25);
      expect(refs[0]).toBe('component:default/c-24');
    },
  );
});
