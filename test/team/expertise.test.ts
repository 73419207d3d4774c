import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import fc from "fast-check";
import { hostileString } from "../arbitraries.js";
import { load } from "js-yaml";
import { cleanLabel, defineLazyExpertise, expertiseMayContain, parseExpertise } from "../../plugin/team/model/expertise.js";
import { matchingForm, phraseMatches } from "../../plugin/team/model/directory.js";

const fixtures = fileURLToPath(new URL("../fixtures/expertise/", import.meta.url));

// Each fixture folder holds an `input.yml` with an `expertise` field as real entries write it, and
// the items a reader should see in `output.json`.
describe("parseExpertise: fixtures", () => {
  const cases = readdirSync(fixtures, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it("has the fixture folders", () => {
    assert.ok(cases.length >= 15, `found ${cases.length} fixture folders`);
  });

  for (const name of cases) {
    it(name, () => {
      const input = load(readFileSync(join(fixtures, name, "input.yml"), "utf8")) as {
        expertise: unknown;
      };
      const expected: unknown = JSON.parse(readFileSync(join(fixtures, name, "output.json"), "utf8"));
      assert.deepEqual(parseExpertise(input.expertise), expected);
    });
  }
});

describe("parseExpertise", () => {
  it("reads nothing from values that are not strings or lists", () => {
    for (const value of [undefined, null, 0, 1, true, false, {}, new Date(0), Symbol("x"), () => "x"]) {
      assert.deepEqual(parseExpertise(value), [], inspect(value));
    }
  });

  it("never takes a label from a link target", () => {
    const items = parseExpertise('<li><a href="https://example.com/mentor-program">Ruby</a></li>');
    assert.deepEqual(items, [{ label: "Ruby", href: "https://example.com/mentor-program" }]);
  });

  it("takes the first link of an item, and only when it is safe", () => {
    assert.deepEqual(parseExpertise('<li><a href="javascript:x()">A</a> and <a href="https://example.com/b">B</a></li>'), [
      { label: "A and B" },
    ]);
    assert.deepEqual(parseExpertise('<li><a href="https://example.com/a">A</a> and <a href="https://example.com/b">B</a></li>'), [
      { label: "A and B", href: "https://example.com/a" },
    ]);
  });

  it("keeps an item whose link has no text, without the link", () => {
    assert.deepEqual(parseExpertise('<li><a href="https://example.com/"></a>Text</li>'), [{ label: "Text", href: "https://example.com/" }]);
    assert.deepEqual(parseExpertise('<li><a href="https://example.com/"></a></li>'), []);
  });

  it("is pure: the same input gives equal, separate results", () => {
    const value = ["<li>A</li>", "B"];
    const first = parseExpertise(value);
    const second = parseExpertise(value);
    assert.deepEqual(first, second);
    assert.notEqual(first, second);
    assert.deepEqual(value, ["<li>A</li>", "B"]);
  });
});

describe("cleanLabel", () => {
  const cases: [string, string][] = [
    ['"Ruby"', "Ruby"],
    ["“Ruby”", "Ruby"],
    ['"Ruby', "Ruby"],
    ['Ruby"', "Ruby"],
    ["'Ruby'", "Ruby"],
    ["Women's ERG", "Women's ERG"],
    ["Engineers'", "Engineers'"],
    ['"A" and "B"', '"A" and "B"'],
    ['  - "Ruby"  ', "Ruby"],
    ["\u200B", ""],
    ["a\u00A0\u00A0b", "a b"],
    ["e\u0301", "é"],
  ];
  for (const [input, output] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      assert.equal(cleanLabel(input), output);
    });
  }
});

