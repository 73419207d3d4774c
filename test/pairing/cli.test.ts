import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../../plugin/pairing/csv.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "dist/plugin/cli/main.js");
const fixtures = path.join(root, "test/fixtures/pairing");
const TEAM = ["--team", "team_members"];

function run(args: string[], cwd = fixtures): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, "pair", ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface PairJson {
  pairs: { mentee: { slug: string }; mentor: { slug: string }; sharedFocusAreas: string[] }[];
  unpaired: {
    mentee: { slug: string };
    reason: { kind: string };
    nearMisses: { mentor: { slug: string }; obstacles: { kind: string }[] }[];
  }[];
  mentors: { slug: string; capacity: number; mentees: string[] }[];
}

const pairsOf = (json: PairJson): string[] => json.pairs.map((p) => `${p.mentee.slug}>${p.mentor.slug}`);

describe("mentor-directory pair (as a process)", () => {
  before(function () {
    try {
      readFileSync(cli);
    } catch {
      throw new Error("dist/plugin/cli/main.js is missing: run `npm test` (it compiles first) or `npm run compile`");
    }
  });

  it("pairs the fixture mentees with the directory's mentors and prints Markdown", () => {
    const r = run(["mentees.csv", ...TEAM]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^## Mentorship pairs\n\n4 mentees paired with 4 mentors\. 2 mentees are not paired yet/);
    assert.ok(
      r.stdout.includes(
        "| Ben Okafor (@bokafor) | Fiona Reyes (@freyes) | Leadership | " +
          "same time zone (UTC+1 / UTC+1) | different (Engineering / Finance) |",
      ),
      r.stdout,
    );
    assert.ok(r.stdout.includes("| Cleo Park | Hana Mori (@hmori) | Go | 8 h apart (UTC-7 / UTC+9) |"), r.stdout);
    assert.match(r.stdout, /- \*\*Jo Smith \(@jsmith\)\*\*: the 2 mentors sharing a focus area who could take them are at capacity\./);
    assert.match(r.stdout, /- \*\*Gita Singh \(@gsingh\)\*\*: the one mentor sharing a focus area is ruled out \(same reporting line\)\./);
    // A directory mentor without expertise is pointed out, in its own file.
    assert.match(r.stderr, /^team_members\/person\/l\/lnone\.yml: warning pairing-mentor-without-focus: Lou None is a mentor/m);
    assert.match(r.stderr, /^6 mentees, 6 mentors: 4 paired, 2 not paired$/m);
  });

  it("gives the same pairs from the CSV and YAML forms of one file, and reads CRLF", () => {
    const fromCsv = JSON.parse(run(["mentees.csv", ...TEAM, "--format", "json"]).stdout) as PairJson;
    const fromYaml = JSON.parse(run(["mentees.yaml", ...TEAM, "--format", "json"]).stdout) as PairJson;
    assert.deepEqual(pairsOf(fromYaml), pairsOf(fromCsv));
    assert.deepEqual(pairsOf(fromCsv), ["bokafor>freyes", "cpark>hmori", "dcruz>enovak", "ilund>astone"]);
    assert.deepEqual(
      fromYaml.unpaired.map((u) => u.reason.kind),
      fromCsv.unpaired.map((u) => u.reason.kind),
    );
    const crlf = run(["mentees-crlf.csv", ...TEAM, "--format", "json"]);
    assert.equal(crlf.code, 0, crlf.stderr);
    assert.deepEqual(pairsOf(JSON.parse(crlf.stdout) as PairJson), ["bokafor>freyes"]);
  });

  it("gives byte-identical output on every run", () => {
    const first = run(["mentees.csv", ...TEAM, "--format", "json"]).stdout;
    assert.equal(run(["mentees.csv", ...TEAM, "--format", "json"]).stdout, first);
  });

  it("uses a mentor applications file: its capacities and only its mentors", () => {
    const r = run(["mentees.csv", ...TEAM, "--mentors", "mentors.csv", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as PairJson;
    assert.deepEqual(
      json.mentors.map((m) => [m.slug, m.capacity]),
      [
        ["astone", 2],
        ["enovak", 1],
        ["hmori", 0],
      ],
    );
    assert.deepEqual(pairsOf(json), ["dcruz>enovak", "ilund>astone", "jsmith>astone"]);
    const cleo = json.unpaired.find((u) => u.mentee.slug === "cpark");
    assert.deepEqual(cleo?.nearMisses.map((m) => [m.mentor.slug, m.obstacles.map((o) => o.kind)]).slice(0, 2), [
      ["astone", ["reporting-line"]],
      ["hmori", ["no-capacity"]],
    ]);
    assert.doesNotMatch(r.stderr, /pairing-mentor-without-focus/);
  });

  it("applies --capacity to every mentor without one", () => {
    const json = JSON.parse(run(["mentees.csv", ...TEAM, "--capacity", "2", "--format", "json"]).stdout) as PairJson;
    assert.equal(json.pairs.length, 5);
    assert.ok(json.mentors.every((m) => m.capacity === 2));
  });

  it("never suggests an excluded pair", () => {
    const r = run(["mentees.csv", ...TEAM, "--exclude", "exclusions.csv"]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /\| Dana Cruz/);
    assert.match(
      r.stdout,
      /- \*\*Dana Cruz \(@dcruz\)\*\*: each of the 2 mentors sharing a focus area is ruled out \(1 excluded, 1 same reporting line\)\./,
    );
    assert.match(
      r.stdout,
      new RegExp(
        /Eli Novak \(@enovak\), 2 shared focus areas \(Async communication; Roadmapping\), /.source +
          /2 h apart: excluded \(paired in the last program\)/.source,
      ),
    );
  });

  it("writes CSV to --output, formula-safe, with the summary on the terminal", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "md-pair-")), "pairs.csv");
    const r = run(["mentees.csv", ...TEAM, "--format", "csv", "--output", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /4 paired, 2 not paired/);
    const rows = parseCsv(readFileSync(out, "utf8")).records.map((rec) => rec.fields);
    assert.equal(rows.length, 7);
    const jo = rows.find((row) => row[1] === "jsmith");
    assert.equal(jo?.[0], "unpaired");
    assert.equal(jo[11], "'=Learn Go");
    assert.match(jo[12] ?? "", /Closest: Ava Stone \(at capacity \(mentoring Ivar Lund\)\)/);
  });

  it("exits 1 and names every rejected row, still writing the pairs of the others", () => {
    const r = run(["bad-mentees.csv", ...TEAM]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\| Ben Okafor \(@bokafor\) \| Fiona Reyes/);
    const errors = r.stderr.split("\n").filter((l) => / error /.test(l));
    assert.deepEqual(
      errors.map((l) => /^bad-mentees\.csv:(\d+):\d+: error ([\w-]+): row (\d+)/.exec(l)?.slice(1)),
      [
        ["2", "pairing-unknown-member", "2"],
        ["3", "pairing-ambiguous-name", "3"],
        ["5", "pairing-duplicate", "5"],
        ["7", "pairing-extra-fields", "7"],
        ["8", "pairing-syntax", "8"],
        ["9", "pairing-syntax", "9"],
      ],
    );
    assert.match(r.stderr, /hint: did you mean "astone" \(Ava Stone\)\?/);
    assert.match(r.stderr, /^bad-mentees\.csv:4:\d+: warning pairing-time-zone: row 4: cannot tell the time zone of "Atlantis"/m);
    assert.match(r.stderr, /^1 mentee, 6 mentors: 1 paired, 0 not paired; 6 input rows rejected$/m);
  });

  it("exits 1 for a bad mentor file, reporting YAML items by line", () => {
    const r = run(["mentees.csv", ...TEAM, "--mentors", "bad-mentors.yaml", "--format", "json"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^bad-mentors\.yaml:2:\d+: error pairing-capacity: item 1: capacity "two"/m);
    assert.match(r.stderr, /^bad-mentors\.yaml:5:3: error pairing-missing-member: item 3 names nobody/m);
    const json = JSON.parse(r.stdout) as PairJson & { diagnostics: { rule: string }[] };
    assert.deepEqual(
      json.mentors.map((m) => m.slug),
      ["hmori"],
    );
    assert.deepEqual(
      json.diagnostics.filter((d) => d.rule !== "pairing-time-zone" && d.rule !== "pairing-focus-area-unoffered").map((d) => d.rule),
      ["pairing-capacity", "pairing-missing-member"],
    );
  });

  it("exits 2 with one line for usage problems", () => {
    const cases: [string[], RegExp][] = [
      [[...TEAM], /pair needs the mentee applications file/],
      [["mentees.csv", "mentees.yaml", ...TEAM], /pair takes one mentee applications file, not 2/],
      [["mentees.csv", ...TEAM, "--colour"], /unknown option --colour for pair; it takes --team, --mentors/],
      [["mentees.csv", ...TEAM, "--capacity", "lots"], /--capacity must be a whole number from 0 to 1000, not "lots"/],
      [["mentees.csv", ...TEAM, "--format", "xlsx"], /unknown format "xlsx"; use one of markdown, csv, json/],
      [["missing.csv", ...TEAM], /file not found: missing\.csv/],
      [["mentees.txt", ...TEAM], /cannot tell the format of mentees\.txt/],
      [["mentees.csv", "--team", "nowhere"], /team folder not found: nowhere/],
      [["mentees.csv", ...TEAM, "--exclude", "none.yml"], /file not found: none\.yml/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      const lines = r.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0] ?? "", /^mentor-directory: /);
      assert.match(lines[0] ?? "", message);
    }
  });

  it("shows its help, and the main help lists it", () => {
    const r = run(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: mentor-directory pair <mentees\.csv\|yaml> \[options\]\n[\s\S]*^ {2}--team <dir> +team-member folder/m);
    assert.match(r.stdout, /Exit status: 0 when the pairs were produced/);
    assert.match(r.stdout, /pairing-unknown-member/);
    const main = spawnSync(process.execPath, [cli, "--help"], { encoding: "utf8" });
    assert.match(main.stdout, /^ {2}pair <mentees\.csv\|yaml> +suggest mentor–mentee pairs/m);
  });

  it("reads the sample team's mentors by default from the working directory", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "md-pair-sample-"));
    const file = path.join(dir, "mentees.csv");
    writeFileSync(file, "slug,focus_areas,time_zone\namorales,Code review; Threat modeling,America/Mexico_City\n");
    const r = spawnSync(process.execPath, [cli, "pair", file, "--format", "json"], { cwd: root, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as PairJson;
    assert.equal(json.pairs.length, 1);
    assert.equal(json.pairs[0]?.mentee.slug, "amorales");
  });
});
