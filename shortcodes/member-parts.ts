/**
 * Pieces of a member's entry shared by the directory and the team page, rendered to hast from
 * untrusted data: names as text, roles sanitized, expertise links only when safe.
 */
import type { ElementContent } from "hast";
import { h } from "hastscript";
import { cleanText } from "../plugin/html/sanitize.js";
import { safeWebUrl } from "../plugin/html/url.js";
import type { Member } from "../plugin/team/directory.js";
import type { ShortcodeContext } from "./types.js";

/** The member's expertise as a list, or a short "Not listed". */
export function expertiseCell(member: Member, context: ShortcodeContext): ElementContent[] {
  const items = member.expertise
    .map((item) => ({ label: cleanText(item.label), href: safeWebUrl(item.href, context.upstreamUrl) }))
    .filter((item) => item.label !== "");
  if (items.length === 0) return [h("span", { className: ["not-listed"] }, "Not listed")];
  return [
    h(
      "ul",
      { className: ["expertise"] },
      items.map((item) =>
        h("li", item.href === undefined ? item.label : h("a", { href: item.href }, item.label)),
      ),
    ),
  ];
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
