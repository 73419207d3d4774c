/**
 * A memo of values by string key that holds at most a set number of them: when it is full, the
 * oldest entry goes. Caches keyed by text from team files (roles, places) would otherwise grow for
 * the life of a watch process, one entry for every spelling ever saved.
 */
export class BoundedMemo<V> {
  readonly #values = new Map<string, V>();
  readonly #limit: number;

  /** `limit`: how many values it keeps, at least one. */
  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
  }

  /** How many values it holds now. */
  get size(): number {
    return this.#values.size;
  }

  /** The value of `key`: `make(key)` on the first call (and again once the entry has gone). */
  get(key: string, make: (key: string) => V): V {
    if (this.#values.has(key)) return this.#values.get(key) as V;
    const value = make(key);
    if (this.#values.size >= this.#limit) {
      // A Map iterates in insertion order: its first key is the oldest.
      const oldest = this.#values.keys().next();
      if (oldest.done !== true) this.#values.delete(oldest.value);
    }
    this.#values.set(key, value);
    return value;
  }
}
