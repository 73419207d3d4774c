import assert from "node:assert/strict";
import fc from "fast-check";
import { AppendList, NONE } from "../../shortcodes/append-list.js";

describe("AppendList", () => {
  it("holds what was pushed and appended, in order, whatever the lengths of the lists appended", () => {
    const step = fc.oneof(fc.integer(), fc.array(fc.integer(), { maxLength: 600 }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const list = new AppendList<number>();
        const expected: number[] = [];
        for (const s of steps) {
          if (Array.isArray(s)) {
            list.pushAll(Object.freeze(s.slice()));
            expected.push(...s);
          } else {
            list.push(s);
            expected.push(s);
          }
          assert.equal(list.length, expected.length);
        }
        assert.deepEqual(list.items(), expected);
        const done = list.done();
        assert.deepEqual(done, expected);
        assert.ok(Object.isFrozen(done));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("gives the one empty list for none, and a long frozen list appended alone as it is", () => {
    assert.equal(new AppendList<string>().done(), NONE);
    const long = Object.freeze(Array.from({ length: 1000 }, (_, i) => `chunk ${i}`));
    const alone = new AppendList<string>();
    alone.pushAll(long);
    assert.equal(alone.done(), long);
    const notAlone = new AppendList<string>();
    notAlone.pushAll(long);
    notAlone.push("end");
    assert.notEqual(notAlone.done(), long);
    assert.equal(notAlone.done().length, 1001);
  });

  it("finishes a list pushed item by item in a frozen copy of its own length", () => {
    const list = new AppendList<string>();
    for (const chunk of ["<p>", "text", "</p>"]) list.push(chunk);
    const done = list.done();
    assert.deepEqual(done, ["<p>", "text", "</p>"]);
    assert.ok(Object.isFrozen(done));
    list.push("more");
    assert.equal(done.length, 3, "the finished list does not change with the writer");
  });
});
