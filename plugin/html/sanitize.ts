/**
 * Untrusted HTML fragments from team entries (`role`, `story`, …) made safe to embed in a page.
 *
 * Parsing is done by a real HTML parser, so broken markup is read the way a browser would read it
 * and nothing can hide from the sanitizer in a construct a regular expression would miss.
 */
import type { Element, ElementContent, Nodes, Root, RootContent } from "hast";
import { sanitize, type Schema } from "hast-util-sanitize";
import { toText } from "hast-util-to-text";
import { cleanText, collapseWhitespace, removeInvisible } from "../text/clean.js";
import { BoundedMemo, MemoByTwoKeys } from "../text/memo.js";
import { ALL_QUOTES } from "../text/quotes.js";
import { isAbsoluteWebUrl, safeUrl } from "./url.js";
import { parseFragmentWithin } from "./parse.js";
import { escapeAttribute, escapeTextValue } from "./escape.js";

interface SanitizeOptions {
  /**
   * Absolute URL that relative and root-relative links are resolved against: the handbook the
   * data was written for, when this site does not have its pages. Default: none, so such links
   * stay relative to this site.
   */
  readonly baseUrl?: string | undefined;
}

/** Elements kept by `sanitizeFragment`; everything else is replaced by its content. */
export const FRAGMENT_TAG_NAMES: readonly string[] = Object.freeze(["a", "b", "br", "code", "em", "i", "span", "strong"]);

/**
 * Elements dropped together with their content: their text is not visible prose (scripts, styles,
 * form controls, embedded documents) or belongs to another namespace.
 */
export const DROPPED_TAG_NAMES: readonly string[] = Object.freeze([
  "applet",
  "audio",
  "canvas",
  "datalist",
  "embed",
  "frame",
  "frameset",
  "head",
  "iframe",
  "map",
  "math",
  "noembed",
  "noframes",
  "noscript",
  "object",
  "optgroup",
  "option",
  "picture",
  "plaintext",
  "script",
  "select",
  "style",
  "svg",
  "template",
  "textarea",
  "title",
  "video",
  "xmp",
]);

// Elements a browser shows on a line of their own. Unwrapping them must not glue words together.
const BLOCK_TAG_NAMES: ReadonlySet<string> = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "caption",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/** Whether a browser lays the element out as a block (used to keep words apart). */
export function isBlockTagName(tagName: string): boolean {
  return BLOCK_TAG_NAMES.has(tagName);
}

/**
 * Build a sanitizer schema that keeps `tagNames`, only `href` on `a` (with the protocols of the URL
 * policy; `safeUrl` decides in the end), and nothing else. Every key is given, so nothing falls
 * back to the permissive default schema.
 */
export function strictSchema(tagNames: readonly string[]): Schema {
  return {
    allowComments: false,
    allowDoctypes: false,
    ancestors: {},
    attributes: { a: ["href"] },
    clobber: [],
    clobberPrefix: "",
    protocols: { href: ["http", "https", "mailto"] },
    required: {},
    strip: [...DROPPED_TAG_NAMES],
    tagNames: [...tagNames],
  };
}

const FRAGMENT_SCHEMA = strictSchema(FRAGMENT_TAG_NAMES);

/**
 * Parse an untrusted fragment and run it through the sanitizer with `schema`.
 * Before sanitizing, link targets are repaired (`repairHref`) and block elements get spaces around
 * them, so `<p>a</p><p>b</p>` stays two words once unwrapped.
 * Never throws; anything but a string, and markup past `HTML_BUDGET`, is an empty fragment.
 */
export function parseUntrustedFragment(html: unknown, schema: Schema): Root {
  if (typeof html !== "string" || html === "") return { type: "root", children: [] };
  // Most values are plain text. Without markup, character references, carriage returns or NUL (the
  // characters a parser rewrites), parsing would return the text unchanged, only much slower.
  if (!/[<&\r\0]/.test(html)) return { type: "root", children: [{ type: "text", value: html }] };
  // Past its budget a fragment is shown as nothing: the checks report it as an error of its field.
  const parsed = parseFragmentWithin(html);
  if (!("tree" in parsed)) return { type: "root", children: [] };
  const tree = parsed.tree;
  prepare(tree);
  // The sanitizer's result for plain markup it keeps whole is a copy of that markup.
  if (parsed.plain && keptWhole(tree, schema)) return tree;
  const clean: Nodes = sanitize(tree, schema);
  if (clean.type === "root") return clean;
  if (clean.type === "doctype") return { type: "root", children: [] };
  return { type: "root", children: [clean] };
}

/**
 * Whether the sanitizer keeps every node of a plain tree (see `plainMarkupTree`) as it is: each
 * element's tag is in `schema`, and each link's `href` is relative or starts with one of the
 * schema's protocols and its colon (the sanitizer's own test, read strictly: a colon after a path
 * also passes there, and is left to it here).
 */
