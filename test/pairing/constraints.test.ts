import assert from "node:assert/strict";
import { differentDepartments, ExclusionList, FocusAreas, obstaclesOf, ReportingLines } from "../../plugin/pairing/constraints.js";

// ceo ← vp ← lead ← dev ; ceo ← cfo ← analyst
const lines = new ReportingLines({ vp: "ceo", lead: "vp", dev: "lead", cfo: "ceo", analyst: "cfo" });
const party = (slug: string, ...areas: string[]) => ({ slug, focus: new FocusAreas(areas) });

describe("pairing: constraints", () => {
  it("finds every manager above someone, with the number of levels", () => {
    assert.deepEqual(
      [...lines.managersOf("dev")],
      [
        ["lead", 1],
        ["vp", 2],
        ["ceo", 3],
      ],
    );
    assert.deepEqual([...lines.managersOf("ceo")], []);
    assert.deepEqual([...lines.managersOf("stranger")], []);
  });

  it("sees one reporting line in either direction, and not between branches", () => {
    assert.deepEqual(lines.relation("dev", "vp"), { manager: "vp", report: "dev", levels: 2 });
    assert.deepEqual(lines.relation("vp", "dev"), { manager: "vp", report: "dev", levels: 2 });
    assert.deepEqual(lines.relation("analyst", "ceo"), { manager: "ceo", report: "analyst", levels: 2 });
    assert.equal(lines.relation("dev", "analyst"), undefined, "cousins");
    assert.equal(lines.relation("vp", "cfo"), undefined, "siblings");
    assert.equal(lines.relation("dev", "dev"), undefined);
  });

  it("stops at a reporting cycle instead of looping", () => {
    const cyclic = new ReportingLines(
      new Map([
        ["a", "b"],
        ["b", "c"],
        ["c", "a"],
        ["d", "d"],
      ]),
    );
    assert.deepEqual([...cyclic.managersOf("a").keys()], ["b", "c"]);
    assert.deepEqual([...cyclic.managersOf("d").keys()], []);
    assert.deepEqual(cyclic.relation("a", "c"), { manager: "c", report: "a", levels: 2 });
  });

  it("keeps exclusions by direction", () => {
    const list = new ExclusionList([
      { mentee: "dev", mentor: "cfo", reason: "conflict" },
      { mentee: "dev", mentor: "cfo" },
    ]);
    assert.equal(list.size, 1);
    assert.equal(list.get("dev", "cfo")?.reason, "conflict");
    assert.equal(list.get("cfo", "dev"), undefined);
  });

  it("matches focus areas on normalized labels, in the mentee's spelling", () => {
    const mentee = new FocusAreas(["  Ruby  on Rails", "go", "GO", "Ｋｕｂｅｒｎｅｔｅｓ", ""]);
    assert.deepEqual(mentee.labels, ["Ruby on Rails", "go", "Ｋｕｂｅｒｎｅｔｅｓ"]);
    const mentor = new FocusAreas(["Kubernetes", "ruby on rails", "Go"]);
    assert.deepEqual(mentee.sharedWith(mentor), ["Ruby on Rails", "go", "Ｋｕｂｅｒｎｅｔｅｓ"]);
    assert.equal(mentee.countShared(new FocusAreas(["Rails"])), 0);
  });

  it("lists every obstacle of a pair, and none for an allowed one", () => {
    const context = { lines, exclusions: new ExclusionList([{ mentee: "dev", mentor: "vp" }]) };
    assert.deepEqual(obstaclesOf(party("dev", "Go"), party("cfo", "Go"), 1, context), []);
    assert.deepEqual(obstaclesOf(party("dev", "Go"), party("dev", "Go"), 1, context), [{ kind: "self" }]);
    assert.deepEqual(
      obstaclesOf(party("dev", "Go"), party("vp", "Rust"), 0, context).map((o) => o.kind),
      ["reporting-line", "excluded", "no-capacity", "no-shared-focus"],
    );
    assert.deepEqual(obstaclesOf(party("lead", "Go"), party("dev", "Go"), 1, context), [
      { kind: "reporting-line", relation: { manager: "lead", report: "dev", levels: 1 } },
    ]);
  });

  it("tells different departments only when both are known", () => {
    assert.equal(differentDepartments(["Engineering"], ["Finance"]), true);
    assert.equal(differentDepartments(["Engineering", "Security"], [" security "]), false);
    assert.equal(differentDepartments([], ["Finance"]), undefined);
  });
});
