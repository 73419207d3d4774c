/**
 * Guarantees 1 and 2 of issue 5 over the whole bad corpus mixed with the sample team, in process
 * and through the `mentor-directory` command as a process:
 * - nothing crashes, hangs or prints a stack trace; every problem is a diagnostic with a file, a
 *   rule id, a message, and a line and column wherever the file has them;
 * - nothing valid is lost: the mixed run gives exactly the diagnostics and members of the cases
 *   run one by one, the counts reconcile, and every good member and mentor is there.
 *
 * The command is `dist/plugin/cli/main.js`: `npm test` compiles it first.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import type { Diagnostic } from "../../plugin/diagnostics/index.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import type { Member } from "../../plugin/team/entry.js";
import type { LoadedEntry } from "../../plugin/team/entry.js";
import { validateEntries } from "../../plugin/team/check/validate.js";
import type { TeamReport } from "../../plugin/team/check/team-report.js";
import {
  BAD,
  committedCases,
  diagnosticLine,
  generatedCases,
  NO_PLACE,
  ROOT,
  SAMPLE_TEAM,
  sampleSlugs,
  writeCase,
  writeMixedCorpus,
  type GeneratedCase,
} from "../fixtures/bad/generate.js";

const CLI = path.join(ROOT, "dist/plugin/cli/main.js");
const STACK_TRACE = /^\s+at .+(?::\d+:\d+\)?|\(native\))$|node:internal|\bat (?:async )?[\w.<>]+ \(file:/m;
/** Mentors in the bad corpus whose entries are valid, hostile markup and all. */
const HOSTILE_MENTORS = ["xss-data-url", "xss-img-onerror", "xss-javascript-url", "xss-script", "xss-style", "xss-svg-onload"];
/** Each run of the command is bounded: a hang fails the test instead of stalling it. */
const RUN_TIMEOUT_MS = 30_000;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", timeout: RUN_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** What a reader sees of a member, to compare runs. */
const view = (m: Member) => ({ slug: m.slug, name: m.name, mentor: m.mentor, role: m.role, expertise: m.expertise, file: m.file });

