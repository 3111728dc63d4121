/**
 * An entity ref as the answers are keyed. Entity names are ASCII, so plain `toLowerCase`
 * (the locale-aware form costs far more, once per cell on the table's first paint).
 */
const keyOf = (ref: string) => ref.toLowerCase();

/**
 * Collects the rows that ask for their value within one tick and loads them with one
 * request per chunk of `maxBatch` refs: the catalog table's cells each ask for their own
 * row, the backend sees one request per plugin for the rows on screen. Answers are kept
 * for `maxAgeMs`: re-renders, filter changes and a return to the catalog within that
 * time ask nothing again; an older answer is still shown (`peek`) while its row is
 * loaded afresh.
 */
export class RowBatcher<T> {
  private readonly answers = new Map<
    string,
    { promise: Promise<T | null>; loadedAt?: number }
  >();
  private readonly settled = new Map<string, T | null>();
  private pending = new Map<
    string,
    { resolve: (value: T | null) => void; reject: (error: Error) => void }
  >();
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly load: (
      refs: string[],
    ) => Promise<Record<string, T | null>>,
    options: { maxBatch?: number; maxAgeMs?: number; now?: () => number } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 100;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** A row's last loaded value (possibly older than maxAgeMs), so a cell shows it at once. */
  peek(ref: string): { value: T | null } | undefined {
    const key = keyOf(ref);
    return this.settled.has(key)
      ? { value: this.settled.get(key) ?? null }
      : undefined;
  }

  /** The value of one row; null when the backend has none for it. */
  get(ref: string): Promise<T | null> {
    const promise = this.ask(ref);
    if (this.pending.size > 0 && !this.scheduled) {
      this.scheduled = true;
      setTimeout(() => {
        this.scheduled = false;
        this.flush();
      }, 0);
    }
    return promise;
  }

  /**
   * Starts loading the rows not loaded yet at once, in one request per chunk, without
   * waiting for the tick: the table's rows are known before its cells mount, and their
   * `get` then shares these requests. Settles when every row has its answer or has
   * failed; a failure is left to the cells' own `get`.
   */
  prefetch(refs: readonly string[]): Promise<void> {
    const answers = refs.map(ref => this.ask(ref));
    this.flush();
    return Promise.allSettled(answers).then(() => undefined);
  }

  /** The answer known or loading for a row, else a new one waiting for the next flush. */
  private ask(ref: string): Promise<T | null> {
    const key = keyOf(ref);
    const known = this.answers.get(key);
    if (
      known &&
      (known.loadedAt === undefined ||
        this.now() - known.loadedAt < this.maxAgeMs)
    ) {
      return known.promise;
    }
    const promise = new Promise<T | null>((resolve, reject) => {
      this.pending.set(key, { resolve, reject });
    });
    this.answers.set(key, { promise });
    return promise;
  }

  private flush() {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const refs = [...batch.keys()];
    for (let i = 0; i < refs.length; i += this.maxBatch) {
      const chunk = refs.slice(i, i + this.maxBatch);
      this.load(chunk).then(
        items => {
          const loadedAt = this.now();
          for (const ref of chunk) {
            this.settled.set(ref, items[ref] ?? null);
            const answer = this.answers.get(ref);
            if (answer) answer.loadedAt = loadedAt;
            batch.get(ref)!.resolve(items[ref] ?? null);
          }
        },
        (error: Error) => {
          for (const ref of chunk) {
            // A failed load is asked again by the next render that needs it.
            this.answers.delete(ref);
            batch.get(ref)!.reject(error);
          }
        },
      );
    }
  }
}