function keptWhole(node: Root | Element, schema: Schema): boolean {
  const protocols = schema.protocols?.["href"] ?? [];
  for (const child of node.children) {
    if (child.type !== "element") continue;
    if (!schema.tagNames?.includes(child.tagName)) return false;
    const href = child.properties["href"];
    if (typeof href === "string" && href.includes(":") && !protocols.some((protocol) => href.startsWith(`${protocol}:`))) return false;
    if (!keptWhole(child, schema)) return false;
  }
  return true;
}

/**
 * Sanitize an untrusted HTML fragment (a member's `role`) for embedding in a page.
 *
 * Keeps `a`, `em`, `strong`, `b`, `i`, `code`, `br` and `span` without attributes, except a safe
 * `href` on links, resolved against `options.baseUrl`. A link whose URL is refused, a link without
 * text and a link nested in a link are replaced by their content. Whitespace is collapsed (the
 * output sits in inline context), invisible control characters are removed, and the edges are
 * trimmed. Never throws for any `html`.
 *
 * @throws {TypeError} when `options.baseUrl` is given and is not an absolute http(s) URL (a
 *   configuration error).
 */
export function sanitizeFragment(html: string, options: SanitizeOptions = {}): ElementContent[] {
  // A copy: callers put the nodes into their own trees, which later steps may change.
  return structuredClone(sanitizedOnce(html, options).nodes);
}

/** A sanitized fragment as HTML text, with the in-page links it holds. */
interface SanitizedMarkup {
  readonly html: string;
  /** Every link `href` holding a `#`, in document order. */
  readonly anchors: readonly string[];
}

/**
 * `sanitizeFragment(html, options)` serialized: the same for every member with the same role, so
 * written once per distinct role and base URL.
 *
 * @throws {TypeError} as `sanitizeFragment` does.
 */
export function sanitizedMarkup(html: string, options: SanitizeOptions = {}): SanitizedMarkup {
  const entry = sanitizedOnce(html, options);
  return (entry.markup ??= { html: writeNodes(entry.nodes), anchors: Object.freeze(anchorsOf(entry.nodes, [])) });
}

/**
 * Sanitized nodes as HTML, byte for byte as hast-util-to-html writes them (tested): text and the
 * fragment's few elements, of which only a link has an attribute. Written here, a team's distinct
 * roles are not each walked by the general serializer, most of whose work is for other elements.
 */
function writeNodes(nodes: readonly ElementContent[]): string {
  let html = "";
  for (const node of nodes) {
    if (node.type === "text") html += escapeTextValue(node.value);
    else if (node.type === "element") {
      const href = node.properties["href"];
      html += typeof href === "string" ? `<${node.tagName} href="${escapeAttribute(href)}">` : `<${node.tagName}>`;
      if (node.tagName !== "br") html += `${writeNodes(node.children)}</${node.tagName}>`;
    }
  }
  return html;
}

interface Sanitized {
  /** Never changed: callers get copies. */
  readonly nodes: ElementContent[];
  /** Written on first use. */
  markup?: SanitizedMarkup;
}

function sanitizedOnce(html: string, options: SanitizeOptions): Sanitized {
  const baseUrl = options.baseUrl || undefined;
  // A base URL is checked once, when its memo is made; one that fails is never kept.
  const memo = sanitizedUnder(baseUrl);
  const make = (): Sanitized => {
    const nodes = sanitizeNodes(parsedFragment(html).children, baseUrl, false);
    trimEdges(nodes);
    return { nodes };
  };
  return typeof html === "string" ? memo.get(html, make) : make();
}

function anchorsOf(nodes: readonly ElementContent[], anchors: string[]): string[] {
  for (const node of nodes) {
    if (node.type !== "element") continue;
    const href = node.properties.href;
    if (node.tagName === "a" && typeof href === "string" && href.includes("#")) anchors.push(href);
    anchorsOf(node.children, anchors);
  }
  return anchors;
}

// Roles repeat across a team (the same job title for many people): parse each distinct one once.
const MEMO_LIMIT = 10_000;
// By base URL, then by the role itself, the base URL checked once (20,000 look-ups: 28 against 12 ms).
const sanitized = new MemoByTwoKeys<Sanitized>(8, MEMO_LIMIT);

