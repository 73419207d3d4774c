import type { Root as MdastRoot } from "mdast";
import { randomUUID } from "node:crypto";
import rehypeRaw from "rehype-raw";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { Point } from "unist";
import { VFile } from "vfile";
import type { ShortcodeContext, ShortcodeDefinition, ShortcodeOutput } from "../../shortcodes/types.js";
import { wrote } from "../diagnostics/timings.js";
import { ENGLISH, labelsKey } from "../text/labels.js";
import { MarkdownRenderError, pageDiagnostics } from "./errors.js";
import type { RenderedHeading } from "./headings.js";
import { callsHugoShortcode, findTemplateSyntax, mayUseHugoShortcodes, type PageSyntax } from "./ownership.js";
import { rewriteHref, samePath, type LinkOptions } from "./links.js";
import {
  createPageRecord,
  rehypeAnchorCheck,
  rehypeHeadingIds,
  rehypeIframes,
  outputSealer,
  rehypeSealedPlaces,
  rehypeShortcodeOutput,
  rehypeTables,
  rehypeToc,
  rehypeUpstreamLinks,
  type UnresolvedAnchor,
} from "./page-steps.js";
import {
  frameCalls,
  frameOfText,
  framePage,
  frameText,
  gapIdsOf,
  recordingPaths,
  renderCalls,
  replayFrame,
  replaying,
  type FrameCall,
  type PageFrame,
} from "./page-frame.js";
import { remarkHugoShortcodes } from "./remark-hugo-shortcodes/index.js";
import type { PageFrameStore } from "../../shortcodes/kept-cards.js";
import type { SealedOutput } from "./walk.js";
import { checkShortcodes, createShortcodeRendering, type Registry } from "./shortcodes.js";

export type { PageSyntax, UnresolvedAnchor };
import { BoundedMemo } from "../text/memo.js";
import { trimCharacters } from "../text/trim.js";
import { digest } from "../text/hash.js";

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
  /**
   * Where the frames of pages are kept between processes, so that a later process writes a page
   * whose outputs still fit it without parsing or rendering it (see `page-frame.ts`). The store
   * must give back exactly what it was given: the frames hold HTML. Default: frames are kept in
   * memory only.
   */
  frames?: PageFrameStore;
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

// Pages by text, for each shortcode registry (which decides what pairs): in watch mode a page is
// rendered again for every change to the team, while its text rarely changes. Each keeps its parse
// and the frame of its last render (see `page-frame.ts`); a page whose frame came from another
// process (`PageFrameStore`) is parsed only if it must be rendered through every step.
class KeptPage {
  #parsed: MdastRoot | undefined;
  frame: PageFrame | undefined;
  /** Whether the store was asked for the page's frame. */
  asked = false;

  constructor(
    readonly markdown: string,
    readonly registry: ReadonlyMap<string, ShortcodeDefinition>,
  ) {}

  /** The page's syntax tree: never to be changed (the steps after parsing work on a copy). */
  get parsed(): MdastRoot {
    return (this.#parsed ??= unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkHugoShortcodes, { isPaired: pairingOf(this.registry) })
      .parse(this.markdown));
  }

  /** What `inspectPage` tells: from the frame when there is one, else from the parse. */
  get syntax(): PageSyntax {
    if (this.frame !== undefined) return this.frame.syntax;
    return { callsShortcode: callsHugoShortcode(this.parsed), templateSyntax: findTemplateSyntax(this.parsed, this.markdown) };
  }
}

const keptPages = new WeakMap<ReadonlyMap<string, ShortcodeDefinition>, BoundedMemo<KeptPage>>();
const KEPT_PAGES_LIMIT = 64;

/**
 * Read a page's syntax without rendering it. The parse is kept, so rendering the page afterwards
 * does not parse it again. A page that cannot call a shortcode is not parsed unless `complete`
 * asks for its template syntax too (a page rendered here for another reason). A page whose frame
 * `frames` keeps is not parsed.
 */
export function inspectPage(
  markdown: string,
  shortcodes: ReadonlyMap<string, ShortcodeDefinition>,
  complete = false,
  frames?: PageFrameStore,
): PageSyntax {
  if (!complete && !mayUseHugoShortcodes(markdown)) return { callsShortcode: false, templateSyntax: undefined };
  return keptPage(markdown, shortcodes, frames).syntax;
}

/** What is kept of a page's text: its parse, and its last frame (from `frames`, at first). */
function keptPage(markdown: string, registry: ReadonlyMap<string, ShortcodeDefinition>, frames?: PageFrameStore): KeptPage {
  let pages = keptPages.get(registry);
  if (pages === undefined) {
    pages = new BoundedMemo(KEPT_PAGES_LIMIT);
    keptPages.set(registry, pages);
  }
  const page = pages.get(markdown, () => new KeptPage(markdown, registry));
  if (frames && !page.asked) {
    page.asked = true;
    const text = frames.frame(frameKey(page));
    page.frame ??= text === undefined ? undefined : frameOfText(text);
  }
  return page;
}

/** What a page's frame is kept under: its text and what the registry pairs. */
function frameKey(page: KeptPage): string {
  const pairing = [...page.registry.values()].map((definition) => `${definition.name}${definition.paired ? "+" : ""}`);
  return digest([page.markdown, ...pairing]);
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
  const settings = pageSettings(options);
  const registry = options.shortcodes ?? new Map<string, ShortcodeDefinition>();
  const kept = keptPage(markdown, registry, options.frames);
  // A page whose calls can be replayed has them rendered first: its frame is checked against
  // their output, and a full render is given the same output.
  const calls = kept.frame?.calls ?? frameCalls(kept.parsed, registry);
  const outputs = calls && renderCalls(calls, registry, pageContext(settings.context, settings.links));
  const replay = calls && outputs ? { calls, outputs } : undefined;
  if (replay && kept.frame) {
    const page = replayFrame(kept.frame, {
      outputs: replay.outputs,
      settings: settings.key,
      isLocalPath: settings.links.isLocalPath,
      seal: outputSealer(settings),
    });
    if (page !== undefined) return page;
  }
  const { page, frame } = renderPage(kept, settings, replay);
  if (replay && frame) {
    kept.frame = frame;
    options.frames?.keepFrame(frameKey(kept), frameText(frame));
  }
  return page;
}

