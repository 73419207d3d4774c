/**
 * The mistakes contributors make, as they make them: one fixture folder per shape of mistake
 * (YAML syntax in `test/fixtures/syntax`, schema errors in `test/fixtures/schema`), several files
 * each, with the exact rule, place, message and hint in `expected.json`; the same files through
 * the command's Code Quality and JUnit reports; and, for any one-character slip in a valid file, a
 * place that is inside the file.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import type { Diagnostic } from "../../plugin/diagnostics/index.js";
import { readEntry } from "../../plugin/team/read/parse-entry.js";
import { checkTeam } from "../../plugin/team/check/rules.js";
import { knownKeys } from "../../plugin/team/check/schema.js";
import { checkOne } from "../../plugin/team/check/validate.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import { parseYaml, YamlSyntaxError } from "../../plugin/yaml/parse.js";
import { propertySeed } from "../arbitraries.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "dist/plugin/cli/main.js");
const SETS = ["syntax", "schema"];
/** Every shape of mistake, as `set/shape`. */
const shapes = SETS.flatMap((set) =>
  readdirSync(path.join(root, "test/fixtures", set))
    .sort()
    .map((shape) => `${set}/${shape}`),
);
const fixture = (shape: string): string => path.join(root, "test/fixtures", shape);

interface Expected {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly message: string;
  readonly hint: string;
}

const expectedOf = (shape: string): Expected[] =>
  JSON.parse(readFileSync(path.join(fixture(shape), "expected.json"), "utf8")) as Expected[];

function run(args: readonly string[], cwd: string): { code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout };
}

/** The text's lines as an editor numbers them: a final line break does not open another line. */
function linesOf(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines.at(-1) === "") lines.pop();
  return lines;
}

describe("mistakes contributors make: each shape", () => {
  it("has a fixture folder for every shape the issue names", () => {
    const named = [
      ...["missing-space", "unclosed-quote", "tab", "indentation", "duplicate-key", "list-item", "stray-character"].map(
        (s) => `syntax/${s}`,
      ),
      ...["expertise-shapes", "list-shapes", "sub-field-shapes", "date-shapes"].map((s) => `schema/${s}`),
    ];
    for (const shape of named) {
      assert.ok(shapes.includes(shape), shape);
      assert.ok(expectedOf(shape).length >= 3, `${shape} has several instances`);
    }
  });

  for (const shape of shapes) {
    it(`${shape}: rule, line, column, message and hint`, async () => {
      const dir = fixture(shape);
      const report = await validateTeam(["team_members"], { cwd: dir });
      const actual = report.diagnostics.map((d) => ({
        file: d.file,
        line: d.line,
        column: d.column,
        rule: d.rule,
        message: d.message,
        hint: d.hint,
      }));
      assert.deepEqual(actual, expectedOf(shape));
      for (const d of report.diagnostics) {
        const lines = linesOf(readFileSync(path.join(dir, d.file), "utf8"));
        assert.ok((d.line ?? 0) >= 1 && (d.line ?? 0) <= lines.length, `${d.file}:${d.line} is a line of the file`);
        // Ours first; the parser's words, when given, only in parentheses at the end.
        assert.doesNotMatch(
          d.message.replace(/ \(YAML parser: [^)]*\)$/, ""),
          /implicit key|mapping|scalar|document separator|array|\w\[\d+\]/,
        );
        assert.ok(d.hint && d.hint.length > 8, "every message has a hint");
      }
    });
  }
});

