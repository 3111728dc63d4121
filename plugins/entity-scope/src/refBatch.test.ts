import { parseEntityRefBatch } from './refBatch';

describe('parseEntityRefBatch', () => {
  it('lower-cases refs, defaults the kind to component and drops repeats', () => {
    expect(
      parseEntityRefBatch(
        {
          entityRefs: [
            'Shop',
            'component:default/shop',
            'Group:Default/Team-A',
            'system:payments',
          ],
        },
        10,
      ),
    ).toEqual([
      'component:default/shop',
      'group:default/team-a',
      'system:default/payments',
    ]);
  });

  it('answers a 400 naming the field when the body is not a batch', () => {
    expect(() => parseEntityRefBatch(undefined, 10)).toThrow(
      'entityRefs: must be an array of entity refs, body {"entityRefs":[...]}',
    );
    expect(() => parseEntityRefBatch({ entityRefs: 'shop' }, 10)).toThrow(
      'entityRefs: must be an array',
    );
    expect(() => parseEntityRefBatch({ entityRefs: [] }, 10)).toThrow(
      'entityRefs: must name at least one entity',
    );
  });

  it('allows exactly max refs and refuses one more', () => {
    expect(parseEntityRefBatch({ entityRefs: ['a', 'b'] }, 2)).toHaveLength(2);
    expect(() =>
      parseEntityRefBatch({ entityRefs: ['a', 'b', 'c'] }, 2),
    ).toThrow('entityRefs: may name at most 2 entities per request');
  });

  it('names the index of a ref that is not one', () => {
    expect(() => parseEntityRefBatch({ entityRefs: ['shop', 42] }, 10)).toThrow(
      'entityRefs.1: must be an entity ref, e.g. component:default/name',
    );
    expect(() =>
      parseEntityRefBatch({ entityRefs: ['shop', '', 'component:'] }, 10),
    ).toThrow('entityRefs.1: must be an entity ref');
  });
});
