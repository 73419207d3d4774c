import assert from "node:assert/strict";
import fc from "fast-check";
import { cleanText, collapseWhitespace, removeInvisible } from "../../plugin/text/clean.js";

describe("cleanText", () => {
  // Every step written out: what the quick answer for plain words must agree with.
  const stepByStep = (value: string): string => collapseWhitespace(removeInvisible(value).normalize("NFC")).trim();

  it("gives what its steps give, for plain words and for anything else", () => {
    const piece = fc.constantFrom(
      "Ana",
      "de",
      " ",
      "  ",
      "\t",
      "\n",
      "\u00a0",
      "\u200b",
      "\u200d",
      "e\u0301",
      "é",
      "👩‍💻",
      "\u0007",
      "-",
      "'",
      "x",
      "~",
      "!",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.array(piece, { maxLength: 12 }).map((p) => p.join("")),
        ),
        (value) => {
          assert.equal(cleanText(value), stepByStep(value), JSON.stringify(value));
        },
      ),
      { numRuns: 5000, seed: 20261207 },
    );
  });

  it("leaves plain words as they are and tidies the rest", () => {
    assert.equal(cleanText("Senior Backend Engineer"), "Senior Backend Engineer");
    assert.equal(cleanText("  Ana   de\tSouza \u200b"), "Ana de Souza");
    assert.equal(cleanText("Jose\u0301"), "José");
    assert.equal(cleanText(""), "");
  });
});
