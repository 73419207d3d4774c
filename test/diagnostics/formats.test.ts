// The report formats as pure functions: what CI systems read from `validate`.
import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import {
  compareDiagnostics,
  formatDiagnostic,
  formatReport,
  formatSummary,
  limitWarnings,
  REPORT_FORMATS,
  type Diagnostic,
  type ReportSummary,
} from "../../plugin/diagnostics/index.js";
import { firstUnprintable, printable } from "../../plugin/diagnostics/printable.js";

const summary: ReportSummary = { files: 3, members: 2, rejected: 1, mentors: 1, errors: 2, warnings: 1 };
const diagnostics: Diagnostic[] = [
  {
    file: "a.yml",
    line: 3,
    column: 9,
    severity: "error",
    rule: "mentor-not-boolean",
    field: "mentor",
    message: "`mentor` must be true or false",
    hint: "write `mentor: true`",
  },
  {
    file: "a.yml",
    line: 20,
    column: 1,
    severity: "error",
    rule: "mentor-not-boolean",
    field: "mentor",
    message: "`mentor` must be true or false",
  },
  {
    file: "b.yml",
    line: 2,
    severity: "warning",
    rule: "near-miss-key",
    message: "`expertice` <is> & \u0001 unknown",
    hint: "write\n`expertise:`",
  },
];
const files = ["a.yml", "b.yml", "c.yml"];

describe("report formats", () => {
  it("offers exactly the formats formatReport writes, each different", () => {
    const outputs = REPORT_FORMATS.map((format) => formatReport(format, diagnostics, summary, files));
    assert.equal(new Set(outputs).size, REPORT_FORMATS.length);
  });

  it("text: file:line:col, severity, rule, message, an indented hint, then the summary", () => {
    const text = formatReport("text", diagnostics, summary, files);
    assert.match(text, /^a\.yml:3:9: error mentor-not-boolean: `mentor` must be true or false\n {2}hint: write `mentor: true`\n/);
    assert.match(text, /^b\.yml:2:1: warning near-miss-key: .*\n {2}hint: write\n {8}`expertise:`$/m);
    assert.ok(text.endsWith(`${formatSummary(summary)}\n`));
    assert.equal(formatSummary(summary), "3 files read: 2 members loaded, 1 rejected; 1 mentor; 2 errors, 1 warning");
  });

  it("json: the summary and every diagnostic as given, control characters escaped", () => {
    const shown = diagnostics.map((d, i) => (i === 2 ? { ...d, message: "`expertice` <is> & \\u0001 unknown" } : d));
    assert.deepEqual(JSON.parse(formatReport("json", diagnostics, summary, files)), { summary, diagnostics: shown });
  });

  it("junit: well-formed XML, one case per file (files without problems too), failing only on errors", () => {
    const xml = formatReport("junit", diagnostics, summary, files);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
      testsuites: {
        tests: string;
        failures: string;
        testsuite: { testcase: { name: string; failure?: { message: string }; "system-out"?: string }[] };
      };
    };
    assert.equal(parsed.testsuites.tests, "3");
    assert.equal(parsed.testsuites.failures, "1");
    const cases = parsed.testsuites.testsuite.testcase;
    assert.deepEqual(
      cases.map((c) => c.name),
      files,
    );
    assert.equal(cases[0]?.failure?.message, "mentor-not-boolean: `mentor` must be true or false");
    assert.equal(cases[1]?.failure, undefined);
    assert.match(cases[1]?.["system-out"] ?? "", /`expertice` <is> & \\u0001 unknown/, "escaped, the control character too");
    assert.equal(cases[2]?.failure, undefined);
    assert.ok(!xml.includes(String.fromCharCode(1)));
  });

  it("codequality: one issue per diagnostic, fingerprints that ignore line numbers but tell repeats apart", () => {
    const issues = JSON.parse(formatReport("codequality", diagnostics, summary, files)) as {
      description: string;
      check_name: string;
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];
    assert.equal(issues.length, 3);
    assert.equal(issues[0]?.description, "`mentor` must be true or false (write `mentor: true`)");
    assert.deepEqual(
      issues.map((i) => i.severity),
      ["major", "major", "minor"],
    );
    assert.deepEqual(
      issues.map((i) => i.location.lines.begin),
      [3, 20, 2],
    );
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 3, "the same problem twice in a file has two identities");
    const moved = JSON.parse(formatReport("codequality", [{ ...diagnostics[2]!, line: 40 }], summary, files)) as { fingerprint: string }[];
    assert.equal(moved[0]?.fingerprint, issues[2]?.fingerprint, "a problem that moved down keeps its identity");
  });

  it("limits warnings per rule for a build log, never errors, and counts what it left out", () => {
    const many: Diagnostic[] = [
      ...Array.from({ length: 4 }, (_, i): Diagnostic => ({ file: `w${i}.yml`, severity: "warning", rule: "w", message: "m" })),
      { file: "e.yml", severity: "error", rule: "w", message: "m" },
      { file: "x.yml", severity: "warning", rule: "x", message: "m" },
    ];
    const { shown, omitted } = limitWarnings(many, 2);
    assert.deepEqual(
      shown.map((d) => d.file),
      ["w0.yml", "w1.yml", "e.yml", "x.yml"],
    );
    assert.deepEqual([...omitted], [["w", 2]]);
  });

  it("orders by file in code units, then line and column, keeping the order of problems at one place", () => {
    const list: Diagnostic[] = [
      { file: "b.yml", line: 1, severity: "error", rule: "r", message: "1" },
      { file: "B.yml", line: 9, severity: "error", rule: "r", message: "2" },
      { file: "b.yml", line: 1, column: 1, severity: "error", rule: "s", message: "3" },
      { file: "b.yml", severity: "error", rule: "r", message: "4" },
      { file: "b.yml", line: 1, severity: "error", rule: "t", message: "5" },
    ];
    assert.deepEqual(
      [...list].sort(compareDiagnostics).map((d) => d.message),
      ["2", "4", "1", "5", "3"],
    );
  });
});

