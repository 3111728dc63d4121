/**
 * The only PromQL an SLO definition may contribute is a series selector
 * (`http_requests_total{job="api",code=~"5.."}`): the module wraps it in its own fixed
 * templates. Anything else (functions, operators, ranges, `offset`) is refused here, so
 * a definition cannot turn the portal into a query proxy.
 */

export interface SeriesSelector {
  /** Metric name; absent for `{__name__="x", ...}`-only selectors. */
  metric?: string;
  /** Label matchers as written, normalised to `name<op>"value"`. */
  matchers: string[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const MATCH_OPS = ['=~', '!~', '!=', '='] as const;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t' };

export class SelectorError extends Error {
  constructor(query: string, reason: string) {
    super(
      `"${query}" is not a series selector (${reason}); write a metric name with optional label matchers, e.g. http_requests_total{job="api",code=~"5.."}`,
    );
    this.name = 'SelectorError';
  }
}

/** Reads a quoted PromQL string at `text[start]`; returns its value and the end index. */
function readString(
  text: string,
  start: number,
): { value: string; end: number } | undefined {
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== '`') {
    return undefined;
  }
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === quote) {
      return { value, end: i + 1 };
    }
    if (char === '\\' && quote !== '`') {
      const next = text[i + 1];
      if (next === undefined) return undefined;
      value += ESCAPES[next] ?? next;
      i++;
      continue;
    }
    value += char;
  }
  return undefined;
}

/** Quotes a label value as a PromQL double-quoted string. */
export function quoteLabelValue(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;
}

/** Parses label matchers without braces: `job="api", code=~"5.."` (trailing comma ok). */
export function parseMatchers(text: string, query = text): string[] {
  const matchers: string[] = [];
  let rest = text.trim();
  while (rest.length) {
    const name = LABEL_NAME.exec(rest);
    if (!name) {
      throw new SelectorError(query, `expected a label name at "${rest}"`);
    }
    rest = rest.slice(name[0].length).trimStart();
    const afterName = rest;
    const op = MATCH_OPS.find(candidate => afterName.startsWith(candidate));
    if (!op) {
      throw new SelectorError(
        query,
        `expected =, !=, =~ or !~ after label ${name[0]}`,
      );
    }
    rest = rest.slice(op.length).trimStart();
    const value = readString(rest, 0);
    if (!value) {
      throw new SelectorError(
        query,
        `expected a quoted value for label ${name[0]}`,
      );
    }
    matchers.push(`${name[0]}${op}${quoteLabelValue(value.value)}`);
    rest = rest.slice(value.end).trimStart();
    if (rest.startsWith(',')) {
      rest = rest.slice(1).trimStart();
    } else if (rest.length) {
      throw new SelectorError(query, `expected , or } at "${rest}"`);
    }
  }
  return matchers;
}

export function parseSelector(query: string): SeriesSelector {
  const text = query.trim();
  if (!text) {
    throw new SelectorError(query, 'it is empty');
  }
  const name = METRIC_NAME.exec(text);
  const metric = name?.[0];
  const rest = text.slice(metric?.length ?? 0).trim();
  if (!rest) {
    if (!metric) throw new SelectorError(query, 'no metric name');
    return { metric, matchers: [] };
  }
  if (!rest.startsWith('{') || !rest.endsWith('}')) {
    throw new SelectorError(
      query,
      metric && rest.startsWith('(')
        ? `functions such as ${metric}() are added by the portal itself`
        : `unexpected "${rest}"`,
    );
  }
  // Braces inside quoted values are fine; parseMatchers reads strings whole.
  const matchers = parseMatchers(rest.slice(1, -1), query);
  if (!metric && !matchers.some(m => m.startsWith('__name__'))) {
    throw new SelectorError(query, 'no metric name');
  }
  return { metric, matchers };
}

export function formatSelector(selector: SeriesSelector): string {
  const labels = selector.matchers.length
    ? `{${selector.matchers.join(',')}}`
    : '';
  return `${selector.metric ?? ''}${labels}` || '{}';
}

/** The selector with extra matchers appended (e.g. `le="0.3"`). */
export function withMatchers(
  selector: SeriesSelector,
  extra: string[],
): SeriesSelector {
  return { ...selector, matchers: [...selector.matchers, ...extra] };
}
