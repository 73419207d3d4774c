/**
 * `{{< team-members >}}` / `{% teamMembers %}`: the team page, one card per member, anchored by
 * slug so that `/company/team/#<slug>` links keep working, with "Available as a mentor" for
 * mentors, grouped under an A–Z index of first letters. A search field and a "mentors only"
 * toggle (the script's, with the directory's skills model) narrow the cards in place.
 */
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { Member } from "../plugin/team/model/directory.js";
import { idSafe } from "./group-by-expertise.js";
import { displayName, element, matchLine, memberDetails, text } from "./member-parts.js";
import { ShortcodeUsageError, type ShortcodeContext, type ShortcodeDefinition } from "./types.js";

export const teamMembers: ShortcodeDefinition = {
  name: "team-members",
  templateName: "teamMembers",
  paired: false,
  usage: "{{< team-members >}}: every team member, with role, skills and mentor availability",
  render(args, context) {
    if (args.positional.length > 0 || Object.keys(args.named).length > 0) {
      throw new ShortcodeUsageError("team-members takes no arguments", "{{< team-members >}}");
    }
    const { members } = context.directory;
    // Readers see this page: the build's own summary tells the site's authors where the files go.
    if (members.length === 0) return [h("p", "No team members yet.")];
    const groups = byInitial(members);
    return [
      h("div", { className: ["team-directory"], dataTeamDirectory: true }, [
        h("p", { className: ["team-summary"] }, `${members.length} team members, in name order.`),
        h("div", { className: ["team-search"], role: "search", hidden: true }, [
          h("label", { for: SEARCH_ID }, "Search the team by name, role, skill or department"),
          h("input", { type: "search", id: SEARCH_ID, name: "q", autoComplete: "off" }),
          h("label", { className: ["team-mentors-only"] }, [
            h("input", { type: "checkbox", name: "mentors", value: "1" }),
            " Mentors only",
          ]),
        ]),
        h("p", { className: ["team-status"], role: "status", ariaLive: "polite" }),
        h("nav", { className: ["team-letters"], ariaLabel: "Team members by first letter" }, [
          h(
            "ul",
            groups.map(([letter]) => h("li", [h("a", { href: `#${letterId(letter)}` }, letterName(letter))])),
          ),
        ]),
        ...groups.map(([letter, group]) => letterSection(letter, group, context)),
      ]),
    ];
  },
};

/** The letter a name is filed under: its first letter without accents, `#` for anything else. */
export function initialOf(name: string): string {
  const first =
    Array.from(
      name
        .normalize("NFKD")
        .replace(/\p{M}+/gu, "")
        .trim(),
    )[0] ?? "";
  const upper = first.toUpperCase();
  return /^[A-Z]$/.test(upper) ? upper : "#";
}

/** Members grouped by `initialOf`, groups in the order their first member appears. */
function byInitial(members: readonly Member[]): [string, Member[]][] {
  const groups = new Map<string, Member[]>();
  for (const member of members) {
    const letter = initialOf(displayName(member));
    let group = groups.get(letter);
    if (group === undefined) {
      group = [];
      groups.set(letter, group);
    }
    group.push(member);
  }
  // Names are in collation order already, but "#" (digits, other scripts) goes last.
  return [...groups].sort(([a], [b]) => (a === "#" ? 1 : 0) - (b === "#" ? 1 : 0));
}

// The cards' ids are the slugs themselves, and a slug can be any lower-case word (`team-search`,
// `team-letter-a`, `main-heading`). The page's own ids start with an upper-case letter, which no
// valid slug has, so no team file can take one of them, whatever it is named.
const SEARCH_ID = "Team-search-input";

function letterId(letter: string): string {
  return `Team-letter-${letterName(letter)}`;
}

function letterName(letter: string): string {
  return letter === "#" ? "Other" : letter;
}

function letterSection(letter: string, members: readonly Member[], context: ShortcodeContext): Element {
  const id = letterId(letter);
  return h("section", { id, className: ["team-letter"], ariaLabelledBy: `${id}-heading` }, [
    h("h2", { id: `${id}-heading`, className: ["team-letter-heading"] }, letterName(letter)),
    element(
      "ul",
      { className: ["team-list"] },
      members.map((member) => memberCard(member, context)),
    ),
  ]);
}

function memberCard(member: Member, context: ShortcodeContext): Element {
  const parts: ElementContent[] = [
    element("h3", { className: ["member-name"] }, [text(displayName(member))]),
    ...memberDetails(member, context),
  ];
  if (member.mentor) {
    const badge = context.mentoringPageUrl
      ? element("a", { href: `${context.mentoringPageUrl}#mentor-${idSafe(member.slug)}` }, [text("Available as a mentor")])
      : text("Available as a mentor");
    parts.push(element("p", { className: ["mentor-badge"] }, [badge]));
  }
  parts.push(matchLine());
  // The raw slug is the anchor: links into the team page use it, dots and all.
  const properties = member.mentor
    ? { id: member.slug, className: ["team-member", "member-card"], dataMentor: "true" }
    : { id: member.slug, className: ["team-member", "member-card"] };
  return element("li", properties, parts);
}