// A file name and quoted values as a hostile contributor would write them: a line break followed by
// a line that reads like a clean result, an escape sequence that colours (ESC [31m) or hides (ESC [8m)
// text, a carriage return that moves back over what was printed, and a right-to-left override.
const FORGED_LINE = "person/o/ok.yml:1:1: warning all-good: all good";
const hostile: Diagnostic[] = [
  {
    file: `person/j/j\n${FORGED_LINE}\n\u001B[31mred\r\u202Eeulb.yml`,
    line: 2,
    column: 7,
    severity: "error",
    rule: "schema-type",
    field: "projects.\u001B[8mhidden",
    message: "`name` is `Ana\u001B[8m hidden\r\u2028next\u0085\u2066x\u2069` but must be text",
    hint: `write it on one line, e.g.\nname: Ana\n${FORGED_LINE}\u001B[0m`,
  },
  { file: `person/k/k\r\n${FORGED_LINE}.yml`, severity: "warning", rule: "picture-missing", message: "no `picture`" },
];
const hostileFiles = [...new Set(hostile.map((d) => d.file)), "person/c/clean.yml"];

/** A character a log must not show raw; in `allowLineBreaks`, a line feed is the text's own structure. */
function rawCharacter(text: string, allowLineBreaks = false): string | undefined {
  const found = firstUnprintable(allowLineBreaks ? text.replace(/\n/g, " ") : text);
  return found === undefined ? undefined : printable(found);
}

/** Every string inside a parsed JSON value, with the key it stands under. */
function stringsOf(value: unknown, key = ""): [string, string][] {
  if (typeof value === "string") return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((item) => stringsOf(item, key));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringsOf(v, k));
  return [];
}

/** Whether every character of `text` is one XML 1.0 allows (`Char`); fast-xml-parser does not check this. */
function xmlCharactersOnly(text: string): boolean {
  return /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u.test(text);
}

