import { formatSelector, parseSelector } from './selector';

describe('parseSelector', () => {
  it.each([
    ['up', 'up'],
    [
      'http_requests_total{job="api",code=~"5.."}',
      'http_requests_total{job="api",code=~"5.."}',
    ],
    // spacing, single quotes, backticks and a trailing comma are normalised
    [
      "http_requests_total { job = 'api' , code !~ `2..`, }",
      'http_requests_total{job="api",code!~"2.."}',
    ],
    // braces and escaped quotes inside values are read whole
    [
      'x{path="/a{b}",msg="say \\"hi\\""}',
      'x{path="/a{b}",msg="say \\"hi\\""}',
    ],
    ['{__name__="x",job!="y"}', '{__name__="x",job!="y"}'],
    ['ns:metric:rate5m{a="b"}', 'ns:metric:rate5m{a="b"}'],
  ])('reads %s', (input, normalised) => {
    expect(formatSelector(parseSelector(input))).toBe(normalised);
  });

  it.each([
    ['', /it is empty/],
    [
      'sum(rate(x[5m]))',
      /functions such as sum\(\) are added by the portal itself/,
    ],
    ['x[5m]', /unexpected "\[5m\]"/],
    ['x{job="a"}[5m]', /unexpected/],
    ['x{job="a"} offset 1h', /unexpected/],
    ['x{job="a"} or vector(1)', /unexpected/],
    ['x{job=a}', /expected a quoted value for label job/],
    ['x{job=="a"}', /expected a quoted value/],
    ['x{job="a" code="b"}', /expected , or \}/],
    ['x{job="a"', /unexpected/],
    ['{job="a"}', /no metric name/],
    ['x{1job="a"}', /expected a label name/],
    ['x{job="a\\"}', /expected a quoted value/],
  ])('refuses %s', (input, message) => {
    expect(() => parseSelector(input)).toThrow(message);
  });

  it('says what to write instead', () => {
    expect(() => parseSelector('rate(x[5m])')).toThrow(
      '"rate(x[5m])" is not a series selector (functions such as rate() are added by the portal itself); write a metric name with optional label matchers, e.g. http_requests_total{job="api",code=~"5.."}',
    );
  });
});
