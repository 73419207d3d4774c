/**
 * Property-based tests of the data layer (issue 5, "Fuzzing"): for arbitrary text, bytes and
 * values, loading and validating terminate and never throw; every problem comes back as a
 * well-formed diagnostic, placed inside the file when it has a place.
 *
 * `npm test` runs a bounded number of cases with a fixed seed, so a failure reproduces. A longer
 * campaign, with a seed of your choice:
 *
 *   FUZZ_RUNS=100000 FUZZ_SEED=$RANDOM npx mocha test/hardening/fuzz.test.ts
 *
 * fast-check prints the seed and path of any counterexample; pass them back as FUZZ_SEED (and
 * read the shrunk input in the failure message) to replay it.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { CORE_SCHEMA, dump, load } from "js-yaml";
import type { Diagnostic } from "../../plugin/diagnostics/index.js";
import { removeInvisible } from "../../plugin/text/clean.js";
import { parseEntry } from "../../plugin/team/read/parse-entry.js";
import type { LoadedEntry } from "../../plugin/team/entry.js";
import { knownKeys } from "../../plugin/team/check/schema.js";
import { validateEntries } from "../../plugin/team/check/validate.js";
import { UNSAFE_KEYS } from "../../plugin/yaml/unsafe-keys.js";
import { SAMPLE_TEAM } from "../fixtures/bad/generate.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_501);
const options = { numRuns: RUNS, seed: SEED };

const ROOT_DIR = "/fuzz/team_members";
const FILE = `${ROOT_DIR}/person/f/fuzz-entry.yml`;
const SHOWN = "team_members/person/f/fuzz-entry.yml";

/** Where a diagnostic may point: inside the text, or just past its end. */
interface Bounds {
  readonly lines: number;
  readonly columns: number;
}

function boundsOf(text: string): Bounds {
  const body = text.replace(/^\uFEFF/, "");
  // YAML breaks lines at CR too; the widest bound covers either count.
  const lines = Math.max(body.split("\n").length, body.split(/\r\n|\r|\n/).length);
  return { lines, columns: body.length + 1 };
}

function assertWellFormed(diagnostics: readonly Diagnostic[], bounds?: Bounds): void {
  for (const d of diagnostics) {
    const where = JSON.stringify(d);
    assert.equal(d.file, SHOWN, where);
    assert.match(d.severity, /^(?:error|warning)$/, where);
    assert.match(d.rule, /^[a-z]+(?:-[a-z0-9]+)*$/, where);
    assert.ok(typeof d.message === "string" && d.message.length > 10, where);
    assert.equal(d.line === undefined, d.column === undefined, `line and column come together: ${where}`);
    if (d.line !== undefined) {
      assert.ok(Number.isInteger(d.line) && d.line >= 1, where);
      assert.ok(Number.isInteger(d.column) && (d.column as number) >= 1, where);
      if (bounds) {
        assert.ok(d.line <= bounds.lines, `line inside the file: ${where}`);
        assert.ok((d.column as number) <= bounds.columns, `column inside the file: ${where}`);
      }
    }
  }
}

/** Load and validate one file's bytes as the store would; returns the entry and all diagnostics. */
function loadAndValidate(bytes: Uint8Array, bounds?: Bounds): { entry?: LoadedEntry; diagnostics: readonly Diagnostic[] } {
  const loaded = parseEntry(ROOT_DIR, FILE, bytes, SHOWN);
  assertWellFormed(loaded.diagnostics, bounds);
  assert.equal(
    loaded.entry === undefined,
    loaded.diagnostics.some((d) => d.severity === "error"),
    "a file is rejected exactly when loading reports an error",
  );
  const report = validateEntries([SHOWN], loaded.entry ? [loaded.entry] : [], loaded.diagnostics);
  assertWellFormed(report.diagnostics, bounds);
  assert.equal(report.summary.files, report.summary.members + report.summary.rejected);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  return { entry: loaded.entry, diagnostics: report.diagnostics };
}

// Pieces that make YAML, and the pieces that break it or attack what reads it.
const TOKENS = [
  ...[
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "- ",
    ": ",
    ":",
    "? ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "#",
    "|",
    ">",
    "|-",
    ">+",
    "'",
    '"',
    "''",
    "\\",
    "\\u202e",
  ],
  ...["&a ", "*a", "&b ", "*b", "!!str ", "!!map ", "!!binary ", "!<tag:x> ", "%YAML 1.2\n", "---\n", "...\n", "<<: *a", "@", "`"],
  ...["name", "Name", "mentor", "Mentor", "true", "yes", '"true"', "null", "~", "1", "0x1f", "2021-01-01", "slug", "type", "reports_to"],
  ...["expertise", "role", "departments", "work_priorities", "Security", "__proto__", "constructor", "prototype", "polluted"],
  ...[
    "<li>",
    "</li>",
    '<a href="javascript:alert(1)">',
    "<script>",
    "<b>",
    "\u202e",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u0000",
    "\u0085",
    "\u2028",
    "é",
    "👩‍💻",
  ],
];

const yamlish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((parts) => parts.join(""));

const keyArb = fc.oneof(
  fc.constantFrom(...knownKeys(), ...UNSAFE_KEYS, "prototype", "Mentor", "slug", "type", "expertize"),
  fc.string({ maxLength: 12 }),
);

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 40, unit: "binary" }),
  fc.constantFrom(
    "yes",
    "true",
    "<li><a href='/x'>Ruby</a></li>",
    "<script>alert(1)</script>",
    "java\tscript:x",
    "\u202eeve",
    "2021-03-15",
    "",
  ),
);