describe("report formats: a file name or a quoted value cannot forge a log", () => {
  it("escapes controls, bidirectional controls, separators and lone surrogates; keeps emoji, joiners and backslashes", () => {
    assert.equal(
      printable("a\nb\u001B[31m\r\t\u007F\u0085\u202E\u2067\u2028\u2029\uDFFF\uD800z"),
      "a\\nb\\u001B[31m\\r\\t\\u007F\\u0085\\u202E\\u2067\\u2028\\u2029\\uDFFF\\uD800z",
    );
    assert.equal(printable("Zoë 👩‍💻 😀 C:\\team\\a.yml"), "Zoë 👩‍💻 😀 C:\\team\\a.yml");
    assert.equal(printable(printable("x\u001By\n")), printable("x\u001By\n"), "escaping twice changes nothing");
    assert.equal(printable("line\nnext\r", { lineBreaks: true }), "line\nnext\\r");
  });

  it("text: one line per diagnostic and hint line, none forged, no raw control character", () => {
    const text = formatReport("text", hostile, summary, hostileFiles);
    const lines = text.split("\n");
    assert.equal(lines.length, 7, "two diagnostics, the first with a three-line hint, the summary, the final line end");
    assert.equal(lines.at(-1), "");
    assert.deepEqual(
      lines.filter((line) => line.startsWith(FORGED_LINE)),
      [],
    );
    assert.equal(rawCharacter(text, true), undefined);
    assert.ok(
      lines[0]?.startsWith("person/j/j\\nperson/o/ok.yml:1:1: warning all-good: all good\\n\\u001B[31mred\\r\\u202Eeulb.yml:2:7: error"),
    );
    assert.match(lines[0] ?? "", /`Ana\\u001B\[8m hidden\\r\\u2028next\\u0085\\u2066x\\u2069`/);
    assert.ok(
      lines.slice(1, 4).every((line) => line.startsWith("  ")),
      "the hint's lines stay indented under it",
    );
    assert.ok(lines[4]?.startsWith("person/k/k\\r\\nperson/o/ok.yml:1:1: warning all-good: all good.yml: warning picture-missing"));
  });

  it("a log line (formatDiagnostic) is escaped the same way", () => {
    const line = formatDiagnostic(hostile[1]!);
    assert.equal(line.split("\n").length, 1);
    assert.equal(rawCharacter(line), undefined);
  });

  it("json: parses, and no text in it holds a raw control character (a hint keeps its own lines)", () => {
    const parsed: unknown = JSON.parse(formatReport("json", hostile, summary, hostileFiles));
    const strings = stringsOf(parsed);
    assert.ok(strings.length > 8);
    for (const [key, value] of strings) assert.equal(rawCharacter(value, key === "hint"), undefined, `${key}: ${value}`);
    assert.equal((parsed as { diagnostics: Diagnostic[] }).diagnostics[1]?.file, `person/k/k\\r\\n${FORGED_LINE}.yml`);
  });

  it("codequality: parses, and the description, path and check name hold no raw control character", () => {
    const issues = JSON.parse(formatReport("codequality", hostile, summary, hostileFiles)) as {
      description: string;
      check_name: string;
      location: { path: string };
    }[];
    assert.equal(issues.length, 2);
    for (const issue of issues) {
      assert.equal(rawCharacter(issue.description, true), undefined, issue.description);
      assert.equal(rawCharacter(issue.location.path), undefined, issue.location.path);
      assert.equal(rawCharacter(issue.check_name), undefined);
    }
    assert.equal(issues[1]?.location.path, printable(hostile[1]!.file));
  });

  it("junit: XML of XML characters only, each file named escaped, one case per file", () => {
    const xml = formatReport("junit", hostile, summary, hostileFiles);
    assert.ok(xmlCharactersOnly(xml));
    assert.doesNotMatch(xml, /&(?!(?:amp|lt|gt|quot);)/, "every & starts an entity");
    assert.equal(rawCharacter(xml, true), undefined);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
      testsuites: { testsuite: { testcase: { name: string; file: string; failure?: { message: string } }[] } };
    };
    const cases = parsed.testsuites.testsuite.testcase;
    assert.deepEqual(
      cases.map((c) => c.name),
      hostileFiles.map((file) => printable(file)),
    );
    assert.ok(cases[0]?.failure?.message.includes("\\u001B[8m hidden\\r"));
  });

  it("the XML check used above refuses a raw escape character", () => {
    assert.equal(xmlCharactersOnly("<a>\u001B</a>"), false);
    assert.equal(xmlCharactersOnly("<a>\uD800</a>"), false);
    assert.equal(xmlCharactersOnly("<a>\t\n😀</a>"), true);
  });
});