/** Every path below `dir` the loader must account for: YAML files, pipes named `.yml`, and links. */
function entriesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const info = lstatSync(full);
    if (info.isSymbolicLink()) out.push(full);
    else if (info.isDirectory()) out.push(...entriesBelow(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

describe("hostile corpus mixed with good files", function () {
  let tmp: string;
  let generated: GeneratedCase[];
  let mixed: TeamReport;
  let sample: TeamReport;
  let expectedLines: string[];
  let expectedMembers: Map<string, ReturnType<typeof view>>;

  before(async function () {
    tmp = mkdtempSync(path.join(tmpdir(), "md-mixed-"));
    ({ generated } = writeMixedCorpus(tmp));
    mixed = await validateTeam(["team_members"], { cwd: tmp });

    // The same files, group by group: the sample team alone, and each bad case alone.
    sample = await validateTeam([SAMPLE_TEAM], { cwd: path.dirname(SAMPLE_TEAM) });
    expectedLines = sample.diagnostics.map(diagnosticLine);
    expectedMembers = new Map(sample.members.map((m) => [m.slug, view(m)]));
    for (const name of committedCases()) {
      const alone = await validateTeam(["team_members"], { cwd: path.join(BAD, name) });
      expectedLines.push(
        ...readFileSync(path.join(BAD, name, "expected.txt"), "utf8")
          .split("\n")
          .filter(Boolean),
      );
      for (const m of alone.members) expectedMembers.set(m.slug, view(m));
    }
    for (const c of generated) expectedLines.push(...c.expected);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  describe("in process (validateTeam)", () => {
    it("gives exactly the diagnostics of the groups run alone", () => {
      assert.deepEqual(mixed.diagnostics.map(diagnosticLine).sort(), expectedLines.sort());
    });

    it("every diagnostic has a file, a rule id, a message, and a place when the file has one", () => {
      for (const d of mixed.diagnostics) {
        assert.ok(mixed.files.includes(d.file), `${d.file} is among the files found`);
        assert.match(d.rule, /^[a-z]+(?:-[a-z0-9]+)*$/);
        assert.ok(d.message.length > 10);
        assert.doesNotMatch(d.message, STACK_TRACE);
        if (NO_PLACE.has(d.rule)) continue;
        assert.ok(Number.isInteger(d.line) && (d.line as number) >= 1, diagnosticLine(d));
        assert.ok(Number.isInteger(d.column) && (d.column as number) >= 1, diagnosticLine(d));
      }
    });

    it("reconciles: files found = members + rejected, and every file found is counted", () => {
      const { summary } = mixed;
      const found = entriesBelow(path.join(tmp, "team_members")).map((f) => path.relative(tmp, f).split(path.sep).join("/"));
      assert.deepEqual([...mixed.files].sort(), found.sort());
      assert.equal(summary.files, found.length);
      assert.equal(summary.files, summary.members + summary.rejected);
      assert.equal(summary.members, mixed.members.length);
      assert.ok(summary.rejected >= 20, "the corpus rejects files, so the sum is not trivially right");
      assert.equal(summary.errors, mixed.diagnostics.filter((d) => d.severity === "error").length);
      assert.equal(summary.warnings, mixed.diagnostics.length - summary.errors);
    });

    it("no member is lost or changed by bad company", () => {
      const got = new Map(mixed.members.map((m) => [m.slug, view(m)]));
      for (const slug of sampleSlugs()) {
        const before = expectedMembers.get(slug);
        assert.ok(before, `${slug} loads alone`);
        assert.deepEqual(got.get(slug), before, slug);
      }
      const generatedMembers = generated.flatMap((c) => c.members);
      assert.deepEqual([...got.keys()].sort(), [...expectedMembers.keys(), ...generatedMembers].sort());
    });

    it("lists every good mentor, and no one whose mentor flag is wrong", () => {
      const mentors = mixed.members
        .filter((m) => m.mentor)
        .map((m) => m.slug)
        .sort();
      const good = sample.members.filter((m) => m.mentor).map((m) => m.slug);
      assert.ok(good.length >= 8);
      assert.deepEqual(mentors, [...good, ...HOSTILE_MENTORS].sort());
      assert.equal(mixed.summary.mentors, mentors.length);
    });

    it("an unexpected failure inside one entry's checks costs that entry only, reported", () => {
      const entry = (slug: string, data: Record<string, unknown>): LoadedEntry => ({
        file: `team_members/person/${slug[0]}/${slug}.yml`,
        slug,
        folder: slug[0] as string,
        type: "person",
        data,
        source: undefined,
      });
      const broken: Record<string, unknown> = { picture: "x.jpg" };
      Object.defineProperty(broken, "name", {
        enumerable: true,
        get: () => {
          throw new Error("a getter that throws");
        },
      });
      const files = ["team_members/person/b/broken.yml", "team_members/person/g/good.yml"];
      const report = validateEntries(
        files,
        [entry("broken", broken), entry("good", { name: "Good Person", picture: "g.jpg", mentor: true })],
        [],
      );
      assert.deepEqual(
        report.members.map((m) => m.slug),
        ["good"],
      );
      assert.deepEqual(report.diagnostics.map(diagnosticLine), ["team_members/person/b/broken.yml:1:1 error internal-error"]);
      assert.match(report.diagnostics[0]?.message ?? "", /could not be checked \(a getter that throws\)/);
      assert.deepEqual(report.summary, { files: 2, members: 1, rejected: 1, mentors: 1, errors: 1, warnings: 0 });
    });

    it("members can be walked and serialized in full (no alias bomb survives)", () => {
      const json = JSON.stringify(mixed.members);
      assert.ok(json.length < 20 * 1024 * 1024, `${json.length} characters`);
    });
  });

  describe("as a process (mentor-directory)", function () {
    // The command runs in a child process with a time limit, so the cases that would block a
    // reader for good (pipes) can join the corpus here.
    let cliLines: string[];
    let cliSummary: TeamReport["summary"];

    before(function () {
      try {
        readFileSync(CLI);
      } catch {
        throw new Error("dist/plugin/cli/main.js is missing: run `npm test` (it compiles first) or `npm run compile`");
      }
      const blocking = generatedCases().filter((c) => c.blocking);
      for (const c of blocking) writeCase(tmp, c.files);
      const added = blocking.flatMap((c) => c.expected);
      const files = blocking.reduce((n, c) => n + c.files.length, 0);
      cliLines = [...expectedLines, ...added].sort();
      cliSummary = {
        ...mixed.summary,
        files: mixed.summary.files + files,
        rejected: mixed.summary.rejected + files,
        errors: mixed.summary.errors + added.length,
      };
    });

    const clean = (r: Run): void => {
      assert.equal(r.signal, null, "finished on its own");
      assert.doesNotMatch(r.stdout, STACK_TRACE);
      assert.doesNotMatch(r.stderr, STACK_TRACE);
      assert.doesNotMatch(r.stderr, /internal error/);
    };

    it("validate --format json: exit 1, the same report as in process", () => {
      const r = cli(["validate", "team_members", "--format", "json"], tmp);
      clean(r);
      assert.equal(r.code, 1);
      const report = JSON.parse(r.stdout) as { summary: TeamReport["summary"]; diagnostics: Diagnostic[] };
      assert.deepEqual(report.summary, cliSummary);
      assert.deepEqual(report.diagnostics.map(diagnosticLine).sort(), cliLines);
      for (const d of report.diagnostics) assert.ok(d.file && d.rule && d.message, diagnosticLine(d));
    });

    it("validate (text): exit 1, one located line per diagnostic, then the summary", () => {
      const r = cli(["validate", "team_members"], tmp);
      clean(r);
      assert.equal(r.code, 1);
      const lines = r.stdout.trimEnd().split("\n");
      const problems = lines.filter((line) => /^team_members\/\S.*?: (?:error|warning) [a-z0-9-]+: ./.test(line));
      assert.equal(problems.length, cliLines.length);
      for (const line of problems) {
        const rule = /: (?:error|warning) ([a-z0-9-]+):/.exec(line)?.[1] as string;
        if (!NO_PLACE.has(rule)) assert.match(line, /^team_members\/.+?\.ya?ml:\d+:\d+: /, line);
      }
      const s = cliSummary;
      assert.match(
        lines.at(-1) ?? "",
        new RegExp(`^${s.files} files read: ${s.members} members loaded, ${s.rejected} rejected; ${s.mentors} mentors; ${s.errors} errors`),
      );
    });

    it("validate --format junit and codequality: well-formed reports over hostile text", () => {
      const junit = cli(["validate", "team_members", "--format", "junit"], tmp);
      clean(junit);
      assert.equal(junit.code, 1);
      /* eslint-disable-next-line @typescript-eslint/no-deprecated -- `true` validates the XML (parse throws when it is not
         well-formed), which is what this checks; the suggested fast-xml-validator is not a dependency */
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(junit.stdout, true) as {
        testsuites: { testsuite: { tests: string } };
      };
      assert.equal(Number(doc.testsuites.testsuite.tests), cliSummary.files);
      const quality = cli(["validate", "team_members", "--format", "codequality"], tmp);
      clean(quality);
      assert.equal(quality.code, 1);
      assert.equal((JSON.parse(quality.stdout) as unknown[]).length, cliLines.length);
    });

    it("list --format json: every member as plain text, nothing executable", () => {
      const r = cli(["list", "team_members", "--format", "json"], tmp);
      clean(r);
      assert.equal(r.code, 0);
      const rows = JSON.parse(r.stdout) as { slug: string; name: string; role: string; mentor: boolean; expertise: string[] }[];
      assert.deepEqual(rows.map((row) => row.slug).sort(), mixed.members.map((m) => m.slug).sort());
      for (const row of rows) {
        for (const text of [row.role, ...row.expertise]) {
          assert.equal(typeof text, "string");
          assert.doesNotMatch(text, /<\/?[a-z!]|\bon[a-z]+\s*=|javascript:|data:text|style\s*=/i, `${row.slug}: ${text}`);
        }
      }
      const xss = Object.fromEntries(rows.filter((row) => row.slug.startsWith("xss-")).map((row) => [row.slug, row.role]));
      assert.deepEqual(xss, {
        "xss-data-url": "Data Engineer",
        "xss-img-onerror": "Support Engineer",
        "xss-javascript-url": "Backend Engineer",
        "xss-script": "Security Engineer",
        "xss-style": "Product Designer",
        "xss-svg-onload": "Frontend Engineer",
      });
      assert.match(r.stderr, /run `mentor-directory validate` for details/);
    });

    it("list --mentors: the mentors of the good files alone, and the valid hostile ones", () => {
      const slugs = (r: Run): string[] => (JSON.parse(r.stdout) as { slug: string }[]).map((row) => row.slug).sort();
      const alone = cli(["list", "team_members", "--mentors", "--format", "json"], path.dirname(SAMPLE_TEAM));
      const r = cli(["list", "team_members", "--mentors", "--format", "json"], tmp);
      clean(r);
      assert.ok(slugs(alone).length >= 8);
      assert.deepEqual(slugs(r), [...slugs(alone), ...HOSTILE_MENTORS].sort());
    });
  });
});
