/**
 * Validating a team file costs what its size says: on adversarial shapes of text, the whole check of
 * one file (parse, schema, rules, the member and its expertise) stays within 10 × what js-yaml takes
 * to load the same text. Both are timed here, side by side on the same input, as the fastest of a
 * few runs: a ratio, never a wall-clock limit. Files are 200 KB and more, so that what every file
 * costs whatever its size (the schema's and the rules' setup) does not hide how the cost grows.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { load } from "js-yaml";
import { parseEntry } from "../../plugin/team/read/parse-entry.js";
import { knownKeys } from "../../plugin/team/check/schema.js";
import { checkOne } from "../../plugin/team/check/validate.js";
import { propertySeed } from "../arbitraries.js";

const MAX_RATIO = 10;
const PUNCTUATION = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)).filter((c) => !/[\dA-Z]/i.test(c));
const PAIRS = [
  "a.",
  "@a.",
  "a@",
  ".@",
  "a@b.",
  "a:",
  ": ",
  ': "',
  "<a",
  "</a>",
  "<li>",
  "<b title=1>",
  "&a",
  "&#",
  "\\u",
  "http://",
  "www.",
];
const LINE_ENDS = ["\n", "\r", "\r\n"];

/** `piece` repeated to `length` characters. */
const run = (piece: string, length: number): string => piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
const singleQuoted = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Where a run is put in a file: every field that is parsed, checked or shown as HTML, and the file's own structure. */
const SHAPES: Record<string, (filler: string, length: number, eol: string) => string> = {
  "plain story": (f, n, e) => `name: Jane${e}story: ${run(f, n)}${e}`,
  "quoted story": (f, n, e) => `name: Jane${e}story: ${singleQuoted(run(f, n))}${e}`,
  role: (f, n, e) => `name: Jane${e}role: ${singleQuoted(run(f, n))}${e}`,
  name: (f, n, e) => `name: ${singleQuoted(run(f, n))}${e}`,
  "expertise text": (f, n, e) => `name: Jane${e}expertise: ${singleQuoted(run(f, n))}${e}`,
  "expertise item": (f, n, e) => `name: Jane${e}expertise:${e}  - ${singleQuoted(run(f, n))}${e}`,
  "many items": (f, n, e) => `name: Jane${e}departments:${e}${run(`  - ${singleQuoted(f)}${e}`, n)}`,
  "key and value lines": (f, n, e) => `name: Jane${e}${run(`k${f}: ${f}${e}`, n)}`,
  "lines at column 1": (f, n, e) => `name: Jane${e}story: 'start${e}${run(`${f}${e}`, n)}'${e}`,
  // Text continued at column 1 makes the check read every value's position: then many values.
  "continued, then many items": (f, n, e) => `name: Jane${e}story: 'one${e}two'${e}departments:${e}${run(`  - ${singleQuoted(f)}${e}`, n)}`,
  // Valid: a block of text whose lines look like `key: "value` (the pre-checks once rescanned to
  // the end of the file from each of them).
  "block of key-like lines": (f, n, e) => `name: Jane${e}story: |${e}${run(`  k${f}: "${f}${e}`, n)}`,
  "many keys": (_f, n, e) => `name: Jane${e}projects:${e}${Array.from({ length: Math.ceil(n / 12) }, (_, i) => `  p${i}: x${e}`).join("")}`,
  "deep nesting": (f, n, e) => `name: Jane${e}projects: ${run("[", 60)}${run(f, n)}${run("]", 60)}${e}`,
  // Under the tag limit, but each of 400 blocks would reopen the 300 tags left open before it.
  "reopened tags": (f, n, e) =>
    `name: Jane${e}role: '<div>${Array.from({ length: 300 }, (_, i) => `<b title=${i}>`).join("")}</div>${run("<div>x</div>", 4800)}'${e}` +
    `story: ${singleQuoted(run(f, n))}${e}`,
};

