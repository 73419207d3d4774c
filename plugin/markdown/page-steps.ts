/**
 * The steps of a page between rehype-raw and the serializer, each a named unified attacher that
 * reports through `file.message`. They share one `PageRecord` (what the page rendered so far), set
 * up by `renderMarkdown`; sealed shortcode output is a hast `raw` node they pass by (see `walk.ts`).
 */
import type { Element, Root } from "hast";
import type { Position } from "unist";
import type { VFile } from "vfile";
import type { ShortcodeOutput } from "../../shortcodes/types.js";
import { outputTree } from "../../shortcodes/output.js";
import { addHeadingIds, collectIds, createSlugger, createToc, insertToc, type RenderedHeading } from "./headings.js";
import { normalizeIframes } from "./iframes.js";
import type { Labels } from "../text/labels.js";
import { brokenAnchorMessage, findBrokenAnchors, rewriteLinks, type LinkOptions } from "./links.js";
import { sealOutput } from "./seal.js";
import { eachElement, type SealedOutput } from "./walk.js";
import { reportOn, type ShortcodeRendering } from "./shortcodes.js";
import { normalizeTables, wrapTables } from "./tables.js";

/** An in-page link whose id is not in the rendered body. */
export interface UnresolvedAnchor {
  readonly href: string;
  /** The id it wants, decoded. */
  readonly fragment: string;
  /** Where it is written, front matter counted; absent for links without a position. */
  readonly line?: number;
  readonly column?: number;
}

/** What the steps learn of the page, for the caller and for the steps after them. */
interface PageRecord {
  /** Shortcode output placed in the tree as nodes (not sealed): the steps treat it as generated. */
  generated: ReadonlySet<Element>;
  headings: RenderedHeading[];
  ids: string[];
  anchors: UnresolvedAnchor[];
  fillable: boolean;
}

export function createPageRecord(): PageRecord {
  return { generated: new Set(), headings: [], ids: [], anchors: [], fillable: false };
}

interface ShortcodeOutputOptions {
  readonly rendering: ShortcodeRendering;
  readonly record: PageRecord;
  readonly links: LinkOptions;
  readonly fillable: boolean;
  readonly headingIds: boolean;
  /** Whether output written as HTML fits the page as it is (its links were written for it). */
  readonly fragmentsFit: boolean;
  /** Told of each sealed output, with the offset of its call. */
  readonly onSealed?: (offset: number, output: SealedOutput) => void;
}

/**
 * Put each shortcode's output in its place: sealed when it stands as a block of its own (walked
 * once, here, and passed by in the steps below), else as nodes the steps treat as generated.
 */
export function rehypeShortcodeOutput(options: ShortcodeOutputOptions) {
  const { rendering, record, onSealed } = options;
  const seal = outputSealer(options);
  return (tree: Root): void => {
    record.generated = rendering.unwrap(tree, (output, position) => {
      const sealed = seal(output, position);
      if (sealed && position?.start.offset !== undefined) onSealed?.(position.start.offset, sealed);
      return sealed;
    });
  };
}

/** How the page seals one shortcode output placed at `position` (see `sealOutput`). */
export function outputSealer(
  options: Pick<ShortcodeOutputOptions, "links" | "fillable" | "headingIds" | "fragmentsFit">,
): (output: ShortcodeOutput, position: Position | undefined) => SealedOutput | undefined {
  const { links, fillable, headingIds, fragmentsFit } = options;
  return (output, position) => sealOutput(fragmentsFit ? output : outputTree(output), { links, fillable, position, headingIds });
}

/** Iframes get a title (in the page's words), lazy loading and a 16:9 wrapper (see `normalizeIframes`). */
export function rehypeIframes(options: { readonly labels?: Labels | undefined }) {
  return (tree: Root): void => normalizeIframes(tree, options.labels);
}

/** Hugo's heading ids (or only those the author wrote, without `generate`), and the page's headings. */
export function rehypeHeadingIds(options: { readonly record: PageRecord; readonly generate: boolean }) {
  return (tree: Root): void => {
    options.record.headings = addHeadingIds(tree, options.record.generated, options.generate);
  };
}

/** Root-relative links to pages the site lacks go to the upstream handbook. */
export function rehypeUpstreamLinks(options: { readonly links: LinkOptions }) {
  return (tree: Root): void => {
    if (options.links.upstreamUrl !== "") rewriteLinks(tree, options.links);
  };
}

/** Tables get header scopes, captions' landmarks and, when asked, the fill-in mark. */
export function rehypeTables(options: { readonly record: PageRecord; readonly fillable: boolean }) {
  return (tree: Root): void => {
    options.record.fillable = normalizeTables(tree, { fillable: options.fillable });
    wrapTables(tree, options.record.generated);
  };
}

/** The table of contents after the first `<h1>`, titled `title` (with an id no other element has). */
export function rehypeToc(options: { readonly record: PageRecord; readonly title: string }) {
  return (tree: Root): void => {
    const slugger = createSlugger(collectIds(tree));
    const nav = createToc(options.record.headings, { title: options.title, titleId: slugger.slug(options.title) });
    if (nav) insertToc(tree, nav);
  };
}

interface AnchorCheckOptions {
  readonly record: PageRecord;
  readonly pageUrl: string;
  /** Report broken in-page links as problems; otherwise they are recorded for a later check. */
  readonly report: boolean;
  /** Lines before the body in the file (front matter), for recorded places. */
  readonly lineOffset: number;
}

/** Last, over the final tree: in-page links against every id (shortcode output and the TOC's count). */
export function rehypeAnchorCheck(options: AnchorCheckOptions) {
  const { record, pageUrl, report, lineOffset } = options;
  return (tree: Root, file: VFile): void => {
    record.ids = collectIds(tree);
    const known = new Set(record.ids);
    for (const broken of findBrokenAnchors(tree, known, pageUrl)) {
      if (!report) {
        const place = broken.place ? { line: broken.place.line + lineOffset, column: broken.place.column } : {};
        record.anchors.push({ href: broken.href, fragment: broken.fragment, ...place });
        continue;
      }
      const message = brokenAnchorMessage(broken.href, broken.fragment, known);
      reportOn(file, broken.place, "broken-anchor", message.message, message.hint);
    }
  };
}

/**
 * Each sealed output's place marked with `marker` in the page's HTML, and the outputs listed in
 * `holes` in document order: their HTML is written between the pieces once the page is a string.
 */
export function rehypeSealedPlaces(options: { readonly marker: string; readonly holes: SealedOutput[] }) {
  return (tree: Root): void => {
    eachElement(
      tree,
      () => undefined,
      (output) => {
        output.value = options.marker;
        options.holes.push(output);
      },
    );
  };
}
