import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import { checkTeam } from "../../plugin/team/check/rules.js";
import type { LoadedEntry } from "../../plugin/team/entry.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, "../fixtures/validate");
const root = path.join(here, "../..");

function lines(
  diagnostics: readonly { file: string; line?: number; column?: number; severity: string; rule: string; field?: string }[],
): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line ?? 0}:${d.column ?? 0} ${d.severity} ${d.rule}${d.field ? ` ${d.field}` : ""}`).sort();
}

describe("validate: one fixture per rule and schema error kind", () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, async () => {
      const dir = path.join(fixtures, name);
      const expected = readFileSync(path.join(dir, "expected.txt"), "utf8").split("\n").filter(Boolean).sort();
      const report = await validateTeam(["team_members"], { cwd: dir });
      assert.deepEqual(lines(report.diagnostics), expected);
      for (const d of report.diagnostics) {
        assert.ok(d.message.length > 10, `message for ${d.rule} says something`);
        assert.doesNotMatch(d.message, /must match pattern|must be equal to one of|should have required/, "no raw ajv text");
      }
      const { summary } = report;
      assert.equal(summary.files, summary.members + summary.rejected);
    });
  }
});

describe("validate: messages a contributor can act on", () => {
  it("mentor: yes says to write mentor: true", async () => {
    const report = await validateTeam(["team_members"], { cwd: path.join(fixtures, "mentor-yes") });
    const [d] = report.diagnostics;
    assert.match(d?.message ?? "", /`mentor` must be true or false, not the text "yes"/);
    assert.match(d?.hint ?? "", /mentor: true/);
    assert.equal(report.summary.mentors, 0, "a guessed mentor is not listed");
    assert.equal(report.summary.members, 1, "the person is still a member");
  });

  it("an enum typo suggests the closest allowed value", async () => {
    const report = await validateTeam(["team_members"], { cwd: path.join(fixtures, "schema-enum") });
    assert.match(report.diagnostics[0]?.hint ?? "", /`Documentation`/);
  });

  it("a near-miss key names the key it probably meant", async () => {
    const report = await validateTeam(["team_members"], { cwd: path.join(fixtures, "near-miss-key") });
    const meant = report.diagnostics.map((d) => /did you mean `([^`]+)`/.exec(d.message)?.[1]).sort();
    assert.deepEqual(meant, ["domain_expertise", "expertise", "mentor"]);
  });

  it("a reporting cycle is named", async () => {
    const report = await validateTeam(["team_members"], { cwd: path.join(fixtures, "reports-to-cycle") });
    assert.match(report.diagnostics[0]?.message ?? "", /ann → bob → cat → ann/);
  });

  it("a dangling reports_to keeps the mentor listed and suggests the slug", async () => {
    const report = await validateTeam(["team_members"], { cwd: path.join(fixtures, "reports-to-unknown") });
    assert.equal(report.summary.mentors, 1);
    assert.match(report.diagnostics[0]?.hint ?? "", /reports_to: asmith/);
  });

  it("a missing folder is a usage error, not a crash", async () => {
    await assert.rejects(validateTeam(["no/such/folder"], { cwd: root }), { name: "TeamFolderError" });
  });
});

