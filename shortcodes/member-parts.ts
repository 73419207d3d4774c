/**
 * Pieces of a member's entry shared by the directory and the team page, rendered to hast from
 * untrusted data: names as text, roles sanitized, skill links only when safe, the GitLab link
 * built from a validated handle.
 */
import type { Element, ElementContent, Properties, Text } from "hast";
import { cleanText } from "../plugin/text/clean.js";
import { sanitizeFragment } from "../plugin/html/sanitize.js";
import { safeWebUrl } from "../plugin/html/url.js";
import type { Member } from "../plugin/team/model/directory.js";
import { gitlabHandle, gitlabProfileUrl } from "../plugin/team/model/gitlab.js";
import { skillsOf } from "../plugin/team/model/skills.js";
import type { ShortcodeContext } from "./types.js";

/**
 * The member's skills (`skillsOf`) as a list, or nothing when there are none (most members list
 * none: a line saying so on each of their cards is noise). A skill from `domain_expertise` carries
 * its key in `data-skill-key`, which the search script matches too.
 */
export function skillsList(member: Member, context: ShortcodeContext): Element | undefined {
  const items: Element[] = [];
  for (const skill of skillsOf(member)) {
    const label = cleanText(skill.label);
    if (label === "") continue;
    const href = safeWebUrl(skill.href, context.upstreamUrl);
    const properties: Properties = skill.domainKey === undefined ? {} : { dataSkillKey: skill.domainKey };
    items.push(element("li", properties, [href === undefined ? text(label) : element("a", { href }, [text(label)])]));
  }
  return items.length === 0 ? undefined : element("ul", { className: ["skills"] }, items);
}

/** A labelled line of the member's details: `<p><span>Label</span> content</p>`. */
export function detail(className: string, label: string, content: ElementContent[]): Element {
  return element("p", { className: [className] }, [
    element("span", { className: ["detail-label"] }, [text(`${label}:`)]),
    text(" "),
    ...content,
  ]);
}

/** "GitLab: @handle", linked to the profile, when the entry has a valid handle. */
export function gitlabDetail(member: Member): Element | undefined {
  const handle = gitlabHandle(member);
  if (handle === undefined) return undefined;
  return detail("member-gitlab", "GitLab", [element("a", { href: gitlabProfileUrl(handle) }, [text(`@${handle}`)])]);
}

/** "Departments: A, B", when the entry lists any. */
export function departmentsDetail(member: Member): Element | undefined {
  const names = member.departments.map(cleanText).filter(Boolean);
  if (names.length === 0) return undefined;
  return detail("member-departments", names.length === 1 ? "Department" : "Departments", [
    element("span", { className: ["departments"] }, [text(names.join(", "))]),
  ]);
}

/**
 * What a card says about a member after the name, the same on the directory and the team page:
 * role, skills, GitLab profile, departments.
 */
export function memberDetails(member: Member, context: ShortcodeContext): Element[] {
  const parts: Element[] = [];
  const role = roleContent(member, context);
  if (role.length > 0) parts.push(element("p", { className: ["member-role"] }, role));
  const skills = skillsList(member, context);
  if (skills)
    parts.push(
      element("div", { className: ["member-skills"] }, [element("span", { className: ["detail-label"] }, [text("Skills:")]), skills]),
    );
  const gitlab = gitlabDetail(member);
  if (gitlab) parts.push(gitlab);
  const departments = departmentsDetail(member);
  if (departments) parts.push(departments);
  return parts;
}

/** Where the search script says what matched on a card; empty and hidden until then. */
export function matchLine(): Element {
  return element("p", { className: ["member-match"], hidden: true }, []);
}

/** The role, sanitized; empty when the entry has none. */
export function roleContent(member: Member, context: ShortcodeContext): ElementContent[] {
  return sanitizeFragment(member.role, { baseUrl: context.upstreamUrl });
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

// Cards are built as plain hast: hastscript's reading of property names and values is most of
// what they cost, thousands of times per page. Properties are written in hast form (`className`
// as a list, `dataTopics`).
export function element(tagName: string, properties: Properties, children: ElementContent[]): Element {
  return { type: "element", tagName, properties, children };
}

export function text(value: string): Text {
  return { type: "text", value };
}
