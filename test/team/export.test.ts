import assert from "node:assert/strict";
import { buildDirectory } from "../../plugin/team/model/directory.js";
import { mentorsDocument, mentorsJson, type ExportOptions } from "../../plugin/team/model/export.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";

describe("mentorsJson", () => {
  const options: ExportOptions = {
    siteUrl: "https://handbook.example.com",
    teamPageUrl: "/company/team/",
    upstreamUrl: "https://handbook.gitlab.com",
  };

  it("writes what JSON.stringify writes of the document, from each record's own text", async () => {
    const report = await validateTeam(["test/fixtures/skills/team_members"]);
    const directory = buildDirectory(report.members);
    for (const argument of ["mentor", "ruby", "no such topic"]) {
      for (const fields of [[], ["locality", "no_such_field"]]) {
        const shaped = { ...options, argument, fields };
        assert.equal(mentorsJson(directory, shaped), JSON.stringify(mentorsDocument(directory, shaped), null, 2) + "\n");
      }
    }
  });

  it("writes an empty team as an empty list", () => {
    const directory = buildDirectory([]);
    assert.equal(mentorsJson(directory, options), JSON.stringify(mentorsDocument(directory, options), null, 2) + "\n");
    assert.match(mentorsJson(directory, options), /"mentors": \[\]\n\}\n$/);
  });
});
