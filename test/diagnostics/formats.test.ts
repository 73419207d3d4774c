// The report formats as pure functions: what CI systems read from `validate`.
import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import {
  compareDiagnostics,
  formatReport,
  formatSummary,
  limitWarnings,
  REPORT_FORMATS,
  type Diagnostic,
  type ReportSummary,
} from "../../plugin/diagnostics/index.js";

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

  it("json: the summary and every diagnostic as given", () => {
    assert.deepEqual(JSON.parse(formatReport("json", diagnostics, summary, files)), { summary, diagnostics });
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
    assert.match(cases[1]?.["system-out"] ?? "", /`expertice` <is> & {2}unknown/, "escaped, the control character dropped");
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
