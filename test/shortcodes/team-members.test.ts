import assert from "node:assert/strict";
import { buildDirectory } from "../../plugin/team/model/directory.js";
import { teamMembers } from "../../shortcodes/team-members.js";
import { ShortcodeUsageError, type ShortcodeContext } from "../../shortcodes/types.js";
import { outputHtml } from "../../shortcodes/output.js";

const empty: ShortcodeContext = { directory: buildDirectory([]), teamPageUrl: "/team/", upstreamUrl: "" };

describe("team-members shortcode", () => {
  it("tells readers of an empty team so, without naming a data folder the site may not use", () => {
    const html = outputHtml(teamMembers.render({ positional: [], named: {} }, empty));
    assert.equal(html, "<p>No team members yet.</p>");
  });

  it("takes no arguments, and says how it is written", () => {
    assert.throws(
      () => teamMembers.render({ positional: ["mentor"], named: {} }, empty),
      (error: unknown) => error instanceof ShortcodeUsageError && error.hint === "{{< team-members >}}",
    );
  });
});
