import assert from "node:assert/strict";
import fc from "fast-check";
import { columnKey } from "../../plugin/pairing/columns.js";
import { indexTeam } from "../../plugin/pairing/member-lookup.js";
import {
  parseCapacity,
  readExclusions,
  readMenteeApplications,
  readMentorApplications,
  splitFocusAreas,
  type ReadOptions,
} from "../../plugin/pairing/applications.js";
import { tableFormatOf } from "../../plugin/pairing/table.js";
import { topicKey } from "../../plugin/team/model/directory.js";
import { member } from "./members.js";

const team = indexTeam(
  [
    member("astone", "Ava Stone", { mentor: true, expertise: ["Go"] }),
    member("bokafor", "Ben Okafor"),
    member("jsmith", "Jo Smith"),
    member("jsmith2", "Jo Smith"),
    member("zoe", "Zoë Ñúñez"),
  ],
  ["broken"],
);

const csv = (file = "mentees.csv"): ReadOptions => ({ file, format: "csv", team });
const yaml = (file = "mentees.yml"): ReadOptions => ({ file, format: "yaml", team });
const rules = (diagnostics: readonly { rule: string }[]): string[] => diagnostics.map((d) => d.rule);

describe("pairing: application files", () => {
  it("tells the format from the file name", () => {
    assert.equal(tableFormatOf("a/mentees.CSV"), "csv");
    assert.equal(tableFormatOf("mentees.yml"), "yaml");
    assert.equal(tableFormatOf("mentees.yaml"), "yaml");
    assert.equal(tableFormatOf("mentees.xlsx"), undefined);
  });

  it("matches column names loosely", () => {
    assert.equal(columnKey("Focus areas (pick up to 3)"), "focus_areas");
    assert.equal(columnKey(" Time-Zone "), "time_zone");
    assert.equal(columnKey("Slug"), "slug");
  });

  it("drops bracketed parts as the pattern it replaces did, unclosed brackets included (property)", () => {
    // The pattern `columnKey` used before, which retried to the end from every unclosed `(`.
    const before = (header: string): string =>
      header
        .normalize("NFKC")
        .toLowerCase()
        .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
        .replace(/[^\p{L}\p{N}]+/gu, "_")
        .replace(/^_+|_+$/g, "");
    const header = fc.string({ unit: fc.constantFrom("(", ")", "[", "]", "a", "Z", " ", "_", "-", "é", "１"), maxLength: 16 });
    fc.assert(
      fc.property(header, (text) => {
        assert.equal(columnKey(text), before(text));
      }),
      { seed: 20250301, numRuns: 2000 },
    );
    assert.equal(columnKey("Goal ((( [x] ) Focus [ (a) ]] (b"), "goal_focus_b");
  });

  it("reads a header of unclosed brackets and underscores in one pass", () => {
    // 200,000 characters: the pattern this replaces took about a minute on the first and half a
    // minute on the second; a run of `_` becomes one `_` before the ends are trimmed.
    assert.equal(columnKey(`a${"(".repeat(200_000)}`), "a");
    assert.equal(columnKey(`${"[".repeat(100_000)}${"(".repeat(100_000)}b`), "b");
    assert.equal(columnKey(`${"_".repeat(200_000)}x${"_".repeat(200_000)}`), "x");
  });

  it("reads a form export: extra columns ignored, quoted cells, row numbers, time zones", () => {
    const text = [
      "Timestamp,Email address,Slug,Focus areas (pick up to 3),Time zone,Goal",
      '2025-01-06,ben@example.com,bokafor,"Go; Leadership",Africa/Lagos,"Lead ""on-call"""',
      "2025-01-07,ava@example.com,astone,Kubernetes,,",
      "",
    ].join("\r\n");
    const read = readMenteeApplications(text, csv());
    assert.deepEqual(read.diagnostics, []);
    assert.equal(read.read, 2);
    assert.equal(read.rejected, 0);
    const [ben, ava] = read.rows;
    assert.equal(ben?.member.slug, "bokafor");
    assert.deepEqual(ben.focusAreas, ["Go", "Leadership"]);
    assert.equal(ben.timeZone?.offsetMinutes, 60);
    assert.equal(ben.goal, 'Lead "on-call"');
    assert.deepEqual(ben.source, { file: "mentees.csv", row: 2, line: 2 });
    assert.equal(ava?.timeZone, undefined, "no time zone and no location given");
    assert.equal(ava?.goal, undefined);
  });

  it("identifies people by name when there is no slug, ignoring case and accents form", () => {
    const read = readMenteeApplications("name,focus\nzoë ñúñez,Go\nBEN OKAFOR,Go\n", csv());
    assert.deepEqual(
      read.rows.map((r) => r.member.slug),
      ["zoe", "bokafor"],
    );
  });

  it("reports unknown slugs and names with their row number and the closest match", () => {
    const read = readMenteeApplications("slug,name,focus\nastoen,,Go\n,Jo Smith,Go\n,Nobody Here,Go\nbroken,,Go\n", csv());
    assert.deepEqual(rules(read.diagnostics), [
      "pairing-unknown-member",
      "pairing-ambiguous-name",
      "pairing-unknown-member",
      "pairing-unknown-member",
    ]);
    const [typo, ambiguous, unknown, rejected] = read.diagnostics;
    assert.equal(typo?.line, 2);
    assert.match(typo.message, /^row 2: no team member has the slug "astoen"; the row is not used$/);
    assert.match(typo.hint ?? "", /did you mean "astone" \(Ava Stone\)/);
    assert.match(ambiguous?.message ?? "", /row 3: 2 team members are named "Jo Smith" \(jsmith, jsmith2\)/);
    assert.match(unknown?.message ?? "", /row 4: no team member is named "Nobody Here"/);
    assert.match(rejected?.message ?? "", /row 5: the team file of "broken" was rejected/);
    assert.equal(read.rows.length, 0);
    assert.equal(read.rejected, 4);
    assert.ok(read.diagnostics.every((d) => d.severity === "error" && d.file === "mentees.csv"));
  });

  it("accounts for every row with data: accepted plus rejected", () => {
    const text = 'slug,focus\nastone,Go\n,,\nbokafor,Go\nbokafor,Go\nnope,Go\njsmith,Go,extra\n"jsmith2,Go\n';
    const read = readMenteeApplications(text, csv());
    assert.equal(read.read, 6, "the blank row is not counted");
    assert.equal(read.rows.length + read.rejected, read.read);
    assert.deepEqual(
      read.rows.map((r) => r.member.slug),
      ["astone", "bokafor"],
    );
    assert.deepEqual(
      read.diagnostics.map((d) => [d.line, d.rule]),
      [
        [5, "pairing-duplicate"],
        [6, "pairing-unknown-member"],
        [7, "pairing-extra-fields"],
        [8, "pairing-syntax"],
      ],
    );
    assert.match(read.diagnostics[0]?.message ?? "", /already applied in row 4/);
  });

  it("rejects a file without the columns it needs, naming the columns it found", () => {
    const read = readMenteeApplications("Who,Areas of interest\nastone,Go\n", csv());
    assert.deepEqual(rules(read.diagnostics), ["pairing-header"]);
    assert.match(read.diagnostics[0]?.message ?? "", /no slug or name column/);
    assert.match(read.diagnostics[0]?.hint ?? "", /"Who", "Areas of interest"/);
    const noFocus = readMenteeApplications("slug,goal\nastone,x\n", csv());
    assert.match(noFocus.diagnostics[0]?.message ?? "", /no focus column/);
    const twice = readMenteeApplications("slug,focus,topics\nastone,Go,Go\n", csv());
    assert.match(twice.diagnostics[0]?.message ?? "", /both give the focus/);
  });

  it("warns, and keeps the row, for an unreadable time zone or no focus area", () => {
    const read = readMenteeApplications("slug,focus,time zone\nastone,,Atlantis\nbokafor,Go,Canada\n", csv());
    assert.deepEqual(
      read.diagnostics.map((d) => [d.severity, d.rule, d.line]),
      [
        ["warning", "pairing-no-focus-area", 2],
        ["warning", "pairing-time-zone", 2],
        ["warning", "pairing-time-zone", 3],
      ],
    );
    assert.match(read.diagnostics[2]?.hint ?? "", /spans several time zones/);
    assert.equal(read.rows.length, 2);
  });

  it("warns when slug and name of a row disagree, and trusts the slug", () => {
    const read = readMenteeApplications("slug,name,focus\nastone,Ben Okafor,Go\n", csv());
    assert.deepEqual(rules(read.diagnostics), ["pairing-name-mismatch"]);
    assert.equal(read.rows[0]?.member.slug, "astone");
  });

  it("splits focus areas on ; and line breaks, and on commas outside known areas", () => {
    const known = new Set(["vue.js, graphql and accessible ui components", "go"].map(topicKey));
    assert.deepEqual(splitFocusAreas("Go; Rust\nC", known), ["Go", "Rust", "C"]);
    assert.deepEqual(splitFocusAreas("Go, Rust, Vue.js, GraphQL and accessible UI components", known), [
      "Go",
      "Rust",
      "Vue.js, GraphQL and accessible UI components",
    ]);
    assert.deepEqual(splitFocusAreas("Vue.js,  GraphQL and accessible UI components", known), [
      "Vue.js, GraphQL and accessible UI components",
    ]);
    assert.deepEqual(splitFocusAreas(["Go, Rust", " C "]), ["Go, Rust", "C"], "a YAML list is taken as is");
  });

  it("reads YAML lists, reporting items by position and line", () => {
    const text = [
      "- slug: astone",
      "  focus_areas: [Go, Kubernetes]",
      "  time_zone: UTC+2",
      "- just text",
      "- name: Ben Okafor",
      "  focus: {nested: map}",
      "- slug: bokafor",
      "  focus: Go",
    ].join("\n");
    const read = readMenteeApplications(text, yaml());
    assert.deepEqual(
      read.rows.map((r) => [r.member.slug, r.focusAreas, r.source.row, r.source.line]),
      [
        ["astone", ["Go", "Kubernetes"], 1, 1],
        ["bokafor", ["Go"], 4, 7],
      ],
    );
    assert.equal(read.rows[0]?.timeZone?.offsetMinutes, 120);
    assert.deepEqual(
      read.diagnostics.map((d) => [d.rule, d.line]),
      [
        ["pairing-syntax", 4],
        ["pairing-field-type", 6],
      ],
    );
    assert.equal(read.read, 4);
    assert.equal(read.rejected, 2);
  });

  it("reports a YAML file that is not a list, or not YAML", () => {
    assert.match(readMenteeApplications("slug: astone\n", yaml()).diagnostics[0]?.message ?? "", /expected a list/);
    const broken = readMenteeApplications("- slug: [astone\n", yaml()).diagnostics[0];
    assert.equal(broken?.rule, "pairing-syntax");
    assert.ok((broken.line ?? 0) >= 1);
    assert.deepEqual(rules(readMenteeApplications("", yaml()).diagnostics), ["pairing-empty"]);
    assert.deepEqual(rules(readMenteeApplications("", csv()).diagnostics), ["pairing-empty"]);
  });

  it("reads mentor applications: capacity per mentor, focus areas optional", () => {
    const read = readMentorApplications(
      "slug,capacity,focus areas\nastone,2,\nbokafor,,Go; Rust\njsmith,two,Go\njsmith2,-1,Go\nzoe,0,Go\n",
      csv("mentors.csv"),
    );
    assert.deepEqual(
      read.rows.map((r) => [r.member.slug, r.capacity, r.focusAreas]),
      [
        ["astone", 2, undefined],
        ["bokafor", undefined, ["Go", "Rust"]],
        ["zoe", 0, ["Go"]],
      ],
    );
    assert.deepEqual(
      read.diagnostics.map((d) => [d.rule, d.line, d.column]),
      [
        ["pairing-capacity", 4, 8],
        ["pairing-capacity", 5, 9],
      ],
    );
    assert.equal(read.rejected, 2);
  });

  it("parses capacities strictly", () => {
    assert.equal(parseCapacity(" 3 "), 3);
    assert.equal(parseCapacity("0"), 0);
    assert.equal(parseCapacity("1.5"), undefined);
    assert.equal(parseCapacity("1001"), undefined);
    assert.equal(parseCapacity(""), undefined);
  });

  it("reads exclusions by slug or name, with a reason", () => {
    const read = readExclusions(
      "mentee,mentor,reason\nbokafor,Ava Stone,same team last year\nzoe,astone,\nnobody,astone,\nbokafor,,\n",
      csv("exclusions.csv"),
    );
    assert.deepEqual(
      read.rows.map((r) => [r.mentee.slug, r.mentor.slug, r.reason]),
      [
        ["bokafor", "astone", "same team last year"],
        ["zoe", "astone", undefined],
      ],
    );
    assert.deepEqual(rules(read.diagnostics), ["pairing-unknown-member", "pairing-missing-member"]);
    assert.equal(read.rejected, 2);
  });
});
