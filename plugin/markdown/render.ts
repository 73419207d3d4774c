import type { Root as MdastRoot } from "mdast";
import rehypeRaw from "rehype-raw";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { Point } from "unist";
import { VFile } from "vfile";
import type { ShortcodeContext, ShortcodeDefinition } from "../../shortcodes/types.js";
import { MarkdownRenderError, pageDiagnostics } from "./errors.js";
import type { RenderedHeading } from "./headings.js";
import { callsHugoShortcode, findTemplateSyntax, mayUseHugoShortcodes, type TemplateSyntax } from "./ownership.js";
import { rewriteHref, samePath, type LinkOptions } from "./links.js";
import {
  createPageRecord,
  rehypeAnchorCheck,
  rehypeHeadingIds,
  rehypeIframes,
  rehypeSealedHtml,
  rehypeShortcodeOutput,
  rehypeTables,
  rehypeToc,
  rehypeUpstreamLinks,
  type UnresolvedAnchor,
} from "./page-steps.js";
import { remarkHugoShortcodes } from "./remark-hugo-shortcodes/index.js";
import { checkShortcodes, createShortcodeRendering, type Registry } from "./shortcodes.js";

export type { UnresolvedAnchor };
import { BoundedMemo } from "../text/memo.js";
import { trimCharacters } from "../text/trim.js";

export interface RenderMarkdownOptions {
  /**
   * Path of the page as the author knows it, used in diagnostics.
   * Default: `"<markdown>"`.
   */
  file?: string;
  /**
   * Lines that precede the Markdown body in the file (front matter and its fences), added to
   * every reported line so positions match the file the author edits.
   * Default: `0`.
   */
  lineOffset?: number;
  /**
   * Shortcodes the page may call, by Hugo name; build it with `createShortcodeRegistry`.
   * Default: none, so every shortcode in the page is reported as unknown.
   */
  shortcodes?: ReadonlyMap<string, ShortcodeDefinition>;
  /** Passed to every shortcode's `render`. Required. */
  context: ShortcodeContext;
  /**
   * URL path of the page, e.g. `/handbook/people-group/learning-and-development/mentor/`.
   * Relative links are resolved against it, and it is always a local path.
   * Default: `"/"`.
   */
  pageUrl?: string;
  /**
   * Where root-relative links to paths this site does not serve are sent: `upstreamUrl + path`.
   * Relative links, in-page links and absolute URLs are never changed. `""` rewrites nothing.
   * Default: `context.upstreamUrl`.
   */
  upstreamUrl?: string;
  /**
   * Whether this site serves a URL path (`/company/team/`); with `upstreamUrl`, links to other
   * root-relative paths go there.
   * Default: only `pageUrl` and `context.teamPageUrl` are local (trailing `/` and `index.html`
   * ignored).
   */
  isLocalPath?: (pathname: string) => boolean;
  /**
   * Give headings without an id Hugo's id (`## Find a mentor` → `find-a-mentor`, `{#custom}`
   * kept). Without it, headings keep only the ids written in the page.
   * Default: `true`.
   */
  headingIds?: boolean;
  /**
   * Add a `<nav class="toc" aria-labelledby="…">` listing the page's h2 and h3 headings (those
   * in `RenderedPage.headings`) after the page's first `<h1>`, or first when it has none.
   * Headings then get ids, whatever `headingIds` says.
   * Default: `true`.
   */
  toc?: boolean;
  /**
   * Heading of the table of contents, also its accessible name.
   * Default: `"On this page"`.
   */
  tocTitle?: string;
  /**
   * Mark tables with a row of empty cells `data-fillable` (a form to fill in; see
   * `fillable-table.js`).
   * Default: `true`.
   */
  fillableTables?: boolean;
  /**
   * Fail on in-page links (`#x`) to ids the page lacks. With `false`, such links are returned in
   * `RenderedPage.anchors` instead, for a check against the finished page (whose layout may hold
   * the id).
   * Default: `true`.
   */
  checkAnchors?: boolean;
}