// Invisible, control (other than tab and line feed) and direction-changing characters a label must not contain.
const INVISIBLE = /(?![\t\n])[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

// Pieces that combine into hostile or broken markup more often than random text does.
const markupPiece = fc.constantFrom(
  "<li>",
  "</li>",
  "<ul>",
  "</ul>",
  "<a href=",
  '<a href="',
  "<a href='",
  "</a>",
  '"',
  "'",
  "”",
  "“",
  ">",
  "<",
  "javascript:",
  "JAVA\tSCRIPT:",
  "data:text/html,",
  "vbscript:",
  "&#106;",
  "&colon;",
  "https://example.com/",
  "/relative",
  "//evil.example",
  "<script>",
  "</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<style>",
  "<iframe src=x>",
  " onclick=",
  "\n",
  "\u202E",
  "\u200B",
  "mentor",
  "Ruby",
  " ",
);
const hostileText = hostileString(markupPiece);
const expertiseValue = fc.oneof(
  hostileText,
  fc.array(fc.oneof(hostileText, fc.integer(), fc.constant(null)), { maxLength: 5 }),
  fc.constantFrom(null, undefined, 0, true, {}),
);

describe("parseExpertise: properties", () => {
  it("never throws, and gives clean labels and safe targets only", () => {
    fc.assert(
      fc.property(expertiseValue, (value) => {
        const items = parseExpertise(value);
        assert.ok(Array.isArray(items));
        for (const item of items) {
          assert.equal(typeof item.label, "string");
          assert.notEqual(item.label, "");
          assert.equal(item.label, item.label.trim());
          assert.doesNotMatch(item.label, INVISIBLE);
          assert.doesNotMatch(item.label, /\s{2}/);
          assert.deepEqual(Object.keys(item).sort(), item.href === undefined ? ["label"] : ["href", "label"]);
          if (item.href !== undefined) assertWebOrRelative(item.href);
        }
      }),
      { numRuns: 200, seed: 20251125 },
    );
  });
});

/** http(s) or a relative reference; the reference must not hide a scheme. */
function assertWebOrRelative(href: string): void {
  assert.doesNotMatch(href, /[\p{Cc} ]/u, `control or space in ${JSON.stringify(href)}`);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    assert.ok(scheme === "http" || scheme === "https", `scheme ${scheme} in ${JSON.stringify(href)}`);
  } else {
    assert.doesNotMatch(href.split(/[/?#]/, 1)[0] ?? "", /:/, `hidden scheme in ${JSON.stringify(href)}`);
  }
}

// Pieces that split, join and disguise the word the directory looks for.
const wordPiece = fc.constantFrom(
  "men",
  "tor",
  "Mentor",
  "MENTOR",
  "ment",
  "or",
  "ing",
  "-",
  "<b>",
  "</b>",
  "<br>",
  "<p>",
  "</p>",
  "<li>",
  "</li>",
  "<a href='x'>",
  "</a>",
  "<span title='>'>",
  "</span>",
  "<!-- x -->",
  "&amp;",
  "&#109;",
  "<textarea>",
  "</textarea>",
  "\u00A0",
  "ｍｅｎｔｏｒ",
  "\u200Bmentor",
  " ",
  "\n",
  "\u0007",
  "<mentor>",
  "<",
  ">",
  "& ",
  "&",
  "<a href=“/x”>",
  "“",
  '<li title="a>b">',
  "</>",
  "<?x>",
  "</ x>",
  '<a title=">x">',
  "<table>",
  "<tr>",
  "<td>",
  "</table>",
  "<br/>",
  "<a href='/t'>",
);
const wordyValue = fc.oneof(
  fc.array(wordPiece, { maxLength: 12 }).map((pieces) => pieces.join("")),
  fc.array(
    fc.array(wordPiece, { maxLength: 6 }).map((pieces) => pieces.join("")),
    { maxLength: 3 },
  ),
  expertiseValue,
);

describe("expertiseMayContain", () => {
  const holder = (raw: unknown): { expertise: readonly { label: string }[] } => {
    const target = {} as { expertise: readonly { label: string }[] };
    defineLazyExpertise(target, raw);
    return target;
  };

  it("never rules out a member whose parsed expertise matches the phrase", () => {
    fc.assert(
      fc.property(wordyValue, fc.constantFrom("mentor", "men", "tor", "ruby", "mentor-ing", "mentor ing"), (raw, argument) => {
        const phrase = matchingForm(argument);
        const matches = parseExpertise(raw).some((item) => phraseMatches(item.label, phrase));
        if (matches) assert.equal(expertiseMayContain(holder(raw), phrase), true, JSON.stringify(raw));
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });

  it("never rules out markup the HTML parser reads differently from a plain tag", () => {
    // Each parses to a label "Java" (found by the review of this pre-check).
    for (const raw of ["<li>Ja</>va</li>", "Ja<?x>va", "Ja</ x>va", 'Ja<a title=">x">va</a>', "Ja<table><tr><td>z</td></tr>va</table>"]) {
      const matches = parseExpertise(raw).some((item) => phraseMatches(item.label, "java"));
      if (matches) assert.equal(expertiseMayContain(holder(raw), "java"), true, raw);
    }
  });

  it("rules out plain markup without the word, without parsing it", () => {
    const member = holder("<ul><li><a href='https://example.com/ruby'>Ruby</a></li><li>Go</li></ul>");
    assert.equal(expertiseMayContain(member, "mentor"), false);
    assert.equal(expertiseMayContain(member, "ruby"), true);
    // A word split by a tag is still found; character references are never ruled out.
    assert.equal(expertiseMayContain(holder("<li>Men<b>tor</b></li>"), "mentor"), true);
    assert.equal(expertiseMayContain(holder("<li>&#109;entor</li>"), "mentor"), true);
  });

  it("answers yes for members it knows nothing about", () => {
    assert.equal(expertiseMayContain({ expertise: [{ label: "Ruby" }] }, "mentor"), true);
  });
});
