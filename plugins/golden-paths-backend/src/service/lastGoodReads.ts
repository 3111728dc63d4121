/**
 * The last successful catalog read per caller, so that when the catalog cannot be read
 * the report still shows the last good data, marked stale. Keyed by the caller (the
 * catalog answers each caller what it may see), bounded so it cannot grow without end.
 */
export class LastGoodReads<T> {
  private readonly entries = new Map<string, { value: T; readAt: Date }>();

  constructor(private readonly maxEntries = 500) {}

  remember(caller: string, value: T, readAt: Date): void {
    this.entries.delete(caller); // re-insert: Map order is the eviction order
    this.entries.set(caller, { value, readAt });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  recall(caller: string): { value: T; readAt: Date } | undefined {
    return this.entries.get(caller);
  }
}
