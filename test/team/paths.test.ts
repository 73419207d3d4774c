import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { teamFolderOf, validatePaths } from "../../plugin/team/pipeline/given-paths.js";

describe("validate on files: the team folder a file belongs to", () => {
  it("is the nearest folder named team_members, however deep the file", () => {
    assert.equal(teamFolderOf("/h/data/team_members/person/j/jdoe.yml"), "/h/data/team_members");
    assert.equal(teamFolderOf("/h/data/team_members/person/jdoe.yml"), "/h/data/team_members");
  });

  it("else the one the layout <team>/<type>/<letter>/<slug>.yml gives", () => {
    assert.equal(teamFolderOf("/h/people/person/j/jdoe.yml"), "/h/people");
    assert.equal(teamFolderOf("/h/notes.yml"), undefined);
    assert.equal(teamFolderOf("/h/config/ci.yml"), undefined);
  });

  it("checks a file of a folder with another name, against that folder's other files", async () => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), "mentor-paths-")));
    try {
      for (const [file, text] of [
        ["people/person/j/jdoe.yml", "name: Jane\nrole: Dev\nmentor: true\npicture: j.jpg\n"],
        ["people/bot/j/jdoe.yml", "name: Jane Bot\nrole: Bot\nmentor: true\npicture: j.jpg\n"],
      ] as const) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
      const report = await validatePaths(["people/bot/j/jdoe.yml"], { cwd: dir, git: false });
      assert.deepEqual(
        report.diagnostics.map((d) => [d.file, d.rule]),
        [["people/person/j/jdoe.yml", "duplicate-slug"]],
      );
      assert.deepEqual(report.files, ["people/bot/j/jdoe.yml", "people/person/j/jdoe.yml"]);
      assert.equal(report.summary.errors, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
