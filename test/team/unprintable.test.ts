// Names and values a log cannot show as they are: a file name with a control character, and a
// lone surrogate written as a `\u` escape. Real files on disk, through the loader and the rules.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { formatDiagnostic } from "../../plugin/diagnostics/index.js";
import { firstUnprintable } from "../../plugin/diagnostics/printable.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";

const FORGED = "ok.yml:1:1: warning all-good: all good";

/** A team folder holding `files` (path below `team_members/` → text). */
function team(files: Readonly<Record<string, string>>): { cwd: string; remove: () => void } {
  const cwd = mkdtempSync(path.join(tmpdir(), "md-unprintable-"));
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(cwd, "team_members", file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return { cwd, remove: () => rmSync(cwd, { recursive: true, force: true }) };
}

describe("a file name a log cannot show as it is", () => {
  let folder: ReturnType<typeof team>;
  before(() => {
    folder = team({
      "person/j/jdoe\u001B[31m.yml": "name: Jane Doe\npicture: jdoe.jpg\n",
      [`person/j/jane\n${FORGED}.yml`]: "name: Jane Roe\npicture: jroe.jpg\n",
      "person/\u202Ek/kim.yml": "name: Kim Lee\npicture: kim.jpg\n",
      "person/o/ok.yml": "name: Oka Ok\npicture: ok.jpg\n",
    });
  });
  after(() => folder.remove());

  it("is an error naming the file escaped and the name to give it, and nothing else about the name", async () => {
    const report = await validateTeam(["team_members"], { cwd: folder.cwd });
    const byRule = report.diagnostics.map((d) => [d.rule, d.severity, d.file]);
    assert.deepEqual(byRule, [
      ["file-name-characters", "error", `team_members/person/j/jane\n${FORGED}.yml`],
      ["file-name-characters", "error", "team_members/person/j/jdoe\u001B[31m.yml"],
      ["file-name-characters", "error", "team_members/person/\u202Ek/kim.yml"],
    ]);
    const [newline, escape, bidi] = report.diagnostics;
    assert.match(
      newline?.message ?? "",
      /^the file name `jane\\nok\.yml:1:1: warning all-good: all good\.yml` holds a line break \(`\\n`\)/,
    );
    assert.match(escape?.message ?? "", /^the file name `jdoe\\u001B\[31m\.yml` holds an escape character \(`\\u001B`\)/);
    assert.equal(escape?.hint?.startsWith("rename the file to `person/j/jdoe31m.yml`"), true, escape?.hint);
    assert.match(bidi?.message ?? "", /^the folder name `\\u202Ek` holds a character that changes the direction of text/);
    assert.equal(bidi?.hint?.startsWith("rename the file to `person/k/kim.yml`"), true, bidi?.hint);
    for (const d of report.diagnostics) assert.equal(firstUnprintable(d.message), undefined, "the message itself is printable");
    assert.equal(report.summary.errors, 3);
  });

  it("shows in a log line escaped, on one line", async () => {
    const report = await validateTeam(["team_members"], { cwd: folder.cwd });
    for (const d of report.diagnostics) {
      const line = formatDiagnostic(d);
      assert.equal(firstUnprintable(line.replace(/\n/g, " ")), undefined);
      assert.equal(line.split("\n").filter((l) => l.startsWith(FORGED)).length, 0);
    }
  });
});

describe("a lone surrogate in a value or a key", () => {
  let folder: ReturnType<typeof team>;
  before(() => {
    folder = team({
      // Double quotes read `\u` escapes: each of these writes half of a character.
      "person/a/ana.yml": 'name: "Ana \\uD83D"\npicture: ana.jpg\nmentor: true\n',
      "person/b/bo.yml": [
        "name: Bo Berg",
        "picture: bo.jpg",
        "departments:",
        "  - Engineering",
        '  - "Sales \\uDE00 team"',
        'projects: { "www\\uDBFF": maintainer }',
        'story: "smile \\uD83D\\uDE00"',
        "",
      ].join("\n"),
      // An alias repeats a text in another field: each field is reported. A list shared by
      // aliases is looked at once, where it is written.
      "person/c/cy.yml": [
        "name: Cy Coe",
        "picture: cy.jpg",
        'role: &r "x\\uD800"',
        "locality: *r",
        'expertise: &e ["Go", "\\uDC00"]',
        "other: [*e, *e, *e]",
        "",
      ].join("\n"),
    });
  });
  after(() => folder.remove());

  it("is an error naming the field and its line, in words; a whole pair is fine", async () => {
    const report = await validateTeam(["team_members"], { cwd: folder.cwd });
    const found = report.diagnostics
      .filter((d) => d.rule === "lone-surrogate")
      .map((d) => [path.basename(d.file), d.line, d.field, d.severity]);
    assert.deepEqual(found, [
      ["ana.yml", 1, "name", "error"],
      ["bo.yml", 5, "departments[1]", "error"],
      ["bo.yml", 6, "projects.www\uDBFF", "error"],
      ["cy.yml", 3, "role", "error"],
      ["cy.yml", 4, "locality", "error"],
      ["cy.yml", 5, "expertise[1]", "error"],
    ]);
    const [ana, sales, key] = report.diagnostics.filter((d) => d.rule === "lone-surrogate");
    assert.match(ana?.message ?? "", /^`name` holds `\\uD83D` alone: half of a character written as a `\\u` escape/);
    assert.match(sales?.message ?? "", /^the second item of `departments` holds `\\uDE00` alone/);
    assert.match(key?.message ?? "", /^the key `www\uDBFF` holds `\\uDBFF` alone/);
    assert.match(formatDiagnostic(key!), /projects\.www\\uDBFF|the key `www\\uDBFF`/, "escaped when shown");
    assert.match(ana?.hint ?? "", /both halves together, e\.g\. `\\uD83D\\uDE00`/);
  });

  it("keeps the member out when it is the name, and the field out otherwise", async () => {
    const report = await validateTeam(["team_members"], { cwd: folder.cwd });
    assert.deepEqual(report.members.map((m) => m.slug).sort(), ["bo", "cy"]);
    const bo = report.members.find((m) => m.slug === "bo");
    assert.ok(bo);
    assert.deepEqual(bo.departments, [], "the field with the error is left out");
    assert.equal(bo.data.story, "smile 😀");
    const cy = report.members.find((m) => m.slug === "cy");
    assert.ok(cy);
    assert.equal(cy.role, "");
    assert.deepEqual(cy.expertise, []);
  });
});
