// One list of rules: what the checks report, `validate --help`, the README and Code Quality agree.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Diagnostic } from "../../plugin/diagnostics/index.js";
import { TEAM_RULES } from "../../plugin/team/rule-list.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import { ROOT, writeMixedCorpus } from "../fixtures/bad/generate.js";

const cli = path.join(ROOT, "dist/plugin/cli/main.js");
const FIXTURE_SETS = ["test/fixtures/validate", "test/fixtures/syntax", "test/fixtures/schema"].map((dir) => path.join(ROOT, dir));

describe("the rule registry", function () {
  this.timeout(120_000);
  let tmp: string;
  const found: { dir: string; diagnostic: Diagnostic }[] = [];

  before(async () => {
    // Every case the tests hold: the hostile corpus with the sample team, and each fixture folder.
    tmp = mkdtempSync(path.join(tmpdir(), "md-rules-"));
    writeMixedCorpus(tmp);
    const dirs = [tmp, ...FIXTURE_SETS.flatMap((set) => readdirSync(set).map((name) => path.join(set, name)))];
    for (const dir of dirs) {
      for (const diagnostic of (await validateTeam(["team_members"], { cwd: dir })).diagnostics) found.push({ dir, diagnostic });
    }
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("has each rule once", () => {
    const ids = TEAM_RULES.rules.map((r) => r.id);
    assert.deepEqual([...new Set(ids)], ids);
  });

  it("knows the rule and the severity of every diagnostic the checks give", () => {
    assert.ok(found.length > 100);
    for (const { dir, diagnostic: d } of found) {
      const known = TEAM_RULES.get(d.rule);
      assert.ok(known, `${d.rule} (${path.relative(ROOT, dir)}) is in the registry`);
      assert.equal(d.severity, known.severity, `${d.rule} is reported as its registry says`);
    }
  });

  it("is what `validate --help` lists, rule by rule", () => {
    const r = spawnSync(process.execPath, [cli, "validate", "--help"], { encoding: "utf8" });
    assert.equal(r.status, 0);
    const listed = [...r.stdout.slice(r.stdout.indexOf("\nRules")).matchAll(/^ {2}([a-z][a-z-]+) +(error|warning) +(.+)$/gm)].map((m) => [
      m[1],
      m[2],
      m[3],
    ]);
    assert.deepEqual(
      listed,
      TEAM_RULES.rules.map((rule) => [rule.id, rule.severity, rule.summary]),
    );
  });

  it("is the README's table", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const table = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(readme)?.[1];
    assert.equal(table, TEAM_RULES.markdown(), "paste the table `TEAM_RULES.markdown()` gives between the markers");
  });

  it("gives every Code Quality check_name, and its description the whole hint", () => {
    const dir = path.join(ROOT, "test/fixtures/validate/schema-type");
    const r = spawnSync(process.execPath, [cli, "validate", "team_members", "--format", "codequality"], { cwd: dir, encoding: "utf8" });
    const issues = JSON.parse(r.stdout) as { check_name: string; description: string }[];
    const expected = found.filter((f) => f.dir === dir).map((f) => f.diagnostic);
    assert.deepEqual(
      issues.map((i) => [i.check_name, i.description]),
      expected.map((d) => [d.rule, `${d.message} (${d.hint})`]),
    );
    assert.ok(
      issues.some((i) => i.description.includes("\n")),
      "a multi-line hint is kept whole",
    );
    for (const issue of issues) assert.ok(TEAM_RULES.get(issue.check_name));
  });
});