describe("validate: the sample team", () => {
  it("has no errors and its mentors", async () => {
    const report = await validateTeam(["data/team_members"], { cwd: root });
    assert.deepEqual(
      report.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    assert.ok(report.summary.members >= 40);
    const mentors = report.members
      .filter((m) => m.mentor)
      .map((m) => m.slug)
      .sort();
    assert.ok(mentors.length >= 8 && mentors.length <= 10, `8-10 mentors, got ${mentors.length}`);
    assert.ok(report.members.every((m) => m.file.startsWith("data/team_members/person/")));
  });

  it("prints no warning either: a newcomer's first build is quiet", async () => {
    const report = await validateTeam(["data/team_members"], { cwd: root });
    assert.deepEqual(report.diagnostics, []);
  });
});

describe("validate: quoted text continued at column 1", () => {
  it("loads, with a warning on each such value", async () => {
    const report = await validateTeam(["team_members"], { cwd: path.join(fixtures, "yaml-continuation-indent") });
    const continued = report.diagnostics.filter((d) => d.rule === "yaml-continuation-indent");
    assert.ok(continued.length >= 1);
    for (const d of continued) {
      const member = report.members.find((m) => m.file === d.file);
      assert.ok(member, `${d.file} is still loaded`);
      assert.equal(typeof member.data.story, "string");
      assert.doesNotMatch(member.data.story as string, /\n/);
    }
  });
});

describe("validate: the shipped schema", () => {
  it("is a valid JSON Schema 2020-12 (the loader compiles it without checking it again)", async () => {
    const { Ajv2020 } = await import("ajv/dist/2020.js");
    const schema = JSON.parse(readFileSync(path.join(here, "../../data/schema/team-member.schema.json"), "utf8")) as object;
    const ajv = new Ajv2020({ strict: true, strictTypes: false, allowUnionTypes: true });
    assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
  });
});

describe("validate: the top of the organisation", () => {
  it("`reports_to:` left empty (or empty quotes) is accepted and means no manager", async () => {
    const report = await validateTeam(["team_members"], { cwd: path.join(fixtures, "reports-to-empty") });
    assert.deepEqual(report.diagnostics, []);
    assert.deepEqual(
      report.members.map((m) => [m.slug, m.reportsTo]),
      [
        ["ceo", undefined],
        ["deputy", undefined],
      ],
    );
  });
});

describe("validate: one problem, one place", () => {
  it("a rejected file is blamed alone: not the files that report to it, not a valid file of the same slug", async () => {
    const report = await validateTeam(["team_members"], { cwd: path.join(fixtures, "reports-to-rejected") });
    const blamed = new Set(report.diagnostics.map((d) => d.file.replace(/^.*\//, "")));
    assert.deepEqual([...blamed].sort(), ["dupe.yaml", "emember.yml", "hkaur.yml", "nameless.yml", "syntaxboss.yml"]);
    assert.ok(!report.diagnostics.some((d) => /there is no team member/.test(d.message) && /hkaur|syntaxboss|nameless/.test(d.message)));
    const members = report.members.map((m) => m.slug).sort();
    assert.deepEqual(members, ["amember", "bmember", "cmember", "dmember", "dupe", "emember"]);
    assert.equal(
      report.members.find((m) => m.slug === "dupe")?.file,
      "team_members/person/d/dupe.yml",
      "the valid file of the slug is kept",
    );
    assert.equal(report.summary.mentors, 1);
  });
});

describe("checkTeam: the reporting graph", () => {
  // Entries as the store gives them, made here: a slug, a file, a `reports_to`, no positions.
  const entryOf = (slug: string, reportsTo: string | undefined, copy = 0): LoadedEntry => ({
    // A second file of a slug lives in another letter's folder, as a misplaced copy would.
    file: copy === 0 ? `team_members/person/${slug[0]}/${slug}.yml` : `team_members/person/copy${copy}/${slug}.yml`,
    slug,
    folder: slug[0] ?? "",
    type: "person",
    data: reportsTo === undefined ? { name: slug } : { name: slug, reports_to: reportsTo },
    source: undefined,
  });

  it("flags exactly the people whose managers lead back to them, the unknown managers and the second file of a slug", () => {
    const slugs = ["ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal"];
    const team = fc.array(fc.tuple(fc.constantFrom(...slugs), fc.option(fc.constantFrom(...slugs, "nobody"), { nil: undefined })), {
      maxLength: 14,
    });
    fc.assert(
      fc.property(team, (people) => {
        const counts = new Map<string, number>();
        const entries = people.map(([slug, to]) => {
          const copy = counts.get(slug) ?? 0;
          counts.set(slug, copy + 1);
          return entryOf(slug, to, copy);
        });
        // The rule read plainly: the first file of a slug counts; a person is in a cycle when
        // following managers from them comes back to them.
        const first = new Map<string, LoadedEntry>();
        for (const entry of entries) if (!first.has(entry.slug)) first.set(entry.slug, entry);
        const managerOf = (slug: string): string | undefined => {
          const to = first.get(slug)?.data.reports_to;
          return typeof to === "string" && first.has(to) ? to : undefined;
        };
        const inCycle = (slug: string): boolean => {
          let current = managerOf(slug);
          for (let step = 0; step < first.size && current !== undefined; step++) {
            if (current === slug) return true;
            current = managerOf(current);
          }
          return false;
        };
        const { diagnostics, duplicates } = checkTeam(entries);
        const flagged = (rule: string): string[] =>
          diagnostics
            .filter((d) => d.rule === rule)
            .map((d) => d.file)
            .sort();
        const files = (list: LoadedEntry[]): string[] => list.map((e) => e.file).sort();
        assert.deepEqual(flagged("reports-to-cycle"), files([...first.values()].filter((e) => inCycle(e.slug))));
        const unknown = (e: LoadedEntry): boolean => typeof e.data.reports_to === "string" && !first.has(e.data.reports_to);
        assert.deepEqual(flagged("reports-to-unknown"), files([...first.values()].filter(unknown)));
        assert.deepEqual(flagged("duplicate-slug"), files(entries.filter((e) => first.get(e.slug) !== e)));
        assert.deepEqual(files([...duplicates]), flagged("duplicate-slug"));
      }),
      { numRuns: 3000, seed: 20261207 },
    );
  });
});
