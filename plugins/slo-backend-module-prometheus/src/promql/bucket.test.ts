import { bucketMatcher, leNotations, sortBuckets } from './bucket';

/** Whether Prometheus' anchored RE2 match of `pattern` accepts `value`. */
const matches = (pattern: string, value: string) =>
  new RegExp(`^(?:${pattern})$`).test(value);

describe('leNotations', () => {
  it.each([
    // value, what Prometheus 2 keeps as exposed / Prometheus 3 stores, not matched
    [1, ['1', '1.0', '1.00'], ['10', '0.1', '1.5', '11']],
    [0.3, ['0.3', '0.30'], ['0.03', '3', '0.31', '0.3.0']],
    [0.25, ['0.25', '0.250'], ['0.2', '0.255', '25']],
    [2.5, ['2.5', '2.50'], ['25', '2.05']],
    [10, ['10', '10.0'], ['1', '100', '1.0']],
    [0.00001, ['0.00001', '1e-05', '1e-5', '1.0e-05'], ['1e-06', '0.0001']],
    [1_000_000, ['1000000', '1000000.0', '1e+06', '1e6'], ['1e+07', '100000']],
  ])('%s matches %j and not %j', (value, yes, no) => {
    const pattern = leNotations(value);
    for (const text of yes)
      expect([text, matches(pattern, text)]).toEqual([text, true]);
    for (const text of no)
      expect([text, matches(pattern, text)]).toEqual([text, false]);
  });

  it('writes the matcher as an escaped PromQL string', () => {
    expect(bucketMatcher(1)).toBe('le=~"1(\\\\.0*)?"');
    expect(bucketMatcher(0.3)).toBe('le=~"0\\\\.30*"');
    expect(() => bucketMatcher(0)).toThrow(/positive number of seconds/);
  });
});

describe('sortBuckets', () => {
  it('orders numerically, +Inf last, one text per bucket', () => {
    expect(sortBuckets(['1.0', '0.25', '+Inf', '0.1', '1', '10'])).toEqual([
      '0.1',
      '0.25',
      '1',
      '10',
      '+Inf',
    ]);
  });
});
