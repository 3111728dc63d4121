import { quantile } from './quantile';

describe('quantile', () => {
  it('is null without values', () => {
    expect(quantile([], 0.5)).toBeNull();
  });

  it('returns the only value for a single element', () => {
    expect(quantile([7], 0.5)).toBe(7);
    expect(quantile([7], 0.9)).toBe(7);
  });

  it('takes the mean of the two middle values for an even count', () => {
    // [2, 4, 6, 10]: position 0.5 * 3 = 1.5 -> 4 + 0.5 * (6 - 4) = 5
    expect(quantile([2, 4, 6, 10], 0.5)).toBe(5);
  });

  it('interpolates p90 linearly between closest ranks', () => {
    // [2, 4, 6, 10]: position 0.9 * 3 = 2.7 -> 6 + 0.7 * (10 - 6) = 8.8
    expect(quantile([2, 4, 6, 10], 0.9)).toBeCloseTo(8.8, 10);
  });

  it('interpolates from the lower rank when the position is near it', () => {
    // [2, 4, 6, 10]: position 0.1 * 3 = 0.3 -> 2 + 0.3 * (4 - 2) = 2.6
    expect(quantile([2, 4, 6, 10], 0.1)).toBeCloseTo(2.6, 10);
  });

  it('hits exact ranks for the middle of an odd count and the ends', () => {
    expect(quantile([1, 3, 8], 0.5)).toBe(3);
    expect(quantile([1, 3, 8], 0)).toBe(1);
    expect(quantile([1, 3, 8], 1)).toBe(8);
  });

  it('rejects q outside [0, 1]', () => {
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => quantile([1], NaN)).toThrow(RangeError);
  });
});
