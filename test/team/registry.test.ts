// One list of rules per kind of file (team files, application files, pages): what the checks report,
// `validate --help` and `pair --help`, the README and Code Quality agree.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Diagnostic } from "../../plugin/diagnostics/index.js";
import { TEAM_RULES } from "../../plugin/team/rule-list.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import type { RuleSet } from "../../plugin/diagnostics/rules.js";
import { indexTeam } from "../../plugin/pairing/member-lookup.js";
import { readExclusions, readMenteeApplications, readMentorApplications } from "../../plugin/pairing/applications.js";
import { pairFromFiles } from "../../plugin/pairing/load.js";
import { PAIRING_RULES } from "../../plugin/pairing/pairing-rules.js";
import { MarkdownRenderError, renderMarkdown } from "../../plugin/markdown/index.js";
import { PAGE_RULES } from "../../plugin/markdown/page-rules.js";
import { ROOT, writeMixedCorpus } from "../fixtures/bad/generate.js";
import { context, pageUrl, registry } from "../fixtures/markdown/shortcodes.js";
import { member } from "../pairing/members.js";

const cli = path.join(ROOT, "dist/plugin/cli/main.js");
const FIXTURE_SETS = ["test/fixtures/validate", "test/fixtures/syntax", "test/fixtures/schema"].map((dir) => path.join(ROOT, dir));

/** The table between `<!-- name:start -->` and `<!-- name:end -->` in the README. */
function readmeTable(name: string): string | undefined {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  return new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readme)?.[1];
}

/** The rules a command's `--help` lists after `heading`: id, severity, what each checks. */
function helpRules(command: string, heading: string): string[][] {
  const r = spawnSync(process.execPath, [cli, command, "--help"], { encoding: "utf8" });
  assert.equal(r.status, 0);
  return [...r.stdout.slice(r.stdout.indexOf(`\n${heading}`)).matchAll(/^ {2}([a-z][a-z-]+) +(error|warning) +(.+)$/gm)].map((m) => [
    m[1] as string,
    m[2] as string,
    m[3] as string,
  ]);
}

/** Every diagnostic is of a rule of `rules`, with the rule's severity. */
function assertKnown(rules: RuleSet, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const known = rules.get(d.rule);
    assert.ok(known, `${d.rule} (${d.file}) is in the list`);
    assert.equal(d.severity, known.severity, `${d.rule} is reported as its list says`);
  }
}

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
    assert.deepEqual(
      helpRules("validate", "Rules"),
      TEAM_RULES.rules.map((rule) => [rule.id, rule.severity, rule.summary]),
    );
  });

  it("is the README's table", () => {
    assert.equal(readmeTable("rules"), TEAM_RULES.markdown(), "paste the table `TEAM_RULES.markdown()` gives between the markers");
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

describe("the rules of application files", function () {
  this.timeout(120_000);
  const found: Diagnostic[] = [];
  const team = indexTeam(
    [
      member("astone", "Ava Stone", { mentor: true, expertise: ["Go"] }),
      member("bokafor", "Ben Okafor"),
      member("jsmith", "Jo Smith"),
      member("jsmith2", "Jo Smith"),
    ],
    [],
  );

  before(async () => {
    const csv = { file: "mentees.csv", format: "csv", team } as const;
    const yaml = { file: "mentors.yml", format: "yaml", team } as const;
    const mentees = [
      "slug,name,focus_areas,time_zone",
      "astoen,,Go,UTC",
      ",Jo Smith,Go,UTC",
      ",,Go,UTC",
      "bokafor,Ben Okafor,Go,Atlantis",
      "bokafor,Ben Okafor,Go,UTC",
      "astone,Ben Okafor,Go,UTC,too,many",
      "astone,Ben Okafor,Go,UTC",
      "jsmith,,,UTC",
      'jsmith2,,"never closed',
    ].join("\n");
    for (const read of [
      readMenteeApplications(mentees, csv),
      readMenteeApplications("slug,slug,focus_areas\nastone,astone,Go\n", csv),
      readMenteeApplications("", csv),
      readMentorApplications("- slug: astone\n  capacity: two\n- slug: bokafor\n  focus_areas: {review: yes}\n", yaml),
      readExclusions("mentee,mentor\nastone,\n", { ...csv, file: "exclusions.csv" }),
    ])
      found.push(...read.diagnostics);
    // Matching applications with the directory: a mentor without expertise, an area nobody offers.
    const pairing = path.join(ROOT, "test/fixtures/pairing");
    const skills = path.join(ROOT, "test/fixtures/pairing-skills");
    for (const [cwd, mentees] of [
      [pairing, "bad-mentees.csv"],
      [skills, "mentees.csv"],
    ] as const)
      found.push(...(await pairFromFiles({ mentees, team: ["team_members"], cwd })).diagnostics);
  });

  it("knows the rule and the severity of every diagnostic the readers and the pairing give, and each rule is given", () => {
    assertKnown(PAIRING_RULES, found);
    assert.deepEqual(
      PAIRING_RULES.rules.map((r) => r.id).filter((id) => !found.some((d) => d.rule === id)),
      [],
      "every rule of the list is reported by some case",
    );
  });

  it("is what `pair --help` lists, rule by rule", () => {
    assert.deepEqual(
      helpRules("pair", "Checks on the input files"),
      PAIRING_RULES.rules.map((rule) => [rule.id, rule.severity, rule.summary]),
    );
  });

  it("is the README's table", () => {
    assert.equal(
      readmeTable("pairing-rules"),
      PAIRING_RULES.markdown(),
      "paste the table `PAIRING_RULES.markdown()` gives between the markers",
    );
  });
});

describe("the rules of pages", () => {
  it("knows the rule and the severity of every problem of the Markdown fixtures", () => {
    const fixtures = path.join(ROOT, "test/fixtures/markdown");
    const found: Diagnostic[] = [];
    for (const name of readdirSync(fixtures).filter((n) => n.startsWith("error-"))) {
      try {
        renderMarkdown(readFileSync(path.join(fixtures, name, "input.md"), "utf8"), { file: name, shortcodes: registry, context, pageUrl });
      } catch (error) {
        if (!(error instanceof MarkdownRenderError)) throw error;
        found.push(...error.diagnostics);
      }
    }
    assert.ok(found.length > 10);
    assertKnown(PAGE_RULES, found);
  });

  it("holds every rule id of the shortcode syntax, as the plugin names it", () => {
    const readme = readFileSync(path.join(ROOT, "plugin/markdown/remark-hugo-shortcodes/readme.md"), "utf8");
    const ids = [...readme.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((m) => `shortcode-${m[1]}`);
    assert.ok(ids.length >= 4);
    for (const id of ids) assert.ok(PAGE_RULES.get(id), `${id} is in the list`);
  });

  it("is the README's table", () => {
    assert.equal(readmeTable("page-rules"), PAGE_RULES.markdown(), "paste the table `PAGE_RULES.markdown()` gives between the markers");
  });
});