export interface RenderedPage {
  /** HTML of the page body (no `<html>`, `<head>` or layout). */
  readonly html: string;
  /**
   * Headings written in the page (Markdown or raw HTML) in document order, with the ids they got.
   * Headings that shortcodes produce, and the TOC's own, are left out.
   */
  readonly headings: readonly RenderedHeading[];
  /** Every id of the body, shortcode output and the table of contents included. */
  readonly ids: readonly string[];
  /** In-page links to ids the body lacks (only with `checkAnchors: false`). */
  readonly anchors: readonly UnresolvedAnchor[];
  /** Names of the shortcodes the page rendered (`group-by-expertise`, `youtube` …). */
  readonly shortcodes: readonly string[];
  /** Whether a table was marked `data-fillable` (see `fillableTables`). */
  readonly fillable: boolean;
}

// Parsed pages by text, for each shortcode registry (which decides what pairs): in watch mode a
// page is rendered again for every change to the team, while its text rarely changes.
const parsedPages = new WeakMap<ReadonlyMap<string, ShortcodeDefinition>, BoundedMemo<MdastRoot>>();
const PARSED_PAGES_LIMIT = 64;

/** The Markdown syntax tree of a page: a copy, since the steps after parsing change it. */
function parsePage(markdown: string, registry: ReadonlyMap<string, ShortcodeDefinition>): MdastRoot {
  return copyTree(parsedPage(markdown, registry));
}

/** What decides whether a page is one for this pipeline (see `ownership.ts`). */
export interface PageSyntax {
  /** The page calls a Hugo shortcode outside code. */
  readonly callsShortcode: boolean;
  /** The first Liquid/Nunjucks tag outside code, its line counted from the body's start. */
  readonly templateSyntax: TemplateSyntax | undefined;
}

/**
 * Read a page's syntax without rendering it. The parse is kept, so rendering the page afterwards
 * does not parse it again. A page that cannot call a shortcode is not parsed unless `complete`
 * asks for its template syntax too (a page rendered here for another reason).
 */
export function inspectPage(markdown: string, shortcodes: ReadonlyMap<string, ShortcodeDefinition>, complete = false): PageSyntax {
  if (!complete && !mayUseHugoShortcodes(markdown)) return { callsShortcode: false, templateSyntax: undefined };
  const tree = parsedPage(markdown, shortcodes);
  return { callsShortcode: callsHugoShortcode(tree), templateSyntax: findTemplateSyntax(tree, markdown) };
}

/** The shared parse of a page: never to be changed. */
function parsedPage(markdown: string, registry: ReadonlyMap<string, ShortcodeDefinition>): MdastRoot {
  let pages = parsedPages.get(registry);
  if (pages === undefined) {
    pages = new BoundedMemo(PARSED_PAGES_LIMIT);
    parsedPages.set(registry, pages);
  }
  return pages.get(markdown, () =>
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkHugoShortcodes, { isPaired: pairingOf(registry) })
      .parse(markdown),
  );
}

/** Which shortcodes take content, for pairing their tags. */
function pairingOf(registry: ReadonlyMap<string, ShortcodeDefinition>): (name: string) => boolean | undefined {
  return (name) => registry.get(name)?.paired;
}

/**
 * A deep copy that keeps prototypes (shortcode arguments are null-prototype maps) and shares what
 * is frozen, which no step can change.
 */
function copyTree<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return value.map(copyTree) as T;
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = copyTree((value as Record<string, unknown>)[key]);
  return copy as T;
}

/**
 * Render a handbook page body (front matter already removed) to HTML.
 *
 * Synchronous: every step of the pipeline is. Shortcodes render to hast, so their arguments are
 * escaped by construction; raw HTML written in the page is kept (authors are trusted, as in Hugo).
 *
 * @throws {MarkdownRenderError} listing every problem of the page (unknown or misused shortcodes,
 *   unclosed pairs, stray closing tags, unreadable tags, links to ids the page lacks).
 */
