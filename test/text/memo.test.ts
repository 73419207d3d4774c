import assert from "node:assert/strict";
import { BoundedMemo, MemoByTwoKeys } from "../../plugin/text/memo.js";

describe("a bounded memo", () => {
  it("computes a key's value once and gives it back after", () => {
    const memo = new BoundedMemo<string>(10);
    let calls = 0;
    const make = (key: string): string => {
      calls++;
      return key.toUpperCase();
    };
    assert.equal(memo.get("a", make), "A");
    assert.equal(memo.get("a", make), "A");
    assert.equal(calls, 1);
  });

  it("keeps undefined and null values as values", () => {
    const memo = new BoundedMemo<number | null | undefined>(10);
    let calls = 0;
    memo.get("none", () => (calls++, undefined));
    memo.get("none", () => (calls++, undefined));
    memo.get("null", () => (calls++, null));
    memo.get("null", () => (calls++, null));
    assert.equal(calls, 2);
  });

  it("holds no more than its limit, dropping the oldest entry first", () => {
    const memo = new BoundedMemo<number>(3);
    const made: string[] = [];
    const make = (key: string): number => {
      made.push(key);
      return key.length;
    };
    for (const key of ["a", "b", "c", "d"]) memo.get(key, make);
    assert.equal(memo.size, 3);
    // "a" went when "d" came; "b", "c" and "d" are still there.
    memo.get("b", make);
    memo.get("c", make);
    memo.get("d", make);
    assert.deepEqual(made, ["a", "b", "c", "d"]);
    memo.get("a", make);
    assert.deepEqual(made, ["a", "b", "c", "d", "a"]);
    assert.equal(memo.size, 3);
    // Taking "a" back dropped "b", the oldest then.
    memo.get("b", make);
    assert.deepEqual(made, ["a", "b", "c", "d", "a", "b"]);
  });

  it("makes room by dropping its oldest quarter at once", () => {
    const memo = new BoundedMemo<number>(8);
    const made: string[] = [];
    const make = (key: string): number => {
      made.push(key);
      return key.length;
    };
    for (const key of "abcdefgh") memo.get(key, make);
    assert.equal(memo.size, 8);
    memo.get("i", make);
    // "a" and "b" went to make room for "i"; the others are still there.
    assert.equal(memo.size, 7);
    for (const key of "cdefghi") memo.get(key, make);
    assert.equal(made.join(""), "abcdefghi");
    memo.get("a", make);
    memo.get("b", make);
    assert.equal(made.join(""), "abcdefghiab");
  });

  it("keeps at least one value whatever limit it is given", () => {
    const memo = new BoundedMemo<string>(0);
    memo.get("a", (key) => key);
    memo.get("b", (key) => key);
    assert.equal(memo.size, 1);
  });

  it("stores nothing when the value cannot be made", () => {
    const memo = new BoundedMemo<string>(2);
    assert.throws(() =>
      memo.get("a", () => {
        throw new Error("no");
      }),
    );
    assert.equal(memo.size, 0);
    assert.equal(
      memo.get("a", () => "yes"),
      "yes",
    );
  });
});

describe("memos by two keys", () => {
  it("keeps the values of each first key apart, each memo bounded", () => {
    const memos = new MemoByTwoKeys<string>(4, 2);
    assert.equal(
      memos.under("https://a.example").get("role", () => "a"),
      "a",
    );
    assert.equal(
      memos.under("https://b.example").get("role", () => "b"),
      "b",
    );
    assert.equal(
      memos.under("https://a.example").get("role", () => "again"),
      "a",
    );
    assert.equal(memos.under("https://a.example"), memos.under("https://a.example"), "one memo per first key");
    const memo = memos.under("x");
    for (const key of ["1", "2", "3"]) memo.get(key, () => key);
    assert.equal(memo.size, 2);
  });

  it("runs the check once, when a first key's memo is made, and keeps nothing for a first key it refuses", () => {
    const memos = new MemoByTwoKeys<number>(4, 10);
    let checks = 0;
    const check = (): void => {
      checks += 1;
    };
    memos.under("ok", check).get("k", () => 1);
    memos.under("ok", check).get("k", () => 2);
    assert.equal(checks, 1);
    const refuse = (): void => {
      throw new TypeError("refused");
    };
    assert.throws(() => memos.under("bad", refuse), /refused/);
    assert.throws(() => memos.under("bad", refuse), /refused/, "asked again each time");
  });

  it("forgets every first key once it holds its limit of them", () => {
    const memos = new MemoByTwoKeys<number>(2, 10);
    memos.under("a").get("k", () => 1);
    memos.under("b").get("k", () => 2);
    memos.under("c").get("k", () => 3);
    assert.equal(
      memos.under("a").get("k", () => 4),
      4,
      "made again",
    );
  });
});
