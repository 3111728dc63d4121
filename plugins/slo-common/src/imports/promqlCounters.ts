/**
 * Pyrra and Sloth write PromQL; our model keeps series selectors and builds every
 * query itself. These helpers recognise the shapes those tools use and take the
 * selector out of them, or say why they cannot.
 */

/** `metric{a="b"}`, `{__name__="x"}`: one selector, no functions or operators. */
const SELECTOR = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*(\{[^{}]*\})?\s*$/;

export function isSelector(text: string): boolean {
  const match = SELECTOR.exec(text);
  return !!match && !!(match[1] || match[2]);
}

/**
 * `sum(rate(<selector>[{{.window}}]))` (optionally `increase`, `sum by (...)`,
 * `sum without (...)`) -> `<selector>`; undefined for anything else.
 */
export function counterSelectorOfSlothQuery(query: string): string | undefined {
  const match =
    /^\s*sum\s*(?:(?:by|without)\s*\([^)]*\)\s*)?\(\s*(?:rate|increase)\s*\(\s*([\s\S]+?)\s*\[\s*\{\{\s*\.window\s*\}\}\s*\]\s*\)\s*\)\s*(?:(?:by|without)\s*\([^)]*\)\s*)?$/.exec(
      query,
    );
  if (!match || !isSelector(match[1])) {
    return undefined;
  }
  return match[1].trim();
}

/**
 * The `le` matcher of a histogram bucket at a threshold, in both notations where they
 * differ: Prometheus 2 keeps `le` as the exporter wrote it (`1`), Prometheus 3 stores
 * whole numbers as `1.0`. So `le=~"1|1.0"` for whole seconds, `le="0.25"` otherwise.
 */
export function bucketLeMatcher(thresholdSeconds: number): string {
  const text = String(Number(thresholdSeconds.toPrecision(12)));
  return Number.isInteger(thresholdSeconds)
    ? `le=~"${text}|${text}.0"`
    : `le="${text}"`;
}

/**
 * The threshold an `le` matcher names: `le="1"`, `le="1.0"`, `le=~"1|1.0"`, or the
 * regex `le=~"1(\\.0*)?"`; undefined when it is not one number (`le=~"0.1|0.5"`).
 */
export function leMatcherThreshold(matcher: string): number | undefined {
  const match = /^le\s*(=~|=)\s*"((?:[^"\\]|\\.)*)"$/.exec(matcher.trim());
  if (!match) return undefined;
  const alternatives =
    match[1] === '='
      ? [match[2]]
      : match[2]
          .split('|')
          .map(alt =>
            alt.replace(/\((?:\\)*\.0\*?\)\?$/, '').replace(/\\\\/g, '\\'),
          )
          .map(alt => alt.replace(/\\\./g, '.'));
  const values = alternatives.map(alt => Number(alt.trim()));
  const [first] = values;
  if (!(first > 0) || !Number.isFinite(first)) return undefined;
  return values.every(v => v === first) ? first : undefined;
}

/**
 * Splits `name{a="b",le="0.5"}` into the histogram base name (without `_bucket`), the
 * other matchers and the `le` matcher's threshold (`le` is the matcher as written).
 */
export function splitBucketSelector(selector: string):
  | {
      metric: string;
      matchers: string;
      le?: string;
      thresholdSeconds?: number;
    }
  | undefined {
  const match = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{([^{}]*)\})?\s*$/.exec(
    selector,
  );
  if (!match) return undefined;
  const name = match[1];
  const matchers = splitMatchers(match[2] ?? '');
  const le = matchers.find(m => /^le\s*=/.test(m));
  return {
    metric: name.replace(/_bucket$/, ''),
    matchers: matchers.filter(m => m !== le).join(','),
    ...(le ? { le } : {}),
    ...(le && leMatcherThreshold(le) !== undefined
      ? { thresholdSeconds: leMatcherThreshold(le) }
      : {}),
  };
}

/**
 * A histogram latency SLI written as a ratio: good `<m>_bucket{<sel>,le...}` over
 * total `<m>_count{<sel>}` with the same other matchers (in any order). Undefined for
 * any other pair, e.g. a total with different matchers.
 */
export function latencyOfBucketRatio(
  good: string,
  total: string,
): { metric: string; selector?: string; thresholdSeconds: number } | undefined {
  if (!/_bucket\s*(\{|$)/.test(good.trim())) return undefined;
  const bucket = splitBucketSelector(good);
  const count = splitBucketSelector(total);
  if (!bucket?.thresholdSeconds || !count || count.le !== undefined) {
    return undefined;
  }
  const totalName = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(total)?.[1];
  if (totalName !== `${bucket.metric}_count`) return undefined;
  const sorted = (m: string) => splitMatchers(m).sort().join(',');
  if (sorted(bucket.matchers) !== sorted(count.matchers)) return undefined;
  return {
    metric: bucket.metric,
    ...(bucket.matchers ? { selector: bucket.matchers } : {}),
    thresholdSeconds: bucket.thresholdSeconds,
  };
}

/** Splits matchers on commas outside quotes. */
function splitMatchers(body: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && quoted) {
      current += c + (body[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      if (current.trim()) parts.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
