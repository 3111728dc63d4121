import { seriesGeometry } from './chart';

describe('seriesGeometry', () => {
  it('spreads weeks evenly and puts 0 at the bottom, max at the top', () => {
    // 3 weeks over 200 px: x = 0, 100, 200; levels of 4 over 80 px: y = 80 - level * 20
    const geometry = seriesGeometry([1, 2, 4], {
      width: 200,
      height: 80,
      max: 4,
    });
    expect(geometry.points).toEqual([
      { index: 0, x: 0, y: 60, value: 1 },
      { index: 1, x: 100, y: 40, value: 2 },
      { index: 2, x: 200, y: 0, value: 4 },
    ]);
    expect(geometry.runs).toEqual(['0,60 100,40 200,0']);
    expect(geometry.y(0)).toBe(80);
  });

  it('breaks the line at weeks without a value instead of drawing zero', () => {
    // 4 weeks over 300 px: x = 0, 100, 200, 300
    const geometry = seriesGeometry([0, null, 1, 1], {
      width: 300,
      height: 100,
      max: 1,
    });
    expect(geometry.runs).toEqual(['0,100', '200,0 300,0']);
    expect(geometry.points.map(p => p.index)).toEqual([0, 2, 3]);
  });

  it('centres a single week', () => {
    expect(
      seriesGeometry([2], { width: 100, height: 40, max: 4 }).points,
    ).toEqual([{ index: 0, x: 50, y: 20, value: 2 }]);
  });
});