/** The options of a render with their defaults, and a key of those that shape the page. */
interface PageSettings {
  readonly file: string;
  readonly lineOffset: number;
  readonly context: ShortcodeContext;
  readonly links: LinkOptions;
  readonly toc: boolean;
  readonly headingIds: boolean;
  readonly tocTitle: string;
  readonly fillable: boolean;
  readonly checkAnchors: boolean;
  /** Whether output written as HTML fits the page as it is (see `renderPage`). */
  readonly fragmentsFit: boolean;
  /** Everything above but the context's team and the site's paths, which a frame checks apart. */
  readonly key: string;
}

function pageSettings(options: RenderMarkdownOptions): PageSettings {
  const context = options.context;
  const pageUrl = options.pageUrl ?? "/";
  const upstreamUrl = trimCharacters(options.upstreamUrl ?? context.upstreamUrl, "/", "end");
  const isLocalPath =
    options.isLocalPath ??
    ((pathname: string) => samePath(pathname, pageUrl) || (context.teamPageUrl !== "" && samePath(pathname, context.teamPageUrl)));
  const toc = options.toc ?? true;
  const settings = {
    file: options.file ?? "<markdown>",
    lineOffset: options.lineOffset ?? 0,
    toc,
    headingIds: toc || (options.headingIds ?? true),
    tocTitle: options.tocTitle ?? "On this page",
    fillable: options.fillableTables ?? true,
    checkAnchors: options.checkAnchors ?? true,
    // Output written as HTML took its links from the context: it fits the page unless the page
    // sends links to another upstream than the context resolved them against.
    fragmentsFit: upstreamUrl === "" || upstreamUrl === trimCharacters(context.upstreamUrl, "/", "end"),
  };
  const shaping = [context.teamPageUrl, context.mentoringPageUrl ?? null, labelsKey(context.labels ?? ENGLISH)];
  return {
    ...settings,
    context,
    links: { pageUrl, upstreamUrl, isLocalPath },
    key: JSON.stringify([settings, pageUrl, upstreamUrl, shaping]),
  };
}

/** A render through every step, with the frame that lets a later render of the page skip them. */
function renderPage(
  kept: KeptPage,
  settings: PageSettings,
  replay: { readonly calls: readonly FrameCall[]; readonly outputs: readonly ShortcodeOutput[] } | undefined,
): { page: RenderedPage; frame: PageFrame | undefined } {
  wrote("pages");
  const { markdown, registry } = kept;
  const { file, lineOffset, context } = settings;
  const record = createPageRecord();
  // Every problem of this render is a message on its file, whichever step finds it.
  const vfile = new VFile({ path: file, value: markdown });

  function describePlace(place: Point | undefined): string {
    return place ? `${file}:${place.line + lineOffset}:${place.column}` : file;
  }

  const paths = new Map<string, boolean>();
  const links: LinkOptions = { ...settings.links, isLocalPath: recordingPaths(settings.links.isLocalPath, paths) };
  const rendering = createShortcodeRendering({
    registry: replay ? replaying(registry, replay.calls, replay.outputs) : registry,
    context: pageContext(context, links),
    file: vfile,
    describePlace,
  });
  const sealed = new Map<number, SealedOutput>();
  const holes: SealedOutput[] = [];
  const marker = `mentor-directory-output-place ${randomUUID()} `;

  const processor = unified()
    .use(remarkHugoShortcodes, { isPaired: pairingOf(registry) })
    .use(remarkShortcodeCheck, { registry })
    .use(remarkRehype, { allowDangerousHtml: true, handlers: rendering.handlers })
    .use(rehypeRaw)
    .use(rehypeShortcodeOutput, { ...settings, rendering, record, links, onSealed: (offset, output) => sealed.set(offset, output) })
    .use(rehypeIframes, { labels: context.labels })
    .use(rehypeHeadingIds, { record, generate: settings.headingIds })
    .use(rehypeUpstreamLinks, { links })
    .use(rehypeTables, { record, fillable: settings.fillable })
    .use(settings.toc ? [[rehypeToc, { record, title: settings.tocTitle }]] : [])
    .use(rehypeAnchorCheck, { record, pageUrl: links.pageUrl, report: settings.checkAnchors, lineOffset })
    .use(rehypeSealedPlaces, { marker, holes })
    // The only raw nodes left are sealed shortcode output (rehype-raw parsed the page's own HTML).
    .use(rehypeStringify, { allowDangerousHtml: true });

  const tree = processor.runSync(copyTree(kept.parsed), vfile);
  const marked = processor.stringify(tree, vfile);

  if (vfile.messages.length > 0) throw new MarkdownRenderError(pageDiagnostics(vfile, { file, lineOffset }));
  const { headings, ids, anchors, fillable } = record;
  const facts = { headings, ids, anchors, shortcodes: [...rendering.rendered], fillable };
  const { frame, html } = framePage({
    syntax: kept.syntax,
    settings: settings.key,
    paths,
    calls: replay?.calls ?? [],
    outputs: replay?.outputs ?? [],
    sealed,
    marked,
    marker,
    holes,
    gapIds: gapIdsOf(tree, holes),
    headingIds: settings.headingIds,
    facts,
  });
  return { page: { html, ...facts }, frame };
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
