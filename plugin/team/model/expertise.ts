/**
 * The `expertise` field of a team entry, turned into the topics a reader sees.
 *
 * Real entries hold this field in several shapes: nothing, an HTML string of `<li>` items (with
 * links, text after links, curly quotes in attributes, stray quotes and unclosed tags), plain text
 * with one topic per line, or a YAML list of either. Every shape is untrusted input.
 */
import type { Element, ElementContent, Root, RootContent } from "hast";
import { ALL_QUOTES, DOUBLE_QUOTES, SINGLE_QUOTES } from "../../text/quotes.js";
import { cleanText } from "../../text/clean.js";
import { isBlockTagName, parseUntrustedFragment, strictSchema } from "../../html/sanitize.js";
import { safeWebUrl } from "../../html/url.js";
import type { ExpertiseItem } from "../entry.js";

// Structure is kept only as far as it separates topics; other elements give up their text.
const EXPERTISE_SCHEMA = strictSchema([
  "a",
  "br",
  "li",
  "ol",
  "ul",
  ...["address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl"],
  ...["dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5"],
  ...["h6", "header", "hr", "main", "nav", "p", "pre", "section", "summary", "table", "tbody"],
  ...["td", "tfoot", "th", "thead", "tr"],
]);

/**
 * Read an `expertise` value into topics.
 *
 * - `null`, `undefined`, an empty string or a value of another type: no topics.
 * - A string with `<li>` elements: one topic per `li` (nested lists give their own topics; text
 *   outside any `li` is ignored).
 * - Any other string: one topic per line or block. Commas do not separate topics: real topics
 *   contain them.
 * - A list: each string element read as above; other elements ignored.
 *
 * A label is the visible text, whitespace collapsed, invisible control characters, list bullets and
 * stray wrapping quotes removed; never markup, never a link target. Items whose label would be
 * empty are left out. `href` is the first link's target, when it is `http(s)` or relative
 * (`safeWebUrl`), after the repair of mistyped quotes that every fragment gets (`repairHref`).
 * Pure; never throws.
 */
export function parseExpertise(value: unknown): ExpertiseItem[] {
  if (typeof value === "string") return parseExpertiseString(value);
  if (Array.isArray(value)) {
    const items: ExpertiseItem[] = [];
    for (const element of value as unknown[]) {
      if (typeof element === "string") items.push(...parseExpertiseString(element));
    }
    return items;
  }
  return [];
}

// The raw value behind each lazily parsed `expertise` (see `defineLazyExpertise`), and its items
// once parsed.
const rawValues = new WeakMap<object, unknown>();
const parsedValues = new WeakMap<object, readonly ExpertiseItem[]>();
const NO_ITEMS: readonly ExpertiseItem[] = Object.freeze([]);

/**
 * The one getter of every lazy `expertise`. One function for all members lets them share their
 * shape: a getter of its own per member made V8 keep each member as a dictionary, at about twice
 * the memory and slower to read.
 */
function lazyExpertise(this: object): readonly ExpertiseItem[] {
  let items = parsedValues.get(this);
  if (items === undefined) {
    const raw = rawValues.get(this);
    items = raw === undefined || raw === null ? NO_ITEMS : safeParseExpertise(raw);
    parsedValues.set(this, items);
  }
  return items;
}

/**
 * Give `target` an enumerable `expertise` property parsed from `raw` on first read: parsing HTML
 * is the costliest part of a member, and most members are never shown. Copies (worker messages,
 * the cache) read the property, so they carry the parsed value.
 */
export function defineLazyExpertise(target: object, raw: unknown): void {
  rawValues.set(target, raw);
  Object.defineProperty(target, "expertise", { enumerable: true, get: lazyExpertise });
}

/** Never let one entry's odd markup stop a page: the `html-too-complex` rule reports the field. */
function safeParseExpertise(raw: unknown): readonly ExpertiseItem[] {
  try {
    return parseExpertise(raw);
  } catch {
    return [];
  }
}