function sanitizedUnder(baseUrl: string | undefined): BoundedMemo<Sanitized> {
  return sanitized.under(baseUrl ?? "", () => {
    if (baseUrl !== undefined && !isAbsoluteWebUrl(baseUrl)) {
      throw new TypeError(`sanitizeFragment: option \`baseUrl\` must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
    }
  });
}
const texts = new BoundedMemo<string>(MEMO_LIMIT);
const parsed = new BoundedMemo<Root>(MEMO_LIMIT);

/** The fragment parsed and sanitized, shared by the HTML and the text of a role: never changed. */
function parsedFragment(html: string): Root {
  const parse = (): Root => parseUntrustedFragment(html, FRAGMENT_SCHEMA);
  return typeof html === "string" ? parsed.get(html, parse) : parse();
}

/**
 * The plain text of an untrusted fragment, as a reader would see it, on one line: for listings and
 * search. Script and style content is not text; whitespace is collapsed.
 */
export function fragmentText(html: string): string {
  const read = (): string => cleanText(textOf(parsedFragment(html).children));
  return typeof html === "string" ? texts.get(html, read) : read();
}

/**
 * Undo the usual damage to a link target before it is judged: `href=”https://x”` is an unquoted
 * attribute to a parser, so the curly quotes end up inside the value, and so do stray straight
 * quotes and spaces. Only the ends are touched; `safeUrl` still decides whether the rest is safe.
 */
export function repairHref(href: unknown): string | undefined {
  if (typeof href !== "string") return undefined;
  let start = 0;
  let end = href.length;
  while (start < end && isQuoteOrSpace(href.charAt(start))) start++;
  while (end > start && isQuoteOrSpace(href.charAt(end - 1))) end--;
  return href.slice(start, end);
}

function isQuoteOrSpace(character: string): boolean {
  return ALL_QUOTES.includes(character) || /\s/.test(character);
}

/** Concatenated text of nodes; `br` counts as a line break (which `cleanText` makes a space). */
function textOf(nodes: readonly RootContent[]): string {
  return toText({ type: "root", children: [...nodes] }, { whitespace: "pre" });
}

function prepare(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    prepare(child);
    if (child.tagName === "a") {
      const href = repairHref(child.properties["href"]);
      if (href === undefined) delete child.properties["href"];
      else child.properties["href"] = href;
    }
    if (BLOCK_TAG_NAMES.has(child.tagName)) {
      child.children.unshift({ type: "text", value: " " });
      child.children.push({ type: "text", value: " " });
    }
  }
}

function sanitizeNodes(nodes: readonly RootContent[], baseUrl: string | undefined, insideLink: boolean): ElementContent[] {
  const result: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === "text") {
      const value = collapseWhitespace(removeInvisible(node.value));
      if (value !== "") appendText(result, value);
    } else if (node.type === "element") {
      for (const item of sanitizeElement(node, baseUrl, insideLink)) {
        if (item.type === "text") appendText(result, item.value);
        else result.push(item);
      }
    }
  }
  return result;
}

function sanitizeElement(node: Element, baseUrl: string | undefined, insideLink: boolean): ElementContent[] {
  if (!FRAGMENT_TAG_NAMES.includes(node.tagName)) {
    // The sanitizer already removed these; this keeps the promise if its schema ever changes.
    return DROPPED_TAG_NAMES.includes(node.tagName) ? [] : sanitizeNodes(node.children, baseUrl, insideLink);
  }
  if (node.tagName === "br") return [{ type: "element", tagName: "br", properties: {}, children: [] }];

  if (node.tagName === "a") {
    const children = sanitizeNodes(node.children, baseUrl, true);
    const href = insideLink ? undefined : safeUrl(node.properties["href"], baseUrl);
    if (href === undefined || cleanText(textOf(children)) === "") return children;
    return [{ type: "element", tagName: "a", properties: { href }, children }];
  }

  const children = sanitizeNodes(node.children, baseUrl, insideLink);
  if (children.length === 0) return [];
  return [{ type: "element", tagName: node.tagName, properties: {}, children }];
}

function appendText(nodes: ElementContent[], value: string): void {
  const last = nodes[nodes.length - 1];
  if (last?.type === "text") {
    last.value = collapseWhitespace(last.value + value);
  } else {
    nodes.push({ type: "text", value });
  }
}

// Leading and trailing whitespace and line breaks of a fragment are artefacts of YAML and markup
// layout.
function trimEdges(nodes: ElementContent[]): void {
  trimSide(nodes, "start");
  trimSide(nodes, "end");
}

function trimSide(nodes: ElementContent[], side: "start" | "end"): void {
  while (nodes.length > 0) {
    const index = side === "start" ? 0 : nodes.length - 1;
    const node = nodes[index];
    if (node === undefined) return;
    if (node.type === "text") {
      node.value = side === "start" ? node.value.trimStart() : node.value.trimEnd();
      if (node.value !== "") return;
      nodes.splice(index, 1);
    } else if (node.type === "element" && node.tagName !== "br") {
      trimSide(node.children, side);
      if (node.children.length > 0) return;
      nodes.splice(index, 1);
    } else if (node.type === "element") {
      nodes.splice(index, 1);
    } else {
      return;
    }
  }
}
