// Fixture folders for the directory table: real team files in, the rendered directory out.
// `UPDATE=1 npx mocha test/shortcodes/directory-fixtures.test.ts` rewrites `output.html`.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildDirectory } from "../../plugin/team/model/directory.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import { groupByExpertise } from "../../shortcodes/group-by-expertise.js";
import { outputHtml } from "../../shortcodes/output.js";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/directory");
const update = process.env.UPDATE === "1";

describe("directory table fixtures", () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, async () => {
      const dir = path.join(fixtures, name);
      const argument = readFileSync(path.join(dir, "argument.txt"), "utf8").trim();
      const report = await validateTeam(["team_members"], { cwd: dir });
      const context = {
        directory: buildDirectory(report.members),
        teamPageUrl: "/company/team/",
        upstreamUrl: "https://handbook.gitlab.com",
      };
      const html = outputHtml(groupByExpertise.render({ positional: [argument], named: {} }, context)).replace(/></g, ">\n<") + "\n";
      const expectedFile = path.join(dir, "output.html");
      if (update || !existsSync(expectedFile)) writeFileSync(expectedFile, html);
      assert.equal(html, readFileSync(expectedFile, "utf8"));
      assert.doesNotMatch(html, /<script|<img|<svg|javascript:|data:text|onerror|onload|style=/i);
    });
  }
});
