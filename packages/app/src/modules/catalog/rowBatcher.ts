/**
 * Collects the rows that ask for their value within one tick and loads them with one
 * request per chunk of `maxBatch` refs: the catalog table's cells each ask for their own
 * row, the backend sees one request per plugin for the rows on screen. Answers are kept
 * for the life of the batcher (the page), so re-renders and filter changes ask nothing
 * twice.
 */
export class RowBatcher<T> {
  private readonly answers = new Map<string, Promise<T | null>>();
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
          for (const ref of chunk) batch.get(ref)!.resolve(items[ref] ?? null);
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
