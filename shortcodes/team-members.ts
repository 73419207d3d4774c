/**
 * `{{< team-members >}}` / `{% teamMembers %}`: the team page, one card per member, anchored by
 * slug so that `/company/team/#<slug>` links keep working, with "Available as a mentor" for
 * mentors, grouped under an A–Z index of first letters. A search field and a "mentors only"
 * toggle (the script's, with the directory's skills model) narrow the cards in place.
 */
import type { Directory, Member } from "../plugin/team/model/directory.js";
import { idSafe } from "./group-by-expertise.js";
import { wrote } from "../plugin/diagnostics/timings.js";
import { MemberMemo } from "../plugin/team/model/member-memo.js";
import { HtmlWriter, type HtmlFragment } from "./html-writer.js";
import { displayName, memberDetails, writeMatchLine } from "./member-parts.js";
import { labelsKey, labelsOf, say, scriptLabels, writeSentence, type Labels } from "./labels.js";
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
    return teamPage(context);
  },
};

// The page of each directory, by the options it shows: written once per build, whichever page or
// template asks first (the plugin asks before pages render, see `prepareTeamPage`). Markup is not
// the team model's to hold, so it sits beside the directory and goes with it.
const pages = new WeakMap<Directory, Map<string, HtmlFragment>>();

function teamPage(context: ShortcodeContext): HtmlFragment {
  const key = cardKey(context);
  let byKey = pages.get(context.directory);
  if (byKey === undefined) {
    byKey = new Map();
    pages.set(context.directory, byKey);
  }
  let page = byKey.get(key);
  if (page === undefined) {
    page = writeTeamPage(context.directory.members, context);
    byKey.set(key, page);
  }
  return page;
}

/**
 * Write the team page of `context` now, so that the page (or template) that renders it only puts
 * it in place: a site's build writes it before its pages render.
 */
export function prepareTeamPage(context: ShortcodeContext): void {
  teamPage(context);
}

/** What a card shows besides its member: its links and its words. */
function cardKey(context: ShortcodeContext): string {
  return `${context.upstreamUrl}\0${context.mentoringPageUrl ?? ""}\0${labelsKey(labelsOf(context))}`;
}

function writeTeamPage(members: readonly Member[], context: ShortcodeContext): HtmlFragment {
  const out = new HtmlWriter();
  const labels = labelsOf(context);
  // Readers see this page: the build's own summary tells the site's authors where the files go.
  if (members.length === 0) return out.element("p", {}, say(labels, "teamEmpty")).fragment();
  const groups = byInitial(members);
  out.open("div", { class: "team-directory", "data-team-directory": true });
  const words = scriptLabels(labels);
  if (words !== undefined) out.json({ "data-mentor-labels": true }, words);
  writeSentence(out.open("p", { class: "team-summary" }), labels, "teamSummary", { count: members.length }).close("p");
  out.open("div", { class: "team-search", role: "search", hidden: true });
  out.element("label", { for: SEARCH_ID }, say(labels, "teamSearch"));
  out.element("input", { type: "search", id: SEARCH_ID, name: "q", autocomplete: "off" });
  out.open("label", { class: "team-mentors-only" }).element("input", { type: "checkbox", name: "mentors", value: "1" });
  out
    .text(` ${say(labels, "mentorsOnly")}`)
    .close("label")
    .close("div");
  out.element("p", { class: "team-status", role: "status", "aria-live": "polite" });
  out.open("nav", { class: "team-letters", "aria-label": say(labels, "teamLetters") }).open("ul");
  for (const [letter] of groups)
    out
      .open("li")
      .element("a", { href: `#${letterId(letter)}` }, letterLabel(letter, labels))
      .close("li");
  out.close("ul").close("nav");
  const key = cardKey(context);
  const cardOf = cards.under(key);
  const keptOf = context.cards?.under("team card", key);
  const write = keptOf
    ? (member: Member): HtmlFragment => keptOf(member, () => card(member, context))
    : (member: Member): HtmlFragment => card(member, context);
  const sectionOf = sections.under(key);
  for (const [letter, group] of groups) {
    out.fragment(
      keptSection(sectionOf, letter, group, () => {
        wrote("team sections");
        const section = new HtmlWriter();
        writeLetterSection(section, letter, group, labels, (member) => cardOf(member, () => write(member)));
        return section.fragment();
      }),
    );
  }
  return out.close("div").fragment();
}

