/**
 * The last step of a page the plugin rendered, on the HTML file Eleventy is about to write (layout
 * included): the table of contents goes in, and in-page links are checked against every id of the
 * finished page. Done here rather than in the page body so that the table of contents never
 * reaches `templateContent` (feeds), and ids the layout provides (`#main`) count.
 */
import type { Diagnostic } from "../diagnostics/index.js";
import { Problems } from "../diagnostics/problems.js";
import { PAGE_RULES } from "../markdown/page-rules.js";
import { brokenAnchorMessage, type UnresolvedAnchor } from "../markdown/index.js";

/** What a page the plugin rendered still needs when it is written: its table of contents and its anchor check. */
export interface TocAndAnchorCheck {
  /** The page as the plugin rendered it (its `content`, with the table of contents' mark). */
  readonly body: string;
  /** HTML of the table of contents, when the page gets one (and `body` holds its mark, `markTocPlace`). */
  readonly toc: string | undefined;
  /** In-page links whose ids the body lacks. */
  readonly anchors: readonly UnresolvedAnchor[];
  /** Path of the page for messages. */
  readonly file: string;
  /** Whether a layout wraps the body: then the body alone is a fragment, not the page. */
  readonly hasLayout: boolean;
}

/**
 * Whether a transform call is the write of the page itself. Feeds run the transforms over a
 * page's `content` (the `renderTransforms` filter, with the feed's base URL): that is the body
 * alone, which must not get the table of contents, and whose links cannot be checked against the
 * layout's ids.
 */
export function isPageWrite(content: string, pending: TocAndAnchorCheck, baseHref: unknown): boolean {
  if (typeof baseHref === "string" && baseHref !== "") return false;
  return !(pending.hasLayout && content === pending.body);
}

interface CheckedPage {
  readonly html: string;
  /** `broken-anchor` problems, as errors; the caller decides what they do to the build. */
  readonly diagnostics: readonly Diagnostic[];
}

const ID_ATTRIBUTE = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
const ENTITY = /&(amp|lt|gt|quot|apos|#39);/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };

/** Every `id` attribute of an HTML document, decoded. */
function idsOf(html: string): Set<string> {
  const ids = new Set<string>();
  for (const match of html.matchAll(ID_ATTRIBUTE)) {
    ids.add((match[1] ?? match[2] ?? match[3] ?? "").replace(ENTITY, (_, name: string) => ENTITIES[name] ?? _));
  }
  return ids;
}

// Where the body wants its table of contents. A comment survives the transforms that re-serialize
// a page before this one (InputPathToUrl, HtmlBase), where finding the body's text would not.
const TOC_PLACE = "<!--mentor-directory:toc-->";

/** Mark the place of the table of contents: after the body's first `<h1>`, else at its start. */
export function markTocPlace(body: string): string {
  const h1End = body.indexOf("</h1>");
  if (h1End === -1) return TOC_PLACE + body;
  const at = h1End + "</h1>".length;
  return body.slice(0, at) + TOC_PLACE + body.slice(at);
}

/** The page without the mark, for renders that must not get the table of contents (feeds). */
export function withoutTocPlace(html: string): string {
  return html.replace(TOC_PLACE, "");
}

/** Put the table of contents at its mark, when the page has one; then check the in-page links. */
export function addTocAndCheckAnchors(html: string, pending: TocAndAnchorCheck): CheckedPage {
  // A page without a table of contents holds no mark, and is not read for one: a team page is many megabytes.
  const result = pending.toc === undefined ? html : html.replace(TOC_PLACE, `${pending.toc}\n`);
  const problems = new Problems(PAGE_RULES, pending.file);
  if (pending.anchors.length > 0) {
    const ids = idsOf(result);
    for (const anchor of pending.anchors) {
      if (ids.has(anchor.fragment)) continue;
      const { message, hint } = brokenAnchorMessage(anchor.href, anchor.fragment, ids);
      const at = anchor.line === undefined ? {} : { line: anchor.line, column: anchor.column ?? 1 };
      problems.report("broken-anchor", at, message, { hint });
    }
  }
  return { html: result, diagnostics: problems.diagnostics };
}
