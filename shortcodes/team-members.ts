/**
 * `{{< team-members >}}` / `{% teamMembers %}`: the team page, one entry per member, anchored by
 * slug so that `/company/team/#<slug>` links keep working, with "Available as a mentor" for mentors.
 */
import type { ElementContent } from "hast";
import { h } from "hastscript";
import { sanitizeFragment } from "../plugin/html/sanitize.js";
import { idSafe } from "./group-by-expertise.js";
import { displayName, expertiseCell } from "./member-parts.js";
import { ShortcodeUsageError, type ShortcodeDefinition } from "./types.js";

export const teamMembers: ShortcodeDefinition = {
  name: "team-members",
  templateName: "teamMembers",
  paired: false,
  usage: "{{< team-members >}}: every team member, with role, expertise and mentor availability",
  render(args, context) {
    if (args.positional.length > 0 || Object.keys(args.named).length > 0) {
      throw new ShortcodeUsageError("team-members takes no arguments", "{{< team-members >}}");
    }
    const { members } = context.directory;
    if (members.length === 0) return [h("p", "No team members yet: add a file under data/team_members/person/.")];
    const items: ElementContent[] = members.map((member) => {
      const name = displayName(member);
      const role = sanitizeFragment(member.role, { baseUrl: context.upstreamUrl });
      const parts: ElementContent[] = [h("h2", name)];
      if (role.length > 0) parts.push(h("p", { className: ["role"] }, role));
      if (member.expertise.length > 0) parts.push(h("p", { className: ["expertise-label"] }, "Expertise:"), ...expertiseCell(member, context));
      if (member.mentor) {
        const badge = context.mentoringPageUrl
          ? h("a", { href: `${context.mentoringPageUrl}#mentor-${idSafe(member.slug)}` }, "Available as a mentor")
          : "Available as a mentor";
        parts.push(h("p", { className: ["mentor-badge"] }, [badge]));
      }
      // The raw slug is the anchor: links into the team page use it, dots and all.
      return h("li", { id: member.slug, className: ["team-member"] }, parts);
    });
    return [
      h("p", `${members.length} team members, in name order.`),
      h("ul", { className: ["team-list"] }, items),
    ];
  },
};
