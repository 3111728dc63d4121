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
 * Splits `name{a="b",le="0.5"}` into the histogram base name (without `_bucket`), the
 * other matchers and the `le` value.
 */
export function splitBucketSelector(
  selector: string,
): { metric: string; matchers: string; le?: string } | undefined {
  const match = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{([^{}]*)\})?\s*$/.exec(
    selector,
  );
  if (!match) return undefined;
  const name = match[1];
  const matchers = splitMatchers(match[2] ?? '');
  const le = matchers.find(m => /^le\s*=\s*"/.test(m));
  return {
    metric: name.replace(/_bucket$/, ''),
    matchers: matchers.filter(m => m !== le).join(','),
    le: le ? /"([^"]*)"/.exec(le)?.[1] : undefined,
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
