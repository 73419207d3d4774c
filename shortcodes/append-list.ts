/**
 * A list written item by item and whole lists at a time, put together once when it is done. A long
 * list appended is kept as it is until then, not copied item by item: a team page inserts each
 * letter's section (tens of thousands of chunks, ids and names in all) on every build, and a
 * watch-mode build does so for every saved file.
 */

/** The one empty list of every finished empty list. */
export const NONE: readonly never[] = Object.freeze([]);

// Below this length a list is copied into the current run: cheaper than a part of its own.
const LONG = 256;

export class AppendList<T> {
  readonly #parts: (readonly T[])[] = [];
  #run: T[] = [];
  #length = 0;

  /** How many items the list holds. */
  get length(): number {
    return this.#length;
  }

  push(item: T): void {
    this.#run.push(item);
    this.#length++;
  }

  /** Every item of `items`, in order. A long list is taken as it is: it must not change afterwards. */
  pushAll(items: readonly T[]): void {
    if (items.length < LONG) {
      for (let index = 0; index < items.length; index++) this.#run.push(items[index] as T);
    } else {
      if (this.#run.length > 0) this.#parts.push(this.#run);
      this.#parts.push(items);
      this.#run = [];
    }
    this.#length += items.length;
  }

  /** The items as one list, which the caller only reads (no copy when nothing long was appended). */
  items(): readonly T[] {
    return this.#parts.length === 0 ? this.#run : this.#joined();
  }

  /**
   * The items in a frozen list of their own length (the one empty list for none): a list grown by
   * `push` keeps room for more, and a team's cards, kept for the whole build, held several each.
   */
  done(): readonly T[] {
    if (this.#length === 0) return NONE;
    const only = this.#run.length === 0 && this.#parts.length === 1 ? this.#parts[0] : undefined;
    if (only !== undefined && Object.isFrozen(only)) return only;
    return Object.freeze(this.#parts.length === 0 ? this.#run.slice() : this.#joined());
  }

  /** Parts and run in one new list, each copied in a piece rather than item by item. */
  #joined(): T[] {
    const parts = this.#run.length > 0 ? [...this.#parts, this.#run] : this.#parts;
    return ([] as T[]).concat(...parts);
  }
}
