import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "dist/plugin/cli/main.js");
const fixture = (name: string): string => path.join(root, "test/fixtures/validate", name);

function run(args: string[], cwd = root): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("mentor-directory CLI (as a process)", () => {
  before(function () {
    try {
      readFileSync(cli);
    } catch {
      throw new Error("dist/plugin/cli/main.js is missing: run `npm test` (it compiles first) or `npm run compile`");
    }
  });

  it("ends quietly with its own status when the reader of its output stops early (`| head`)", async () => {
    for (const [args, cwd, status] of [
      [["validate", "data/team_members", "--format", "json"], root, 0],
      [["validate", "team_members", "--format", "json"], fixture("mentor-yes"), 1],
    ] as const) {
      const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
      // The reader goes away before the report is written.
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      assert.equal(stderr, "", "nothing is said: no stack trace, no warning");
      assert.equal(code, status);
    }
  });

  it("validate exits 0 on the sample team", () => {
    const r = run(["validate", "data/team_members"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /files? read: \d+ members loaded, 0 rejected; \d+ mentors; 0 errors/);
  });

  it("validate exits 1 on mentor: yes and points at its line", () => {
    const r = run(["validate", "team_members"], fixture("mentor-yes"));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^team_members\/person\/j\/jdoe\.yml:3:9: error mentor-not-boolean: `mentor` must be true or false/m);
    assert.match(r.stdout, /^ {2}hint: write `mentor: true`/m);
  });

  it("json format has the summary and each diagnostic", () => {
    const r = run(["validate", "team_members", "--format", "json"], fixture("reports-to-cycle"));
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as { summary: { errors: number; files: number }; diagnostics: { rule: string; line: number }[] };
    assert.equal(report.summary.errors, 3);
    assert.equal(report.summary.files, 4);
    assert.deepEqual(new Set(report.diagnostics.map((d) => d.rule)), new Set(["reports-to-cycle"]));
  });

  it("junit format is JUnit XML with one test case per file", () => {
    const r = run(["validate", "team_members", "--format", "junit"], fixture("reports-to-cycle"));
    assert.equal(r.code, 1);
    type TestCase = { name: string; failure?: { type: string } };
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(r.stdout) as {
      testsuites: { testsuite: { tests: string; failures: string; testcase: TestCase | TestCase[] } };
    };
    const suite = doc.testsuites.testsuite;
    assert.equal(suite.tests, "4");
    assert.equal(suite.failures, "3");
    const cases = [suite.testcase].flat();
    assert.deepEqual(
      cases.map((c) => c.name).sort(),
      ["a/ann", "b/bob", "c/cat", "d/dan"].map((s) => `team_members/person/${s}.yml`),
    );
    assert.equal(cases.find((c) => c.name.endsWith("dan.yml"))?.failure, undefined);
    assert.equal(cases.find((c) => c.name.endsWith("ann.yml"))?.failure?.type, "reports-to-cycle");
  });

  it("codequality format is a GitLab Code Quality report, written with --output", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "md-cq-")), "gl-code-quality.json");
    const r = run(["validate", "team_members", "--format", "codequality", "--output", out], fixture("near-miss-key"));
    assert.equal(r.code, 0, "warnings only");
    assert.match(r.stderr, /3 warnings/);
    const issues = JSON.parse(readFileSync(out, "utf8")) as {
      description: string;
      check_name: string;
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];
    assert.equal(issues.length, 3);
    for (const issue of issues) {
      assert.equal(issue.check_name, "near-miss-key");
      assert.equal(issue.severity, "minor");
      assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
      assert.equal(issue.location.path, "team_members/person/j/jdoe.yml");
      assert.ok(issue.location.lines.begin >= 3);
      assert.match(issue.description, /did you mean/);
    }
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 3);
  });

  it("list --mentors --format json gives the mentors as the site shows them", () => {
    const r = run(["list", "data/team_members", "--mentors", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { slug: string; name: string; role: string; expertise: string[] }[];
    assert.ok(rows.length >= 8);
    for (const row of rows) {
      assert.equal(typeof row.slug, "string");
      assert.doesNotMatch(row.role, /</, "role is plain text");
      assert.ok(Array.isArray(row.expertise));
    }
    const names = rows.map((r) => r.name);
    assert.deepEqual(names, [...names].sort(new Intl.Collator("en", { sensitivity: "base", numeric: true }).compare));
  });

  it("validate: a file name with a line break or an escape character is an error, shown escaped on its own line", () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "md-cli-names-"));
    try {
      const forged = "ok.yml:1:1: warning all-good: all good";
      const folder = path.join(cwd, "team_members/person/j");
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, `jane\n${forged}\n.yml`), "name: Jane Roe\npicture: jroe.jpg\n");
      writeFileSync(path.join(folder, "jdoe\u001B[8m.yml"), "name: Jane Doe\npicture: jdoe.jpg\n");
      const text = run(["validate", "team_members"], cwd);
      assert.equal(text.code, 1, text.stderr);
      const lines = text.stdout.trimEnd().split("\n");
      assert.deepEqual(
        lines.filter((line) => !line.startsWith("  ")).map((line) => line.replace(/: .*/s, "")),
        ["team_members/person/j/jane\\nok.yml:1:1", "team_members/person/j/jdoe\\u001B[8m.yml:1:1", "2 files read"],
      );
      assert.ok(!text.stdout.includes("\u001B") && !lines.some((line) => line.startsWith(forged)));
      assert.match(text.stdout, /error file-name-characters: the file name `jdoe\\u001B\[8m\.yml` holds an escape character/);
      assert.match(text.stdout, /hint: rename the file to `person\/j\/jdoe8m\.yml`/);
      const junit = run(["validate", "team_members", "--format", "junit"], cwd);
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(junit.stdout) as {
        testsuites: { testsuite: { testcase: { name: string }[] } };
      };
      assert.deepEqual(
        doc.testsuites.testsuite.testcase.map((c) => c.name),
        [`team_members/person/j/jane\\n${forged}\\n.yml`, "team_members/person/j/jdoe\\u001B[8m.yml"],
      );
      const list = run(["list", "team_members"], cwd);
      assert.equal(list.code, 0, list.stderr);
      assert.deepEqual(
        list.stdout
          .trimEnd()
          .split("\n")
          .map((line) => line.split("\t").slice(0, 2)),
        [
          ["jdoe\\u001B[8m", "Jane Doe"],
          ["jane\\nok.yml:1:1: warning all-good: all good\\n", "Jane Roe"],
        ],
        "list escapes the slug too: a terminal would run the sequence",
      );
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("usage problems exit 2 with one line and no stack trace", () => {
    for (const args of [
      ["validate", "--bogus"],
      ["validate", "no/such/dir"],
      ["frobnicate"],
      ["validate", "--format", "xml", "data/team_members"],
    ]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it("--help for each command", () => {
    for (const [args, pattern] of [
      [["--help"], /Commands:/],
      [["validate", "--help"], /--format <f>[\s\S]*codequality[\s\S]*reports-to-cycle/],
      [["list", "--help"], /--mentors/],
    ] as const) {
      const r = run([...args]);
      assert.equal(r.code, 0);
      assert.match(r.stdout, pattern);
    }
  });
});
