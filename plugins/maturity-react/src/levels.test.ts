import { levelChipColors, levelLabel, maturityLevelsLoader } from './levels';

describe('levelLabel', () => {
  it('names the level, says when none is reached, and when nothing is rated', () => {
    expect(levelLabel(2, 'Measured')).toBe('L2 Measured');
    expect(levelLabel(3)).toBe('L3');
    expect(levelLabel(0)).toBe('L0 No level yet');
    expect(levelLabel(null)).toBe('Not rated');
  });
});

describe('levelChipColors', () => {
  it('darkens with the level and keeps the top colour above level 4', () => {
    expect(levelChipColors(0).background).toBe('#999999');
    expect(levelChipColors(1)).toEqual({
      background: '#E69F00',
      text: '#000000',
    });
    expect(levelChipColors(4)).toEqual({
      background: '#009E73',
      text: '#ffffff',
    });
    expect(levelChipColors(7).background).toBe('#009E73');
  });
});

describe('maturityLevelsLoader', () => {
  it('asks once for the rows and keys the answer by lower-cased ref', async () => {
    const api = {
      getLevels: jest.fn(async () => ({
        items: {
          'Component:default/Cart': {
            entityRef: 'Component:default/Cart',
            level: 1,
            levelName: 'Repeatable',
          },
        },
      })),
    };
    const load = maturityLevelsLoader(api);
    await expect(
      load(['component:default/cart', 'component:default/pay']),
    ).resolves.toEqual({
      'component:default/cart': {
        entityRef: 'Component:default/Cart',
        level: 1,
        levelName: 'Repeatable',
      },
    });
    expect(api.getLevels).toHaveBeenCalledTimes(1);
  });
});
