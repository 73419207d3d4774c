/**
 * A memo of values by string key that holds at most a set number of them: when it is full, the
 * oldest quarter goes. Caches keyed by text from team files (roles, places) would otherwise grow for
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
    const known = this.#values.get(key);
    if (known !== undefined || this.#values.has(key)) return known as V;
    const value = make(key);
    if (this.#values.size >= this.#limit) this.#dropOldest();
    this.#values.set(key, value);
    return value;
  }

  /**
   * Drop the oldest quarter of the entries (at least one). A Map iterates in insertion order, but
   * each iteration starts by stepping over the entries deleted since the table was last rebuilt:
   * dropping one entry per new one would step over thousands each time.
   */
  #dropOldest(): void {
    let count = Math.max(1, Math.floor(this.#limit / 4));
    for (const oldest of this.#values.keys()) {
      this.#values.delete(oldest);
      if (--count === 0) return;
    }
  }
}

/**
 * Bounded memos by a first key (a base URL, a phrase), then by a second (a role, a skill): two
 * look-ups of strings that keep their hashes, rather than one of a string joined from both, built
 * and hashed anew for each call.
 */
export class MemoByTwoKeys<V> {
  readonly #memos = new Map<string, BoundedMemo<V>>();
  readonly #firsts: number;
  readonly #seconds: number;

  /** `firsts`: how many first keys it keeps memos for; `seconds`: how many values each memo keeps. */
  constructor(firsts: number, seconds: number) {
    this.#firsts = Math.max(1, Math.floor(firsts));
    this.#seconds = seconds;
  }

  /** The memo of `first`. `check` runs when it is made: one that throws refuses `first`, which is not kept. */
  under(first: string, check?: () => void): BoundedMemo<V> {
    let memo = this.#memos.get(first);
    if (memo === undefined) {
      check?.();
      if (this.#memos.size >= this.#firsts) this.#memos.clear();
      memo = new BoundedMemo<V>(this.#seconds);
      this.#memos.set(first, memo);
    }
    return memo;
  }
}
