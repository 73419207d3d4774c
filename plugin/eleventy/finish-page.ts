/**
 * The last step of a page the plugin rendered, on the HTML file Eleventy is about to write (layout
 * included): the table of contents goes in, and in-page links are checked against every id of the
 * finished page. Done here rather than in the page body so that the table of contents never
 * reaches `templateContent` (feeds), and ids the layout provides (`#main`) count.
 */
import type { Diagnostic } from "../diagnostics.js";
import { brokenAnchorMessage, type UnresolvedAnchor } from "../markdown/index.js";

export interface PageFinish {
  /** The page as the plugin rendered it (its `content`). */
  readonly body: string;
  /** HTML of the table of contents, when the page gets one. */
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
export function isPageWrite(content: string, finish: PageFinish, baseHref: unknown): boolean {
  if (typeof baseHref === "string" && baseHref !== "") return false;
  return !(finish.hasLayout && content === finish.body);
}

export interface FinishedPage {
  readonly html: string;
  /** `broken-anchor` problems, as errors; the caller decides what they do to the build. */
  readonly diagnostics: readonly Diagnostic[];
}

const ID_ATTRIBUTE = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
const ENTITY = /&(amp|lt|gt|quot|apos|#39);/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };

/** Every `id` attribute of an HTML document, decoded. */
export function idsOf(html: string): Set<string> {
  const ids = new Set<string>();
  for (const match of html.matchAll(ID_ATTRIBUTE)) {
    ids.add((match[1] ?? match[2] ?? match[3] ?? "").replace(ENTITY, (_, name: string) => ENTITIES[name] ?? _));
  }
  return ids;
}

/**
 * Put the table of contents after the page's first `<h1>` (the layout's or the body's), or at the
 * start of the body when the page has no title; then check the in-page links.
 */
export function finishPage(html: string, finish: PageFinish): FinishedPage {
  let result = html;
  if (finish.toc !== undefined) {
    const h1End = html.indexOf("</h1>");
    const insertAt = h1End !== -1 ? h1End + "</h1>".length : html.indexOf(finish.body);
    if (insertAt !== -1) result = `${html.slice(0, insertAt)}\n${finish.toc}${html.slice(insertAt)}`;
  }
  const diagnostics: Diagnostic[] = [];
  if (finish.anchors.length > 0) {
    const ids = idsOf(result);
    for (const anchor of finish.anchors) {
      if (ids.has(anchor.fragment)) continue;
      const { message, hint } = brokenAnchorMessage(anchor.href, anchor.fragment, ids);
      diagnostics.push({
        file: finish.file,
        severity: "error",
        rule: "broken-anchor",
        message,
        hint,
        ...(anchor.line === undefined ? {} : { line: anchor.line, column: anchor.column ?? 1 }),
      });
    }
  }
  return { html: result, diagnostics };
}
