// How labels are searched, in the build and in every reader's browser: URLs and e-mail addresses
// taken out as the former pattern took them, and at a cost linear in the label, whatever a team
// file holds. Linearity is shown by counting the characters read (exact, the same on every
// machine) and by timing ratios on the same run; never against a clock.
import assert from "node:assert/strict";
import fc from "fast-check";
import { containsPhrase, matchingForm, searchableForm, withoutAddress } from "../../plugin/assets/skill-match.js";
import { propertySeed } from "../arbitraries.js";

// The pattern searchableForm used before: the reference for what a label keeps. It backtracks
// (cubic on a run of `@`), so it only ever sees short strings here.
const FORMER_ADDRESS = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*|\S[^\s@]*@\S+\.\S+/giu;
const formerSearchableForm = (text: string): string => matchingForm(text.replace(FORMER_ADDRESS, " "));

const PUNCTUATION = Array.from("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
// Pieces that make the former pattern, or a careless scan, go back over what it has read.
const PAIRS = ["a.", "@a.", "a@", "a@.", "a:", "a://", "ww.", "www.", "w", "a", "1", "_", "h+", "-a", "\u017f", "\u212a"];
const ALPHABET = [...PUNCTUATION, ...PAIRS, " ", "\n", "\u00a0", "\u3000", "é", "😀", "\ud800", "\udc00", "W", "Http", "https://", "x.y"];

/** `unit` repeated to `length` characters. */
const run = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Hostile shapes: long runs of every ASCII punctuation character, and of pairs like `a.` and `@a.`. */
const HOSTILE_UNITS = [...PUNCTUATION, ...PAIRS, "@".repeat(3) + "a.", "a." + "@", "http://a@b", "mailto:x@y."];

/**
 * The characters `read` (default: `withoutAddress`) reads from `text`: every `charCodeAt` and
 * `codePointAt`, every character a search (`indexOf`, `startsWith`) passes over, every character
 * copied by `slice`. A string object that counts as it is read; the function under test sees a
 * string.
 */
function charactersRead(text: string, read: (text: string) => unknown = withoutAddress): number {
  let reads = 0;
  class CountingString extends String {
    override charCodeAt(index: number): number {
      reads += 1;
      return super.charCodeAt(index);
    }
    override codePointAt(index: number): number | undefined {
      reads += 1;
      return super.codePointAt(index);
    }
    override indexOf(search: string, from = 0): number {
      const found = super.indexOf(search, from);
      reads += (found === -1 ? this.length : found + search.length) - Math.min(from, this.length);
      return found;
    }
    override startsWith(search: string, at = 0): boolean {
      reads += search.length;
      return super.startsWith(search, at);
    }
    override slice(start?: number, end?: number): string {
      const part = super.slice(start, end);
      reads += part.length;
      return part;
    }
  }
  read(new CountingString(text) as unknown as string);
  return reads;
}

describe("searchable form of a label", () => {
  it("takes out URLs and e-mail addresses as before, on everyday labels", () => {
    for (const [label, form] of [
      ["See https://example.com/kubernetes", "see"],
      ["Mail jo@example.com about Ruby", "mail about ruby"],
      ["www.example.com/mentor-program and Go", "and go"],
      ["Notes:https://x.example/y", "notes:"],
      ["git+ssh://host/repo then CI", "then ci"],
      ["@handle on GitLab", "@handle on gitlab"],
      ["user@host has no dot", "user@host has no dot"],
      ["a@b. ends with its dot", "a@b. ends with its dot"],
      ["a@b.c", ""],
      ["Ruby on Rails", "ruby on rails"],
    ] as const) {
      assert.equal(searchableForm(label), form, label);
      assert.equal(searchableForm(label), formerSearchableForm(label), `as before: ${label}`);
    }
  });

  it("equals the former pattern's result on generated text made of the pieces that matter", () => {
    const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 24 }).map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(text, (label) => searchableForm(label) === formerSearchableForm(label)),
      { seed: propertySeed(), numRuns: 20_000 },
    );
  });

  describe("costs what the label's length says", () => {
    const n = 20_000;

    it("reads each character a bounded number of times, for runs of every punctuation character and of pairs", () => {
      for (const unit of HOSTILE_UNITS) {
        const single = charactersRead(run(unit, n));
        const double = charactersRead(run(unit, 2 * n));
        assert.ok(double <= 2.05 * single + 8, `${JSON.stringify(unit)}: ${single} reads at ${n}, ${double} at ${2 * n}`);
        assert.ok(single <= 8 * n, `${JSON.stringify(unit)}: ${single} reads for ${n} characters`);
      }
    });

    it("reads each character a bounded number of times whatever the run is made of (property)", () => {
      const units = fc.array(fc.constantFrom(...ALPHABET.filter((piece) => !/\s/.test(piece))), { minLength: 1, maxLength: 6 });
      fc.assert(
        fc.property(units, (pieces) => {
          const unit = pieces.join("");
          const length = 4_000;
          const single = charactersRead(run(unit, length));
          return single <= 8 * length && charactersRead(run(unit, 2 * length)) <= 2.05 * single + 8;
        }),
        { seed: propertySeed(), numRuns: 300 },
      );
    });
  });
});

describe("whole-word search in a label", () => {
  it("stops at the first whole-word match, and tries each place the phrase occurs only once", () => {
    assert.equal(containsPhrase(run("a", 50_000), "a"), false, "never a whole word inside a run of letters");
    assert.equal(containsPhrase(`${run("a", 50_000)} a`, "a"), true);
    assert.equal(containsPhrase(run("a.", 50_000), "a"), true);
    assert.equal(containsPhrase(run("@", 50_000), "@"), true);
  });

  it("reads each character a bounded number of times, on runs the phrase occurs everywhere in", () => {
    const length = 4_000;
    for (const [unit, phrase] of [
      ["a", "a"],
      ["ab", "ab"],
      ["a a", "a a"],
      ["a.", "a"],
    ] as const) {
      const single = charactersRead(run(unit, length), (text) => containsPhrase(text, phrase));
      const eightfold = charactersRead(run(unit, 8 * length), (text) => containsPhrase(text, phrase));
      assert.ok(eightfold <= 8.2 * single + 16, `${JSON.stringify(unit)}: ${single} reads at ${length}, ${eightfold} at ${8 * length}`);
      assert.ok(single <= 8 * length, `${JSON.stringify(unit)}: ${single} reads for ${length} characters`);
    }
  });
});
