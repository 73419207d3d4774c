/**
 * Pieces of a member's entry shared by the directory and the team page, written from untrusted
 * data: names as text, roles sanitized, skill links only when safe, the GitLab link built from a
 * validated handle. A mentor's details are written once per member object and base URL, and
 * reused by every card of them, on every page and every watch-mode build until their file changes.
 */
import { sanitizedMarkup } from "../plugin/html/sanitize.js";
import { cleanText } from "../plugin/text/clean.js";
import { safeWebUrl } from "../plugin/html/url.js";
import type { Member } from "../plugin/team/model/directory.js";
import { gitlabHandle, gitlabProfileUrl } from "../plugin/team/model/gitlab.js";
import { MemberMemo } from "../plugin/team/model/member-memo.js";
import { skillsOf } from "../plugin/team/model/skills.js";
import { wrote } from "../plugin/diagnostics/timings.js";
import { formatOffset, resolveTeamLocation } from "../plugin/pairing/timezones.js";
import { HtmlWriter, type Markup, type MarkupPiece } from "./html-writer.js";
import { labelsKey, labelsOf, say, type Labels } from "./labels.js";
import type { ShortcodeContext } from "./types.js";

// Keyed by the base URL and the words: the options the details depend on.
const details = new MemberMemo<MarkupPiece>();

/**
 * What a card says about a member after the name, the same on the directory and the team page:
 * role, skills, GitLab profile, departments.
 */
export function memberDetails(member: Member, context: ShortcodeContext): MarkupPiece {
  const labels = labelsOf(context);
  const key = `${context.upstreamUrl}\0${labelsKey(labels)}`;
  const write = (): MarkupPiece => writeDetails(member, context.upstreamUrl, labels);
  // Kept only for mentors, whom both the team page and the directory show: everyone else's
  // details live on in their team card (itself kept), and keeping them apart too held the same
  // text twice for the whole team.
  return member.mentor ? details.get(key, member, write) : write();
}

function writeDetails(member: Member, upstreamUrl: string, labels: Labels): MarkupPiece {
  wrote("member details");
  const out = new HtmlWriter();
  const role = roleMarkup(member.role, upstreamUrl);
  if (role.html !== "") out.open("p", { class: "member-role" }).piece(role).close("p");
  writeSkills(out, member, upstreamUrl, labels);
  const handle = gitlabHandle(member);
  if (handle !== undefined) {
    detailLabel(out, "member-gitlab", say(labels, "gitlab"));
    out.element("a", { href: gitlabProfileUrl(handle) }, `@${handle}`).close("p");
  }
  const departments = member.departments.map(cleanText).filter(Boolean);
  if (departments.length > 0) {
    detailLabel(out, "member-departments", say(labels, "departments", {}, departments.length));
    out.element("span", { class: "departments" }, departments.join(", ")).close("p");
  }
  const place = memberPlace(member);
  if (place !== "") {
    detailLabel(out, "member-location", say(labels, "location"));
    out.element("span", { class: "location" }, place).close("p");
  }
  return out.toPiece();
}

/** Where the member works from, as their file writes it: `locality, country`, either alone, or "". */
function memberPlace(member: Member): string {
  return [member.data["locality"], member.data["country"]]
    .map((value) => (typeof value === "string" ? cleanText(value) : ""))
    .filter(Boolean)
    .join(", ");
}

const timeZones = new MemberMemo<string>();

/**
 * The UTC offset pairing uses for the member's place (`UTC+1`), or "" when their place does not
 * settle one (no place, or a country that spans several zones without a city that names one).
 */
export function memberTimeZone(member: Member): string {
  return timeZones.get("", member, () => {
    const zone = resolveTeamLocation(member.data["locality"], member.data["country"]);
    return zone.offsetMinutes === undefined ? "" : formatOffset(zone.offsetMinutes);
  });
}

/** Opens a labelled line of the details: `<p class><span>Label:</span> ` (the caller closes it). */
function detailLabel(out: HtmlWriter, className: string, label: string): void {
  out.open("p", { class: className }).element("span", { class: "detail-label" }, label).text(" ");
}

/**
 * The member's skills (`skillsOf`) as a list, or nothing when there are none (most members list
 * none: a line saying so on each of their cards is noise). A skill from `domain_expertise` carries
 * its key in `data-skill-key`, which the search script matches too.
 */
function writeSkills(out: HtmlWriter, member: Member, upstreamUrl: string, labels: Labels): void {
  let opened = false;
  for (const skill of skillsOf(member)) {
    const label = cleanText(skill.label);
    if (label === "") continue;
    if (!opened) {
      out
        .open("div", { class: "member-skills" })
        .element("span", { class: "detail-label" }, say(labels, "skills"))
        .open("ul", { class: "skills" });
      opened = true;
    }
    const href = safeWebUrl(skill.href, upstreamUrl);
    out.open("li", { "data-skill-key": skill.domainKey });
    if (href === undefined) out.text(label);
    else out.element("a", { href }, label);
    out.close("li");
  }
  if (opened) out.close("ul").close("div");
}

/** The role, sanitized, as markup; empty when the entry has none. */
function roleMarkup(role: string, upstreamUrl: string): MarkupPiece {
  const { html, anchors } = sanitizedMarkup(role, { baseUrl: upstreamUrl });
  return { html: html as Markup, anchors };
}

/** Where the search script says what matched on a card; empty and hidden until then. */
export function writeMatchLine(out: HtmlWriter): void {
  out.element("p", { class: "member-match", hidden: true });
}

/** Link to the member's entry on the team page, or `undefined` when the site has no team page. */
export function teamPageHref(member: Member, context: ShortcodeContext): string | undefined {
  return context.teamPageUrl === "" ? undefined : `${context.teamPageUrl}#${encodeURIComponent(member.slug)}`;
}

/**
 * Names are shown as text; invisible and direction-changing characters could make one name pass for
 * another, and an empty name would make an empty link.
 */
export function displayName(member: Member): string {
  return cleanText(member.name) || member.slug;
}
