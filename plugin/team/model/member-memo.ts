/**
 * Results kept per member object and per key (an argument, a set of options). Members are frozen,
 * and a watch-mode rebuild lists mostly the same member objects again, so a result computed for a
 * member holds until its file changes and a new object replaces it.
 */
export class MemberMemo<V> {
  readonly #byKey = new Map<string, WeakMap<object, V>>();

  /** `limit`: distinct keys kept before all are dropped (keys come from pages and options). */
  constructor(private readonly limit = 100) {}

  /** The value for `member` under `key`, computed by `compute` the first time. */
  get(key: string, member: object, compute: () => V): V {
    return this.under(key)(member, compute);
  }

  /** The values under one `key`: for a loop over thousands of members, which looks the key up once. */
  under(key: string): (member: object, compute: () => V) => V {
    let values = this.#byKey.get(key);
    if (values === undefined) {
      if (this.#byKey.size >= this.limit) this.#byKey.clear();
      values = new WeakMap();
      this.#byKey.set(key, values);
    }
    const table = values;
    return (member, compute) => {
      let value = table.get(member);
      if (value === undefined) {
        value = compute();
        table.set(member, value);
      }
      return value;
    };
  }
}