/** Whether `target.expertise` was defined by `defineLazyExpertise` (reading it may parse HTML). */
export function hasLazyExpertise(target: object): boolean {
  return rawValues.has(target);
}

/**
 * Whether a label of `member.expertise` could contain `phrase` (already in the directory's
 * matching form); `false` only when certain without parsing (see `mayContain`). Members whose
 * expertise was not defined by `defineLazyExpertise` always answer `true`.
 */
export function expertiseMayContain(member: object, phrase: string): boolean {
  return !rawValues.has(member) || mayContain(rawValues.get(member), phrase);
}

/**
 * Whether the topics of an `expertise` value could contain `phrase` (in `matchingForm`, as the
 * directory compares): `false` only when that is certain without parsing the HTML, which is the
 * costly part of a member. Used to skip parsing for the many members a selection cannot list.
 *
 * Certain only for the plain case: markup without comments or elements whose content is not
 * markup, text (outside tags) of printable ASCII without character references, and a phrase
 * without spaces. Then every label is a run of the text left once tags are removed, so the phrase
 * must occur in that text. Anything else answers `true` and is parsed.
 */
function mayContain(value: unknown, phrase: string): boolean {
  if (typeof value === "string") return stringMayContain(value, phrase);
  if (Array.isArray(value)) return value.some((element) => typeof element === "string" && stringMayContain(element, phrase));
  return false;
}

// Elements whose content is not parsed as markup, or that move text elsewhere (a table's stray
// text is put before it): the parsed text may differ from the text between tags.
const NOT_MARKUP =
  /<!|<\/?(?:textarea|title|script|style|xmp|iframe|noembed|noframes|noscript|plaintext|svg|math|table|template|select|frameset)\b/i;
