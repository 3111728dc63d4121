import { formatTargetPercent, normaliseTarget, percentToRatio } from './target';

describe('targets', () => {
  it('normalises percentages without float noise', () => {
    // 99.9 / 100 would give 0.9990000000000001
    expect(99.9 / 100).not.toBe(0.999);
    expect(normaliseTarget(99.9)).toBe(0.999);
    expect(normaliseTarget('99.9%')).toBe(0.999);
    expect(normaliseTarget('99.95 %')).toBe(0.9995);
    expect(normaliseTarget(99.99)).toBe(0.9999);
    expect(normaliseTarget('5%')).toBe(0.05);
    expect(percentToRatio('0.5')).toBe(0.005);
  });

  it('keeps ratios as written', () => {
    expect(normaliseTarget(0.999)).toBe(0.999);
    expect(normaliseTarget('0.995')).toBe(0.995);
  });

  it('rejects targets that leave no budget or are not numbers', () => {
    expect(() => normaliseTarget(100)).toThrow('must be above 0 and below 1');
    expect(() => normaliseTarget(1)).toThrow('must be above 0 and below 1');
    expect(() => normaliseTarget(0)).toThrow('must be above 0 and below 1');
    expect(() => normaliseTarget('abc')).toThrow('is not a number');
  });

  it('formats ratios as percentages', () => {
    expect(formatTargetPercent(0.999)).toBe('99.9%');
    expect(formatTargetPercent(0.9995)).toBe('99.95%');
  });
});