/** The whole check of one team file, as `validate` runs it on each file. */
function validateText(text: string): void {
  const bytes = new TextEncoder().encode(text);
  const { entry } = parseEntry("/team", "/team/person/j/jane.yml", bytes, "person/j/jane.yml");
  if (!entry) return;
  const { member } = checkOne(entry, knownKeys());
  // The expertise of a member is parsed when first read: reading it is part of the cost.
  if (member) assert.ok(Array.isArray(member.expertise));
}

function loadYaml(text: string): void {
  try {
    load(text);
  } catch {
    // Failing fast is js-yaml's cost too.
  }
}

/** The fastest of `runs` timings of `work`, in milliseconds. */
function fastest(work: () => void, runs = 5): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * What js-yaml takes for `text`. js-yaml stops at the first syntax error, having read almost nothing,
 * while a check must read every byte to report on the file: the reference is never below what
 * js-yaml takes to read a plain value of the same length.
 */
function yamlCost(text: string): number {
  const plain = `story: ${run("a", Math.max(0, text.length - 7))}`;
  return Math.max(
    fastest(() => loadYaml(text)),
    fastest(() => loadYaml(plain)),
  );
}

describe("validation cost is linear in the file", function () {
  // Each case parses up to half a megabyte several times over.
  this.timeout(120_000);

  before(() => validateText("name: Warm Up\nrole: <a href='/x'>Up</a>\nexpertise: '<li>Warm</li>'\n"));

  it(`stays within ${MAX_RATIO} × js-yaml on adversarial shapes (runs of punctuation and pairs, line ends, nesting, keys, tags)`, () => {
    const filler = fc.oneof(fc.constantFrom(...PUNCTUATION), fc.constantFrom(...PAIRS));
    const shape = fc.constantFrom(...Object.keys(SHAPES));
    const examples: [string, string, number, string][] = [
      ["block of key-like lines", "a", 900_000, "\n"],
      ["block of key-like lines", "a", 900_000, "\r"],
      ["key and value lines", ': "', 200_000, "\n"],
      ["key and value lines", "a", 200_000, "\r"],
      ["reopened tags", "x", 200_000, "\n"],
      ["expertise item", "@", 200_000, "\n"],
      ["expertise text", "a.", 200_000, "\r\n"],
    ];
    const lengths = fc.integer({ min: 200_000, max: 800_000 });
    fc.assert(
      fc.property(shape, filler, lengths, fc.constantFrom(...LINE_ENDS), (name, piece, length, eol) => {
        const text = (SHAPES[name] as (f: string, n: number, e: string) => string)(piece, length, eol);
        const ours = fastest(() => validateText(text));
        const reference = yamlCost(text);
        const shown = `${name}, ${JSON.stringify(piece)} × ${length}, ${JSON.stringify(eol)}`;
        assert.ok(ours <= MAX_RATIO * reference, `${shown}: ${ours.toFixed(1)} ms against js-yaml ${reference.toFixed(1)} ms`);
      }),
      { numRuns: Number(process.env.RUNS ?? 40), seed: propertySeed(), examples },
    );
  });

  it("the comparison can fail: the pre-check this suite replaced, quadratic on such text, is caught by it", () => {
    // The pre-check as it was: from each `key: "`, back to its line's start and on to the file's end.
    const rescanning = (text: string): boolean => {
      for (let colon = text.indexOf(":"); colon !== -1; colon = text.indexOf(":", colon + 1)) {
        const quote = text.charAt(colon + 2);
        if (text.charAt(colon + 1) !== " " || (quote !== '"' && quote !== "'")) continue;
        const lineStart = Math.max(text.lastIndexOf("\n", colon), text.lastIndexOf("\r", colon)) + 1;
        const hash = text.indexOf("#", lineStart);
        if (hash !== -1 && hash < colon) continue;
        const close = text.indexOf(quote, colon + 3);
        if (close === -1) return true;
      }
      return false;
    };
    const text = SHAPES["block of key-like lines"]?.('"', 200_000, "\r") ?? "";
    assert.ok(fastest(() => rescanning(text), 1) > MAX_RATIO * yamlCost(text));
    assert.ok(fastest(() => validateText(text)) <= MAX_RATIO * yamlCost(text));
  });
});
