import assert from "node:assert/strict";
import fc from "fast-check";
import { opensUnclosedQuote } from "../../plugin/team/load.js";

// The rule as a regular expression: clear to read, slow to run on every file.
const SPEC = /^[^#\n]*:[ \t]+(['"])(?:(?!\1)[^\n])*$/m;

describe("opensUnclosedQuote", () => {
  it("finds a quoted value left open on its line, and only that", () => {
    assert.equal(opensUnclosedQuote("name: Ann\nstory: 'It goes on\nand on'\n"), true);
    assert.equal(opensUnclosedQuote('story: "all on one line"\n'), false);
    assert.equal(opensUnclosedQuote("# note: 'not a value\nname: Ann\n"), false);
    assert.equal(opensUnclosedQuote("name: Ann\n"), false);
  });

  it("agrees with the rule written as a regular expression", () => {
    const piece = fc.constantFrom("key", ":", " ", "\t", "'", '"', "#", "\n", "x", "-", "\r");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join("")), (text) => {
        assert.equal(opensUnclosedQuote(text), SPEC.test(text), JSON.stringify(text));
      }),
      { numRuns: 5000, seed: 20261125 },
    );
  });
});
