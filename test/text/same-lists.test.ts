import assert from "node:assert/strict";
import fc from "fast-check";
import { sameCounts, sameStrings } from "../../plugin/text/same-lists.js";

describe("sameStrings and sameCounts", () => {
  // The plain answers: equal lists, and equal lists once both are sorted.
  const inOrder = (a: readonly string[], b: readonly string[]): boolean => JSON.stringify(a) === JSON.stringify(b);
  const inAnyOrder = (a: readonly string[], b: readonly string[]): boolean => inOrder([...a].sort(), [...b].sort());
  const item = fc.constantFrom("a", "b", "c", "d", "team-letter-a", "");

  // A list, and another made from it by the kinds of change a page's ids go through between builds.
  const pairs = fc.array(item, { maxLength: 14 }).chain((a) =>
    fc.oneof(
      fc.constant([a, [...a]] as const),
      fc.array(item, { maxLength: 14 }).map((b) => [a, b] as const),
      fc.tuple(fc.nat(), fc.nat()).map(([from, to]) => {
        const b = [...a];
        const [moved] = b.splice(from % Math.max(1, b.length), 1);
        if (moved !== undefined) b.splice(to % (b.length + 1), 0, moved);
        return [a, b] as const;
      }),
      fc.tuple(fc.nat(), item).map(([at, value]) => {
        const b = [...a];
        if (b.length > 0) b[at % b.length] = value;
        return [a, b] as const;
      }),
    ),
  );

  it("answer what comparing the lists plainly answers", () => {
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        assert.equal(sameStrings(a, b), inOrder(a, b), JSON.stringify([a, b]));
        assert.equal(sameCounts(a, b), inAnyOrder(a, b), JSON.stringify([a, b]));
      }),
      { numRuns: 5000, seed: 20261207 },
    );
  });

  it("count what lies between a common beginning and end", () => {
    // Only the middle differs, and only in how many times each item is there.
    assert.equal(sameCounts(["x", "a", "a", "b", "y"], ["x", "a", "b", "b", "y"]), false);
    assert.equal(sameCounts(["x", "a", "b", "a", "y"], ["x", "a", "a", "b", "y"]), true);
    assert.equal(sameCounts(["a", "b"], ["b", "a"]), true);
    assert.equal(sameCounts(["a"], ["a", "a"]), false);
  });
});