/** A letter's section as written, and the members it was written for. */
interface KeptSection {
  readonly members: readonly Member[];
  readonly fragment: HtmlFragment;
}

// Each letter's section, kept under its first member object (and the options the cards show): a
// watch-mode build that changed one file writes that file's section again and reuses the others,
// as it reuses the cards; a section goes when its first member does.
const sections = new MemberMemo<Map<string, KeptSection>>();

/** The section of `letter` for `members`: the one kept for the same member objects, or `write()`'s. */
function keptSection(
  sectionOf: (member: object, compute: () => Map<string, KeptSection>) => Map<string, KeptSection>,
  letter: string,
  members: readonly Member[],
  write: () => HtmlFragment,
): HtmlFragment {
  const byLetter = sectionOf(members[0] as Member, () => new Map());
  const kept = byLetter.get(letter);
  if (kept !== undefined && kept.members.length === members.length && kept.members.every((member, i) => member === members[i])) {
    return kept.fragment;
  }
  const fragment = write();
  byLetter.set(letter, { members, fragment });
  return fragment;
}

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

/**
 * The letter of a name that starts with a letter of the English alphabet, which is what
 * `initialOf(displayName(member))` gives it without cleaning and normalizing the whole name.
 */
function plainInitial(name: string): string | undefined {
  const lower = name.charCodeAt(0) | 0x20;
  return lower >= 0x61 && lower <= 0x7a ? String.fromCharCode(lower - 0x20) : undefined;
}

/** Members grouped by `initialOf`, groups in the order their first member appears. */
function byInitial(members: readonly Member[]): [string, Member[]][] {
  const groups = new Map<string, Member[]>();
  for (const member of members) {
    const letter = initialOfMember(member, () => plainInitial(member.name) ?? initialOf(displayName(member)));
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

// Ids stay the same in every language, so that links into the page do not depend on its words.
function letterId(letter: string): string {
  return `Team-letter-${letter === "#" ? "Other" : letter}`;
}

function letterLabel(letter: string, labels: Labels): string {
  return letter === "#" ? say(labels, "otherLetter") : letter;
}

function writeLetterSection(
  out: HtmlWriter,
  letter: string,
  members: readonly Member[],
  labels: Labels,
  cardOf: (member: Member) => HtmlFragment,
): void {
  const id = letterId(letter);
  out.open("section", { id, class: "team-letter", "aria-labelledby": `${id}-heading` });
  out.heading("h2", { id: `${id}-heading`, class: "team-letter-heading" }, letterLabel(letter, labels));
  out.open("ul", { class: "team-list" });
  for (const member of members) out.fragment(cardOf(member));
  out.close("ul").close("section");
}

// A member's card is written once per member object and the options it shows (see `MemberMemo`):
// a watch-mode build writes the cards of the files that changed, and joins the rest.
const cards = new MemberMemo<HtmlFragment>();
const initialOfMember = new MemberMemo<string>().under("");

function card(member: Member, context: ShortcodeContext): HtmlFragment {
  wrote("team cards");
  const out = new HtmlWriter();
  // The raw slug is the anchor: links into the team page use it, dots and all.
  out.open("li", { id: member.slug, class: "team-member member-card", "data-mentor": member.mentor ? "true" : undefined });
  out.heading("h3", { class: "member-name" }, displayName(member));
  out.piece(memberDetails(member, context));
  if (member.mentor) {
    const badge = say(labelsOf(context), "availableAsMentor");
    out.open("p", { class: "mentor-badge" });
    if (context.mentoringPageUrl) {
      out.element("a", { href: `${context.mentoringPageUrl}#mentor-${idSafe(member.slug)}` }, badge);
    } else {
      out.text(badge);
    }
    out.close("p");
  }
  writeMatchLine(out);
  return out.close("li").keep();
}