describe("mistakes contributors make, through the command's reports", () => {
  before(() => readFileSync(cli));

  for (const shape of shapes) {
    it(`${shape}: Code Quality anchors each on its line, with the whole hint`, () => {
      const r = run(["validate", "team_members", "--format", "codequality"], fixture(shape));
      assert.equal(r.code, 1);
      const issues = JSON.parse(r.stdout) as {
        description: string;
        check_name: string;
        location: { path: string; lines: { begin: number } };
      }[];
      assert.deepEqual(
        issues.map((i) => [i.location.path, i.location.lines.begin, i.check_name, i.description]),
        expectedOf(shape).map((e) => [e.file, e.line, e.rule, `${e.message} (${e.hint})`]),
      );
    });

    it(`${shape}: JUnit fails each file with its place, message and hint`, () => {
      const r = run(["validate", "team_members", "--format", "junit"], fixture(shape));
      assert.equal(r.code, 1);
      const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(r.stdout) as {
        testsuites: {
          testsuite: {
            testcase:
              | { file: string; failure?: { "#text": string; type: string } }[]
              | { file: string; failure?: { "#text": string; type: string } };
          };
        };
      };
      const cases = ([] as { file: string; failure?: { "#text": string; type: string } }[]).concat(xml.testsuites.testsuite.testcase);
      const files = [...new Set(expectedOf(shape).map((e) => e.file))];
      for (const file of files) {
        const errors = expectedOf(shape).filter((e) => e.file === file);
        const failure = cases.find((c) => c.file === file)?.failure;
        assert.ok(failure, `${file} fails`);
        assert.equal(failure.type, errors[0]?.rule);
        // Each problem as the text report writes it: the place, the message, the whole hint.
        const text = errors
          .map((e) => `${e.file}:${e.line}:${e.column}: error ${e.rule}: ${e.message}\n  hint: ${e.hint.replace(/\n/g, "\n        ")}`)
          .join("\n");
        assert.equal(failure["#text"], text);
      }
    });
  }
});

describe("YAML syntax errors: a one-character slip in a valid file", function () {
  this.timeout(120_000);
  const sources = [
    "data/team_members/person/l/lwei.yml",
    "data/team_members/person/q/qnguyen.yml",
    "data/team_members/person/j/jdoe.gitlab.yml",
    "test/fixtures/validate/yaml-continuation-indent/team_members/person/j/jdoe.yml",
  ].map((file) => readFileSync(path.join(root, file), "utf8"));
  const slips = fc.record({
    source: fc.nat({ max: sources.length - 1 }),
    at: fc.nat(),
    insert: fc.option(fc.constantFrom(":", " ", "\t", '"', "'", "-", "#", "\n", ">", "&", "*", "[", "{", "|", "\\", "a", "%", "@"), {
      nil: undefined,
    }),
  });
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), "md-slip-"));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("gets every place inside the file, whatever the diagnostic", () => {
    const known = knownKeys();
    let n = 0;
    fc.assert(
      fc.property(slips, ({ source, at, insert }) => {
        const original = sources[source] as string;
        const i = at % (original.length + (insert === undefined ? 0 : 1));
        const text =
          insert === undefined ? original.slice(0, i) + original.slice(i + 1) : original.slice(0, i) + insert + original.slice(i);
        // Every file its own folder and slug: positions of a loaded entry are read back from disk.
        const dir = path.join(tmp, `team${(n += 1)}`, "person", "s");
        mkdirSync(dir, { recursive: true });
        const file = path.join(dir, "slip.yml");
        writeFileSync(file, text);
        const read = readEntry(path.dirname(path.dirname(dir)), file, { cwd: tmp });
        const found: Diagnostic[] = [...read.diagnostics];
        if (read.entry) found.push(...checkOne(read.entry, known).own, ...checkTeam([read.entry]).diagnostics);
        const lines = linesOf(text);
        for (const d of found) {
          if (d.line === undefined) continue;
          const line = lines[d.line - 1];
          assert.ok(line !== undefined, `${d.rule} at line ${d.line} of ${lines.length}: ${JSON.stringify(text)}`);
          assert.ok(
            (d.column ?? 1) >= 1 && (d.column ?? 1) <= line.length + 1,
            `${d.rule} at ${d.line}:${d.column}, a line of ${line.length}: ${JSON.stringify(text)}`,
          );
        }
      }),
      { numRuns: 400, seed: propertySeed() },
    );
  });
});

describe("YAML syntax errors: bounded time", () => {
  it("explains a broken file with a megabyte-long line in linear time", () => {
    for (const text of [
      `name: Jane\nrole: ${"a ".repeat(500_000)}: x\n`,
      `name: Jane\n${" ".repeat(1_000_000)}x: y\n  - z\n`,
      `name: "Jane${" ".repeat(1_000_000)}\npicture: x\n`,
    ]) {
      const start = performance.now();
      assert.throws(
        () => parseYaml(text),
        (e: Error) => e instanceof YamlSyntaxError,
      );
      assert.ok(performance.now() - start < 3_000, `took ${Math.round(performance.now() - start)} ms`);
    }
  });
});