// A tag as the HTML parser reads it, in its plain form only: a name, then attributes whose values
// are quoted (holding no `<` or `>`) or unquoted. Any `<` left once these are removed (a tag with
// `>` inside a quoted value, `<?…>`, `</ x>`, `</>`) could hide or join text: not plain.
const TAG = /<\/?[A-Z][A-Z0-9-]*(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*\s*\/?>/gi;
// Outside tags: a `<`, anything but printable ASCII, or an `&` that may start a character reference.
const NOT_PLAIN_TEXT = /[^\t\n\r\x20-\x3B\x3D-\x7E]|&[#A-Z0-9]/i;

function stringMayContain(value: string, phrase: string): boolean {
  if (/[^\x21-\x7E]/.test(phrase) || NOT_MARKUP.test(value)) return true;
  const text = value.replace(TAG, "");
  return NOT_PLAIN_TEXT.test(text) || text.toLowerCase().includes(phrase);
}

function parseExpertiseString(value: string): ExpertiseItem[] {
  if (value.trim() === "") return [];
  const tree = parseUntrustedFragment(value, EXPERTISE_SCHEMA);
  const links = new LinkClaims();
  const listItems = findListItems(tree);
  const parts = listItems.length > 0 ? listItems.map(listItemPart) : lineParts(tree);

  const items: ExpertiseItem[] = [];
  for (const part of parts) {
    const label = cleanLabel(part.text);
    // Claimed even when the label is empty, so a later item cannot inherit this link.
    const href = links.firstOwnHref(part.links);
    if (label === "") continue;
    items.push(href === undefined ? { label } : { label, href });
  }
  return items;
}

/** Text of one topic, with the links met while reading it, in document order. */
interface Part {
  text: string;
  links: Element[];
}

/** Every `li` element, in document order (nested ones after the item that holds them). */
function findListItems(node: Root | Element, found: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    if (child.tagName === "li") found.push(child);
    findListItems(child, found);
  }
  return found;
}

// A nested list belongs to its own `li` elements, which `findListItems` returns too.
function listItemPart(item: Element): Part {
  const part: Part = { text: "", links: [] };
  const read = (nodes: readonly ElementContent[]): void => {
    for (const node of nodes) {
      if (node.type === "text") part.text += node.value;
      else if (node.type === "element") {
        if (node.tagName === "ul" || node.tagName === "ol" || node.tagName === "li") continue;
        if (node.tagName === "a") part.links.push(node);
        if (node.tagName === "br" || isBlockTagName(node.tagName)) part.text += " ";
        read(node.children);
      }
    }
  };
  read(item.children);
  return part;
}

// Without list items, a topic ends at a line break in the text, a `<br>` or a block boundary.
function lineParts(tree: Root): Part[] {
  const parts: Part[] = [];
  const openLinks: Element[] = [];
  let current: Part = { text: "", links: [] };
  const next = (): void => {
    parts.push(current);
    current = { text: "", links: [...openLinks] };
  };
  const read = (nodes: readonly (RootContent | ElementContent)[]): void => {
    for (const node of nodes) {
      if (node.type === "text") {
        node.value.split(/\r\n?|[\n\u2028\u2029]/).forEach((line, index) => {
          if (index > 0) next();
          current.text += line;
        });
      } else if (node.type === "element") {
        if (node.tagName === "br") {
          next();
          continue;
        }
        const block = isBlockTagName(node.tagName);
        if (block) next();
        if (node.tagName === "a") {
          openLinks.push(node);
          current.links.push(node);
        }
        read(node.children);
        if (node.tagName === "a") openLinks.pop();
        if (block) next();
      }
    }
  };
  read(tree.children);
  next();
  return parts;
}

/**
 * The HTML parser reopens a link left unclosed in every following item (`<li><a href=x>Ruby` then
 * `<li>Go` gives Go a copy of the link). A copy shares the source position of the original, or has
 * none, so a link counts only for the first item that reaches its position.
 */
class LinkClaims {
  readonly #claimed = new Set<number>();

  firstOwnHref(links: readonly Element[]): string | undefined {
    let first: Element | undefined;
    for (const link of links) {
      // Links written in the source have a position; the parser's copies share it or have none.
      const offset = link.position?.start.offset;
      if (offset === undefined || this.#claimed.has(offset)) continue;
      this.#claimed.add(offset);
      first ??= link;
    }
    return first === undefined ? undefined : safeWebUrl(first.properties["href"]);
  }
}

// A list marker typed by hand in plain text: `- Ruby`, `* Ruby`, `• Ruby`, `1. Ruby`.
const BULLET = /^(?:[-*+•‣◦▪▫·–—]|\d{1,3}[.)])\s+/u;

/** Visible text of a topic as a label: see `parseExpertise`. Empty when nothing is left. */
export function cleanLabel(text: string): string {
  let label = cleanText(text);
  for (;;) {
    const before = label;
    label = stripStrayQuotes(label.replace(BULLET, "")).trim();
    if (label === before) return label;
  }
}

/**
 * Remove quotation marks around a label, and a double quotation mark at one end that has no
 * partner inside (`"Ruby`). A single quotation mark is removed only in a wrapping pair: alone at an
 * end it is usually an apostrophe.
 */
function stripStrayQuotes(label: string): string {
  if (label.length === 0) return label;
  const first = label.charAt(0);
  const last = label.charAt(label.length - 1);
  if (label.length >= 2 && ALL_QUOTES.includes(first) && ALL_QUOTES.includes(last)) {
    const inner = label.slice(1, -1);
    // `"a" and "b"` is not wrapped; only strip when the inner text has no quote of its own kind.
    if (!containsAny(inner, DOUBLE_QUOTES.includes(first) ? DOUBLE_QUOTES : SINGLE_QUOTES)) {
      return inner;
    }
  }
  if (DOUBLE_QUOTES.includes(first) && !containsAny(label.slice(1), DOUBLE_QUOTES)) {
    return label.slice(1);
  }
  if (DOUBLE_QUOTES.includes(last) && !containsAny(label.slice(0, -1), DOUBLE_QUOTES)) {
    return label.slice(0, -1);
  }
  return label;
}

function containsAny(value: string, characters: string): boolean {
  for (const character of value) if (characters.includes(character)) return true;
  return false;
}
