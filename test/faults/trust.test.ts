import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { load } from "js-yaml";
import {
  cacheFile,
  forgeEntry,
  JDOE,
  loadTeam,
  requireBuiltCli,
  root,
  runCli,
  Tally,
  teamFolder,
  visible,
  type Stored,
} from "./helpers.js";

/** The forgery of the report: `mentor: "yes"` recorded as `mentor: true`, without its error. */
const mentorYesPasses = (stored: Stored, key: string, at: number): void => {
  stored.data[at] = { ...stored.data[at], mentor: true };
  stored.notes.delete(key);
};

/** The README's GitLab CI recipe, as YAML. */
function recipe(): Record<string, { script?: string[]; cache?: { key?: string; paths?: string[]; unprotect?: boolean } }> {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### A GitLab CI job"));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, "the README has a GitLab CI recipe");
  return load(block) as ReturnType<typeof recipe>;
}

describe("faults: a forged parse cache (the trust model)", function () {
  let dir: string;
  before(() => {
    requireBuiltCli();
    dir = teamFolder("mentor-faults-trust-");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reproduces the report: `validate --cache` trusts an entry forged so that `mentor: "yes"` passes', () => {
    const honest = runCli(["validate", "team_members", "--cache", "forged"], dir);
    assert.equal(honest.code, 1);
    assert.match(honest.stdout, /jdoe\.yml:3:9: error mentor-not-boolean/);
    forgeEntry(cacheFile(path.join(dir, "forged")), JDOE, mentorYesPasses);
    const fooled = runCli(["validate", "team_members", "--cache", "forged"], dir);
    // This is why a cache may only be read where no less trusted job can write it (README).
    assert.equal(fooled.code, 0, fooled.stdout);
    assert.match(fooled.stdout, /; 0 errors/);
  });

  it("the README's set-up: the gate reads no cache, and the site's cache is kept per branch, protected branches apart", () => {
    const jobs = recipe();
    const gate = Object.values(jobs)
      .flatMap((job) => job.script ?? [])
      .filter((line) => line.includes("mentor-directory validate"));
    assert.ok(gate.length > 0, "the recipe runs the gate");
    for (const job of Object.values(jobs)) {
      if (!job.cache) continue;
      assert.match(String(job.cache.key), /\$CI_COMMIT_REF_(SLUG|NAME)/, "one cache per branch");
      assert.notEqual(job.cache.unprotect, true, "protected branches keep their own cache");
    }
    // A forged cache wherever a restored cache could be: the recipe's cache paths, the plugin's
    // default folder, and the folder the CLI was pointed at above.
    const forged = path.join(dir, "forged");
    const places = [...new Set([...Object.values(jobs).flatMap((job) => job.cache?.paths ?? []), ".cache/mentor-directory", ".cache"])];
    for (const place of places) {
      mkdirSync(path.join(dir, place), { recursive: true });
      cpSync(cacheFile(forged), path.join(dir, place, path.basename(cacheFile(forged))));
    }
    const tally = new Tally("gate commands of the recipe run beside a forged cache");
    for (const line of gate) {
      // The recipe's own command, on this team, the report to the terminal.
      const args = line
        .replace(/^npx mentor-directory /, "")
        .replace(" data/team_members", " team_members")
        .replace(/ --output \S+/, "")
        .split(" ");
      assert.ok(!args.includes("--cache"), `the gate reads no cache: ${line}`);
      const run = runCli(args, dir);
      tally.record(run.code !== null, run.code === 1 && run.stdout.includes("mentor-not-boolean"));
      assert.equal(run.code, 1, `${line}: the invalid file fails the gate`);
      assert.match(run.stdout, /mentor-not-boolean/, line);
    }
    tally.print();
  });

  it("drops a cached entry that is not what a team file could give, and parses the file again", async () => {
    const cases: [string, (stored: Stored, key: string, at: number) => void][] = [
      [
        "a `__proto__` key in the data",
        (s, _k, at) => void (s.data[at] = JSON.parse(`{"name":"Jane Doe","__proto__":{"mentor":true}}`) as Record<string, unknown>),
      ],
      ["a `constructor` key", (s, _k, at) => void (s.data[at] = { name: "Jane Doe", constructor: { prototype: { mentor: true } } })],
      ["a date, which YAML's core schema never gives", (s, _k, at) => void (s.data[at] = { ...s.data[at], start_date: new Date(0) })],
      [
        "a Map instead of a mapping",
        (s, _k, at) => void (s.data[at] = new Map([["name", "Jane Doe"]]) as unknown as Record<string, unknown>),
      ],
      ["a list with a hole", (s, _k, at) => void (s.data[at] = { ...s.data[at], departments: Object.assign([], { 1: "Sales" }) })],
      [
        "its errors moved onto another file",
        (s, key) =>
          void s.notes.set(key, [
            [],
            [{ file: "team_members/person/a/abrandt.yml", severity: "error", rule: "mentor-not-boolean", message: "moved" }],
          ]),
      ],
      [
        "a diagnostic of an unknown severity",
        (s, key) => void s.notes.set(key, [[], [{ file: JDOE, severity: "info", rule: "x", message: "y" }]]),
      ],
      [
        "a diagnostic with a field no diagnostic has",
        (s, key) => void s.notes.set(key, [[], [{ file: JDOE, severity: "warning", rule: "x", message: "y", html: "<script>" }]]),
      ],
      ["diagnostics that are not a list", (s, key) => void s.notes.set(key, "none")],
      ["a roster code no file gives", (s, _k, at) => void (s.roster[at] = 7)],
      ["a `reports_to` in the roster that is not text", (s, _k, at) => void (s.reportsTo[at] = 42 as unknown as string)],
    ];
    const { report } = await loadTeam(dir);
    const fresh = visible(report);
    const tally = new Tally("forged entries that fail the structural check, in a build and in a report without members");
    for (const [what, forge] of cases) {
      // A build reads the entry whole; a report (`validate`) reads its diagnostics and roster only.
      for (const members of [true, false]) {
        rmSync(path.join(dir, "checked"), { recursive: true, force: true });
        await loadTeam(dir, "checked");
        forgeEntry(cacheFile(path.join(dir, "checked")), JDOE, forge);
        const { report: cached, warnings } = await loadTeam(dir, "checked", { members });
        const seen = members ? visible(cached) : { ...(visible(cached) as object), members: report.members };
        tally.record(true, isDeepStrictEqual(seen, fresh) && (members || isDeepStrictEqual(cached.roster, report.roster)));
        assert.deepEqual(seen, fresh, what);
        if (!members) assert.deepEqual(cached.roster, report.roster, what);
        assert.deepEqual(warnings, [], what);
      }
      assert.equal(({} as Record<string, unknown>).mentor, undefined, `${what}: nothing reached Object.prototype`);
    }
    tally.print();
  });
});
