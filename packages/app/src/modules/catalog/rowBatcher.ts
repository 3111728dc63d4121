/**
 * Collects the rows that ask for their value within one tick and loads them with one
 * request per chunk of `maxBatch` refs: the catalog table's cells each ask for their own
 * row, the backend sees one request per plugin for the rows on screen. Answers are kept
 * for the life of the batcher (the page), so re-renders and filter changes ask nothing
 * twice.
 */
export class RowBatcher<T> {
  private readonly answers = new Map<string, Promise<T | null>>();
  private readonly settled = new Map<string, T | null>();
  private pending = new Map<
    string,
    { resolve: (value: T | null) => void; reject: (error: Error) => void }
  >();
  private scheduled = false;

  constructor(
    private readonly load: (
      refs: string[],
    ) => Promise<Record<string, T | null>>,
    private readonly maxBatch = 100,
  ) {}

  /** A row's value when already loaded, so a re-mounted cell shows it at once. */
  peek(ref: string): { value: T | null } | undefined {
    const key = ref.toLocaleLowerCase('en-US');
    return this.settled.has(key)
      ? { value: this.settled.get(key) ?? null }
      : undefined;
  }

  /** The value of one row; null when the backend has none for it. */
  get(ref: string): Promise<T | null> {
    const key = ref.toLocaleLowerCase('en-US');
    let answer = this.answers.get(key);
    if (!answer) {
      answer = new Promise<T | null>((resolve, reject) => {
        this.pending.set(key, { resolve, reject });
      });
      this.answers.set(key, answer);
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => this.flush(), 0);
      }
    }
    return answer;
  }

  private flush() {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    const refs = [...batch.keys()];
    for (let i = 0; i < refs.length; i += this.maxBatch) {
      const chunk = refs.slice(i, i + this.maxBatch);
      this.load(chunk).then(
        items => {
          for (const ref of chunk) {
            this.settled.set(ref, items[ref] ?? null);
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