/** Values as YAML can write them (no floats: their text form does not always read back the same). */
const yamlValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", maxDepth: 3 }, fc.constant(null), fc.boolean(), fc.integer(), text, tie("list"), tie("map")),
  list: fc.array(tie("value"), { maxLength: 4 }),
  map: fc.array(fc.tuple(keyArb, tie("value")), { maxLength: 4 }).map((pairs) => Object.fromEntries(pairs)),
}));

const mapping = fc
  .array(fc.tuple(keyArb, yamlValue.value), { maxLength: 12 })
  .map((pairs) => Object.fromEntries(pairs) as Record<string, unknown>);

/** The mapping js-yaml itself reads from `source`, if it reads one. */
function readBack(source: string): Record<string, unknown> | undefined {
  try {
    const value = load(source, { schema: CORE_SCHEMA });
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The value with the keys the parser drops removed, at every level. */
function withoutUnsafeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUnsafeKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !UNSAFE_KEYS.includes(k))
      .map(([k, v]) => [k, withoutUnsafeKeys(v)]),
  );
}

function sampleTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".yml")) out.push(readFileSync(full, "utf8"));
    }
  };
  walk(SAMPLE_TEAM);
  return out;
}

describe(`fuzz: the data layer (${RUNS} runs each, seed ${SEED})`, function () {
  this.timeout(Math.max(60_000, RUNS * 100));

  it("arbitrary YAML-ish text: terminates, never throws, every problem a diagnostic inside the file", () => {
    fc.assert(
      fc.property(yamlish, (source) => {
        loadAndValidate(Buffer.from(source, "utf8"), boundsOf(source));
      }),
      options,
    );
  });

  it("arbitrary bytes, alone or after a byte order mark or a valid start", () => {
    const prefix = fc.constantFrom(new Uint8Array(), new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode("name: Fuzz\n"));
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 200 }), (head, tail) => {
        const bytes = new Uint8Array([...head, ...tail]);
        loadAndValidate(bytes, boundsOf(new TextDecoder().decode(bytes)));
      }),
      options,
    );
  });

  it("arbitrary mappings written as YAML: read as js-yaml reads them, minus unsafe keys; places inside the file", () => {
    const style = fc.record({ flowLevel: fc.constantFrom(-1, 0, 1, 2), lineWidth: fc.constantFrom(-1, 20, 80), forceQuotes: fc.boolean() });
    fc.assert(
      fc.property(mapping, style, (data, how) => {
        const source = dump(data, { schema: CORE_SCHEMA, ...how });
        // js-yaml's writer has bugs of its own (flow-style keys with `,` or `[` left unquoted), so
        // the reference is what its reader makes of the text, not the value written.
        const reference = readBack(source);
        fc.pre(reference !== undefined);
        const { entry, diagnostics } = loadAndValidate(Buffer.from(source, "utf8"), boundsOf(source));
        assert.ok(entry, `a mapping loads:\n${source}`);
        assert.deepEqual(entry.data, withoutUnsafeKeys(reference));
        const report = validateEntries([SHOWN], [entry], []);
        const member = report.members[0];
        const name = typeof reference.name === "string" ? removeInvisible(reference.name).trim() : "";
        assert.equal(member !== undefined, name !== "", `member exactly when the name is usable:\n${source}`);
        if (member) assert.equal(member.mentor, reference.mentor === true, "a mentor exactly when mentor is boolean true");
        for (const d of diagnostics) {
          if (d.rule.startsWith("schema-") || d.rule === "mentor-not-boolean")
            assert.ok(d.field, `schema diagnostics name their field: ${JSON.stringify(d)}`);
        }
      }),
      options,
    );
  });

  it("arbitrary objects handed straight to validation (no YAML, no places)", () => {
    const anything = fc.anything({
      maxDepth: 3,
      withNullPrototype: true,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withSparseArray: true,
      withTypedArray: true,
      withBigInt: true,
      key: keyArb,
    });
    const data = fc.oneof(fc.dictionary(keyArb, anything, { maxKeys: 12 }), fc.object({ key: keyArb, maxDepth: 3 }));
    fc.assert(
      fc.property(data, (value) => {
        const entry: LoadedEntry = { file: SHOWN, slug: "fuzz-entry", folder: "f", type: "person", data: value, source: undefined };
        const report = validateEntries([SHOWN], [entry], []);
        assertWellFormed(report.diagnostics);
        // Without a source, only the rules about the file itself have a place: its start.
        for (const d of report.diagnostics) if (d.line !== undefined) assert.deepEqual([d.line, d.column], [1, 1], JSON.stringify(d));
        assert.equal(report.summary.files, report.summary.members + report.summary.rejected);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }),
      options,
    );
  });

  it("real entries with random edits: terminate, never throw, diagnostics inside the file", () => {
    const texts = sampleTexts();
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
      fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ kind: fc.constant("repeat-line" as const), at: fc.nat(), times: fc.integer({ min: 2, max: 5 }) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(edit, { minLength: 1, maxLength: 5 }), (original, edits) => {
        let source = original;
        for (const e of edits) {
          const at = source.length === 0 ? 0 : e.at % source.length;
          if (e.kind === "insert") source = source.slice(0, at) + e.token + source.slice(at);
          else if (e.kind === "delete") source = source.slice(0, at) + source.slice(at + e.length);
          else {
            const lines = source.split("\n");
            const i = lines.length === 0 ? 0 : e.at % lines.length;
            lines.splice(i, 0, ...Array<string>(e.times - 1).fill(lines[i] ?? ""));
            source = lines.join("\n");
          }
        }
        loadAndValidate(Buffer.from(source, "utf8"), boundsOf(source));
      }),
      options,
    );
  });
});