export function renderMarkdown(markdown: string, options: RenderMarkdownOptions): RenderedPage {
  const file = options.file ?? "<markdown>";
  const lineOffset = options.lineOffset ?? 0;
  const registry = options.shortcodes ?? new Map<string, ShortcodeDefinition>();
  const context = options.context;
  const pageUrl = options.pageUrl ?? "/";
  const upstreamUrl = trimCharacters(options.upstreamUrl ?? context.upstreamUrl, "/", "end");
  const isLocalPath =
    options.isLocalPath ??
    ((pathname: string) => samePath(pathname, pageUrl) || (context.teamPageUrl !== "" && samePath(pathname, context.teamPageUrl)));
  const toc = options.toc ?? true;
  const headingIds = toc || (options.headingIds ?? true);
  const tocTitle = options.tocTitle ?? "On this page";
  const fillable = options.fillableTables ?? true;
  const checkAnchors = options.checkAnchors ?? true;

  const record = createPageRecord();
  // Every problem of this render is a message on its file, whichever step finds it.
  const vfile = new VFile({ path: file, value: markdown });

  function describePlace(place: Point | undefined): string {
    return place ? `${file}:${place.line + lineOffset}:${place.column}` : file;
  }

  const links: LinkOptions = { pageUrl, upstreamUrl, isLocalPath };
  const rendering = createShortcodeRendering({ registry, context: pageContext(context, links), file: vfile, describePlace });
  // Output written as HTML took its links from the context: it fits the page unless the page
  // sends links to another upstream than the context resolved them against.
  const fragmentsFit = upstreamUrl === "" || upstreamUrl === trimCharacters(context.upstreamUrl, "/", "end");

  const processor = unified()
    .use(remarkHugoShortcodes, { isPaired: pairingOf(registry) })
    .use(remarkShortcodeCheck, { registry })
    .use(remarkRehype, { allowDangerousHtml: true, handlers: rendering.handlers })
    .use(rehypeRaw)
    .use(rehypeShortcodeOutput, { rendering, record, links, fillable, headingIds, fragmentsFit })
    .use(rehypeIframes, { labels: context.labels })
    .use(rehypeHeadingIds, { record, generate: headingIds })
    .use(rehypeUpstreamLinks, { links })
    .use(rehypeTables, { record, fillable })
    .use(toc ? [[rehypeToc, { record, title: tocTitle }]] : [])
    .use(rehypeAnchorCheck, { record, pageUrl, report: checkAnchors, lineOffset })
    .use(rehypeSealedHtml)
    // The only raw nodes left are sealed shortcode output (rehype-raw parsed the page's own HTML).
    .use(rehypeStringify, { allowDangerousHtml: true });

  const tree = processor.runSync(parsePage(markdown, registry), vfile);
  const result = processor.stringify(tree, vfile);

  if (vfile.messages.length > 0) throw new MarkdownRenderError(pageDiagnostics(vfile, { file, lineOffset }));
  const { headings, ids, anchors, fillable: hasFillable } = record;
  return { html: result, headings, ids, anchors, shortcodes: [...rendering.rendered], fillable: hasFillable };
}

/**
 * The context shortcodes render with on this page: the links to the team and mentoring pages as
 * the page rewrites links, so that output written as HTML needs no rewriting afterwards.
 */
function pageContext(context: ShortcodeContext, links: LinkOptions): ShortcodeContext {
  const { mentoringPageUrl, ...rest } = context;
  return {
    ...rest,
    teamPageUrl: rewriteHref(context.teamPageUrl, links),
    ...(mentoringPageUrl === undefined ? {} : { mentoringPageUrl: rewriteHref(mentoringPageUrl, links) }),
  };
}

/** Unknown shortcodes, and usage lines in the syntax problems of known ones (see `checkShortcodes`). */
function remarkShortcodeCheck(options: { readonly registry: Registry }) {
  return (tree: MdastRoot, file: VFile): void => checkShortcodes(tree, options.registry, file);
}
