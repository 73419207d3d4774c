/**
 * What the site's sanitizer will take out of a member's HTML, said before it happens: a
 * contributor who writes `<script>` or a `javascript:` link must learn that part of their text is
 * not shown, instead of finding out from the page, or never.
 *
 * Only removals a reader would miss are reported: elements dropped with their content, pictures,
 * event handlers and inline styles, and links whose address is refused. Formatting that is merely
 * unwrapped (a `<div>` in `role`) keeps its text and is not worth a warning.
 */
import type { Element, Nodes } from "hast";
import { DROPPED_TAG_NAMES, repairHref } from "../../html/sanitize.js";
import { safeUrl } from "../../html/url.js";
import { parseFragmentWithin } from "../../html/parse.js";

/** One thing the sanitizer removes, and why. */
export interface Removal {
  /** What goes, as the contributor wrote it: `<script>`, `onerror` on `<img>`, the link to `javascript:…`. */
  readonly what: string;
  /** A sentence that names it and says why it goes. */
  readonly why: string;
}

const DROPPED: ReadonlySet<string> = new Set(DROPPED_TAG_NAMES);

/** Tags the site keeps, or unwraps keeping their text: nothing a reader misses. */
const PLAIN_TAGS: ReadonlySet<string> = new Set(["a", "b", "br", "code", "em", "i", "li", "ol", "p", "span", "strong", "ul", "div"]);

const LONGEST_PLAIN_TAG = Math.max(...[...PLAIN_TAGS].map((name) => name.length));

/** Where the tag name that starts at `at` ends: a letter, then letters and digits (`at` when none). */
function tagNameEnd(html: string, at: number): number {
  const first = html.charCodeAt(at) | 0x20;
  if (first < 0x61 || first > 0x7a) return at;
  let end = at + 1;
  for (let c = html.charCodeAt(end); ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0x30 && c <= 0x39); c = html.charCodeAt(++end));
  return end;
}

/** A start tag's inside that is one quoted `href` and nothing else. */
const SIMPLE_LINK = /^\s+href\s*=\s*("[^"<]*"|'[^'<]*')\s*\/?$/i;

/** An attribute as the HTML tokenizer reads it: a name after a space or `/`, and its value if any. */
const ATTRIBUTE = /[\s/]([^\s/>="'<]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?/g;

/**
 * Whether `html` might hold something the sanitizer removes: a tag other than the plain ones, an
 * attribute other than `href`, a link the site would not keep, or a backslash or a character
 * reference (either can hide a scheme in an address). Most values are spared the parse,
 * which costs as much as the other checks together. One pass, without backtracking over long
 * text: a value may be a megabyte.
 */
function mightLoseMarkup(html: string): boolean {
  if (html.includes("\\") || /&(?:#|[a-z]+;)/i.test(html)) return true;
  for (let at = html.indexOf("<"); at !== -1;) {
    const start = html.charCodeAt(at + 1) === 0x2f /* / */ ? at + 2 : at + 1;
    const after = tagNameEnd(html, start);
    // A `<` that opens no tag is text.
    if (after === start) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    if (after - start > LONGEST_PLAIN_TAG || !PLAIN_TAGS.has(html.slice(start, after).toLowerCase())) return true;
    const end = html.indexOf(">", after);
    if (end === -1) return true;
    // An end tag's attributes are ignored by the parser: only a start tag's are read, if it has any.
    if (start === at + 2 || end === after) {
      at = html.indexOf("<", end + 1);
      continue;
    }
    const tag = html.slice(after, end);
    if (/["'<]/.test(tag)) {
      // Quotes and `<` are where the tokenizer and any quick reading part ways (a quote in an
      // attribute's name or an unquoted value, a `>` inside a value): only the usual form, one
      // quoted `href`, is read here; anything else goes to the parser.
      const link = SIMPLE_LINK.exec(tag)?.[1];
      if (link === undefined || !keptLink(link.slice(1, -1))) return true;
    } else {
      for (const [, attribute = "", value = ""] of tag.matchAll(ATTRIBUTE)) {
        if (attribute.toLowerCase() !== "href" || !keptLink(value)) return true;
      }
    }
    // Inside a tag, `<` is part of it: go on after its end, so that each character is read once.
    at = html.indexOf("<", end + 1);
  }
  return false;
}

/** An address as a message can show it: short, and with its control characters visible. */
const shown = (text: string): string => {
  const visible = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"');
  return visible.length > 40 ? `${visible.slice(0, 40)}…` : visible;
};

/** Everything in `html` that the sanitizer removes and a reader would miss, in document order. */
export function removedMarkup(html: string): Removal[] {
  return mightLoseMarkup(html) ? auditMarkup(html) : [];
}

/** `removedMarkup` without the quick test that spares most values the parse (which tests compare it with). */
export function auditMarkup(html: string): Removal[] {
  const removals: Removal[] = [];
  const seen = new Set<string>();
  const add = (what: string, why: string): void => {
    // The same tag a hundred times is one thing to fix.
    if (seen.has(what)) return;
    seen.add(what);
    removals.push({ what, why });
  };
  const walk = (node: Nodes): void => {
    if (node.type === "element") {
      if (!visit(node, add)) return;
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  // Markup past its budget is not read further: it is an error of its own (`html-too-complex`).
  const parsed = parseFragmentWithin(html);
  if ("tree" in parsed) walk(parsed.tree);
  return removals;
}

/**
 * Whether the site keeps a link to `href` (the same test as the sanitizer's; whether a relative
 * link is kept does not depend on the base it is resolved against).
 */
function keptLink(href: string): boolean {
  return safeUrl(repairHref(href) ?? href) !== undefined;
}

/** Report what `element` loses; false when it goes whole, so that its content need not be walked. */
function visit(element: Element, add: (what: string, why: string) => void): boolean {
  const tag = element.tagName;
  if (DROPPED.has(tag)) {
    add(`\`<${tag}>\``, `\`<${tag}>\` is not allowed, so it is removed with everything inside it`);
    return false;
  }
  if (tag === "img") add("`<img>`", "`<img>` is removed: pictures are not allowed here");
  for (const [name, value] of Object.entries(element.properties)) {
    const attribute = attributeName(name);
    if (/^on/.test(attribute))
      add(`\`${attribute}\` on \`<${tag}>\``, `\`${attribute}\` on \`<${tag}>\` is not allowed: nothing in a team entry may run code`);
    else if (attribute === "style")
      add(`\`style\` on \`<${tag}>\``, `\`style\` on \`<${tag}>\` is not allowed: the site's own styles apply`);
    else if (tag === "a" && attribute === "href") {
      const href = String(Array.isArray(value) ? value.join(" ") : value);
      if (!keptLink(href)) {
        const what = `the link to \`${shown(href.trim())}\``;
        add(what, `${what} is removed and only its text is shown: links go to web addresses (https://…, /handbook/…) or mailto:`);
      }
    }
  }
  return true;
}

/** hast names properties in camel case (`onError`, `className`): back to the attribute as written. */
function attributeName(property: string): string {
  return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^on-/, "on");
}
