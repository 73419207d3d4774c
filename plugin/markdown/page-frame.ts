/**
 * A page rendered once per text. In watch mode the team changes from build to build and the page
 * around the directory does not, so the HTML around each sealed shortcode output (the frame) is
 * kept with everything the page steps read from outside the page text: the settings, what the site
 * answered about the paths it was asked about, and the ids, headings and in-page links of every
 * output. A later render whose shortcodes give output alike in all of that writes the new output
 * into the kept HTML; anything else renders the page again.
 *
 * Only pages whose shortcode calls render in document order can be replayed so: no paired calls
 * (their content is rendered before them) and no footnotes (converted after the rest of the page).
 * A frame holds its page's calls and syntax too, so that it can stand for the page in another
 * process without the page being parsed (see `frameText`).
 */
import type { Root as MdastRoot } from "mdast";
import type { Point, Position } from "unist";
import { visit } from "unist-util-visit";
import { AppendList } from "../../shortcodes/append-list.js";
import { appendFragment } from "../../shortcodes/html-writer.js";
import type { ShortcodeContext, ShortcodeDefinition, ShortcodeOutput } from "../../shortcodes/types.js";
import type { HugoShortcodeArguments } from "./remark-hugo-shortcodes/index.js";
import type { PageSyntax } from "./ownership.js";
import type { Registry } from "./shortcodes.js";
import type { Root } from "hast";
import { collectIds } from "./headings.js";
import { listDigest } from "../text/hash.js";
import { sameCounts, sameStrings } from "../text/same-lists.js";
import { isSealedOutput, sealedIds, type SealedOutput } from "./walk.js";

/** A shortcode call of a page that a frame can replay, with the place the call is written. */
export interface FrameCall {
  readonly name: string;
  readonly arguments: HugoShortcodeArguments;
  readonly position: Position;
}

/** Seals one output as the page's shortcode step does, or `undefined` where the page needs it as nodes. */
type Seal = (output: ShortcodeOutput, position: Position) => SealedOutput | undefined;

/**
 * What the page steps read of a sealed output: its HTML may change, these may not. Its ids, the
 * texts of its headings and its in-page links are kept as digests of each list in document order.
 * The steps read ids and links as sets (reserved ids, the anchor check), so in the process that
 * rendered the page, where the lists themselves are at hand (`keptLists`), a card moved within the
 * output (a member renamed) changes neither, unless a link of the output was unresolved (the page
 * reports those in document order).
 */
interface SealedShape {
  readonly ids: string;
  readonly headings: string;
  /** The in-page links: their `href`s when they share one place (`places`), else `href line:column` each. */
  readonly anchors: string;
  /** Where the anchor check reports the links, when they share one place (output written as HTML). */
  readonly places: string;
  readonly lastHeading: string | undefined;
}

/** What a shape's digests stand for. */
interface ShapeLists {
  readonly ids: readonly string[];
  readonly headings: readonly string[];
  readonly anchors: readonly string[];
  readonly places: string;
  readonly lastHeading: string | undefined;
}

/** The lists of the shapes of frames made in this process; not kept between processes. */
const keptLists = new WeakMap<SealedShape, ShapeLists>();

/** One call as the frame saw it: sealed (a hole in the frame), or written into the frame. */
type CallShape = { readonly sealed: SealedShape } | { readonly written: string };

/** What a render found besides its HTML and ids (the other fields of `RenderedPage`). */
interface PageFacts {
  readonly headings: readonly { readonly depth: number; readonly id: string; readonly text: string }[];
  readonly anchors: readonly { readonly href: string; readonly fragment: string; readonly line?: number; readonly column?: number }[];
  readonly shortcodes: readonly string[];
  readonly fillable: boolean;
}

export interface PageFrame {
  /** The page's calls, as `frameCalls` found them. */
  readonly calls: readonly FrameCall[];
  /** What `inspectPage` tells of the page. */
  readonly syntax: PageSyntax;
  /** The render's settings, as a key (`PageSettings.key` in `render.ts`). */
  readonly settings: string;
  /** Each path the render asked the site about, with the answer. */
  readonly paths: ReadonlyMap<string, boolean>;
  /** Each call as the render saw it. */
  readonly shapes: readonly CallShape[];
  /** The page's HTML between its sealed outputs: one more piece than outputs. */
  readonly pieces: readonly string[];
  /** The ids the page gave each sealed output's headings. */
  readonly holeHeadingIds: readonly (readonly string[] | undefined)[];
  /** The ids of the page's own elements before, between and after its sealed outputs. */
  readonly gapIds: readonly (readonly string[])[];
  /**
   * Whether the page gives the outputs' headings ids (from their text, in document order, with the
   * page's own): then a heading's text is part of the frame, else only what the output writes.
   */
  readonly headingIds: boolean;
  /** Whether an in-page link of an output was unresolved: the page lists those in document order. */
  readonly outputLinkUnresolved: boolean;
  readonly facts: PageFacts;
}

/**
 * The calls of a page, in document order, when a frame can stand for the page: every call is of
 * a known shortcode that takes no content, and the page has no footnotes. Otherwise `undefined`.
 */
export function frameCalls(tree: MdastRoot, registry: Registry): FrameCall[] | undefined {
  const calls: FrameCall[] = [];
  // An object, not a `let`: set inside the visitor, where the type checker does not follow assignments.
  const found = { replayable: true };
  visit(tree, (node) => {
    if (node.type === "footnoteDefinition") found.replayable = false;
    if (node.type !== "hugoShortcode") return;
    const position = node.position;
    const plain = node.tag === "open" || node.tag === "self-closing";
    if (!plain || node.unclosed || position === undefined || registry.get(node.name)?.paired !== false) found.replayable = false;
    else calls.push({ name: node.name, arguments: node.arguments, position });
  });
  return found.replayable ? calls : undefined;
}

/**
 * Each call's output, rendered once for this render: the frame is checked against them and, if it
 * does not fit, the full render is given them (`replaying`). `undefined` when a call throws: the
 * full render calls it again and reports the problem where it belongs.
 */
export function renderCalls(calls: readonly FrameCall[], registry: Registry, context: ShortcodeContext): ShortcodeOutput[] | undefined {
  try {
    return calls.map((call) => (registry.get(call.name) as ShortcodeDefinition).render(call.arguments, context, undefined));
  } catch {
    return undefined;
  }
}

/**
 * The registry with each definition giving the output already rendered for its call, in document
 * order; a call that does not match the next rendered one (name or arguments) is rendered anew.
 */
export function replaying(registry: Registry, calls: readonly FrameCall[], outputs: readonly ShortcodeOutput[]): Registry {
  let next = 0;
  const replayed = new Map<string, ShortcodeDefinition>();
  for (const [name, definition] of registry) {
    replayed.set(name, {
      ...definition,
      render(args, context, children) {
        const call = calls[next];
        const output = outputs[next];
        next += 1;
        const same = call?.name === name && JSON.stringify(call.arguments) === JSON.stringify(args);
        return same && output !== undefined ? output : definition.render(args, context, children);
      },
    });
  }
  return replayed;
}

/** `isLocalPath` that writes down each path it is asked about, with the answer, into `paths`. */
export function recordingPaths(isLocalPath: (pathname: string) => boolean, paths: Map<string, boolean>): (pathname: string) => boolean {
  return (pathname) => {
    const answer = isLocalPath(pathname);
    paths.set(pathname, answer);
    return answer;
  };
}

function listsOf(output: SealedOutput): ShapeLists {
  const { fragment, anchors } = output.data.sealed;
  const where = (place: Point | undefined): string => `${place?.line ?? ""}:${place?.column ?? ""}`;
  const first = anchors[0]?.place;
  const shared = anchors.every((anchor) => anchor.place === first);
  return {
    ids: fragment.ids,
    headings: fragment.headings,
    anchors: anchors.map((anchor) => (shared ? anchor.href : `${anchor.href} ${where(anchor.place)}`)),
    places: shared ? where(first) : "",
    lastHeading: fragment.lastHeading,
  };
}

function shapeOf(output: SealedOutput): SealedShape {
  const lists = listsOf(output);
  const { places, lastHeading } = lists;
  const shape = {
    ids: listDigest(lists.ids),
    headings: listDigest(lists.headings),
    anchors: listDigest(lists.anchors),
    places,
    lastHeading,
  };
  keptLists.set(shape, lists);
  return shape;
}

function sameShape(kept: SealedShape, output: SealedOutput, how: { readonly inAnyOrder: boolean; readonly headings: boolean }): boolean {
  const now = listsOf(output);
  if (kept.lastHeading !== now.lastHeading || kept.places !== now.places) return false;
  const lists = keptLists.get(kept);
  if (lists === undefined) {
    const same =
      (!how.headings || kept.headings === listDigest(now.headings)) &&
      kept.ids === listDigest(now.ids) &&
      kept.anchors === listDigest(now.anchors);
    // A frame read from another process fits these lists: the next render in this one (watch mode)
    // compares lists, not digests of every id again (headings only where the frame compares them).
    if (same) keptLists.set(kept, now);
    return same;
  }
  const same = how.inAnyOrder ? sameCounts : sameStrings;
  return (!how.headings || sameStrings(lists.headings, now.headings)) && same(lists.ids, now.ids) && same(lists.anchors, now.anchors);
}

/** The ids of the page's own elements before, between and after its sealed outputs, or `undefined` if one is not at the top. */
export function gapIdsOf(tree: Root, holes: readonly SealedOutput[]): string[][] | undefined {
  const gaps: string[][] = [[]];
  for (const child of tree.children) {
    if (isSealedOutput(child)) gaps.push([]);
    else if (child.type === "element") (gaps.at(-1) as string[]).push(...collectIds({ type: "root", children: [child] }));
  }
  return gaps.length === holes.length + 1 ? gaps : undefined;
}

/**
 * The page's HTML: the pieces of its frame with each sealed output's HTML (with the ids the page gave
 * its headings) between them, joined once.
 */
function joined(pieces: readonly string[], outputs: readonly SealedOutput[]): string {
  const parts = new AppendList<string>();
  parts.push(pieces[0] ?? "");
  outputs.forEach((output, index) => {
    appendFragment(parts, output.data.sealed.fragment, output.data.sealed.headingIds);
    parts.push(pieces[index + 1] ?? "");
  });
  return parts.items().join("");
}

interface FrameParts {
  readonly syntax: PageSyntax;
  readonly settings: string;
  readonly paths: ReadonlyMap<string, boolean>;
  readonly calls: readonly FrameCall[];
  readonly outputs: readonly ShortcodeOutput[];
  /** The sealed output of each call the page sealed, by the call's offset. */
  readonly sealed: ReadonlyMap<number, SealedOutput>;
  /** The page as written with `marker` where each sealed output goes, in document order. */
  readonly marked: string;
  readonly marker: string;
  readonly holes: readonly SealedOutput[];
  /** Whether the page gave headings ids of its own (see `PageFrame.headingIds`). */
  readonly headingIds: boolean;
  /** See `gapIdsOf`; `undefined` keeps no frame. */
  readonly gapIds: readonly (readonly string[])[] | undefined;
  readonly facts: PageFacts;
}

/** The frame of a page just rendered (none without `gapIds`), and its HTML. */
export function framePage(parts: FrameParts): { frame: PageFrame | undefined; html: string } {
  const pieces = parts.marked.split(parts.marker);
  if (pieces.length !== parts.holes.length + 1)
    throw new Error(`the page's HTML has ${pieces.length - 1} places for ${parts.holes.length} outputs`);
  const html = joined(pieces, parts.holes);
  if (parts.gapIds === undefined) return { frame: undefined, html };
  // Digests of every output's lists: only for a frame that is kept.
  const shapes = parts.calls.map((call, index): CallShape => {
    const sealed = parts.sealed.get(call.position.start.offset ?? -1);
    return sealed ? { sealed: shapeOf(sealed) } : { written: JSON.stringify(parts.outputs[index]) };
  });
  const outputHrefs = new Set(parts.holes.flatMap((hole) => hole.data.sealed.anchors.map((anchor) => anchor.href)));
  const { headings, anchors, shortcodes, fillable } = parts.facts;
  const frame: PageFrame = {
    calls: parts.calls,
    syntax: parts.syntax,
    settings: parts.settings,
    paths: new Map(parts.paths),
    shapes,
    pieces,
    holeHeadingIds: parts.holes.map((hole) => hole.data.sealed.headingIds),
    headingIds: parts.headingIds,
    outputLinkUnresolved: parts.facts.anchors.some((anchor) => outputHrefs.has(anchor.href)),
    gapIds: parts.gapIds,
    facts: { headings, anchors, shortcodes, fillable },
  };
  return { frame, html };
}

/**
 * The page's HTML from its frame and this render's outputs, or `undefined` when the frame does not
 * fit them: other settings, another answer about a path, or an output whose ids, headings or links
 * differ (sealed), or that differs at all (written into the frame).
 */
export function replayFrame(
  frame: PageFrame,
  now: {
    readonly settings: string;
    isLocalPath(pathname: string): boolean;
    readonly outputs: readonly ShortcodeOutput[];
    readonly seal: Seal;
  },
): (PageFacts & { ids: string[]; html: string }) | undefined {
  if (frame.settings !== now.settings || frame.shapes.length !== now.outputs.length) return undefined;
  for (const [pathname, answer] of frame.paths) if (now.isLocalPath(pathname) !== answer) return undefined;
  const how = { inAnyOrder: !frame.outputLinkUnresolved, headings: frame.headingIds };
  const holes: SealedOutput[] = [];
  for (const [index, kept] of frame.shapes.entries()) {
    const output = now.outputs[index] as ShortcodeOutput;
    const call = frame.calls[index] as FrameCall;
    if ("written" in kept) {
      if (JSON.stringify(output) !== kept.written) return undefined;
      continue;
    }
    const sealed = now.seal(output, call.position);
    if (sealed === undefined || !sameShape(kept.sealed, sealed, how)) return undefined;
    sealed.data.sealed.headingIds = frame.holeHeadingIds[holes.length];
    holes.push(sealed);
  }
  // The page's ids in document order, as the anchor check listed them: the outputs' own may have moved.
  const ids = [...(frame.gapIds[0] ?? [])];
  holes.forEach((hole, index) => ids.push(...sealedIds(hole), ...(frame.gapIds[index + 1] ?? [])));
  const html = joined(frame.pieces, holes);
  return { ...frame.facts, ids, html };
}

/**
 * The frame as text, to keep between processes. Only a store that gives back exactly what it was
 * given may hold it: the pieces are HTML that goes into the page as it is (see `KeptCards`).
 */
export function frameText(frame: PageFrame): string {
  return JSON.stringify({ ...frame, paths: [...frame.paths] });
}

/**
 * The frame `frameText` wrote, or `undefined` for text of another shape (another version wrote
 * it). Arguments get back the prototype-free maps a parse gives them.
 */
export function frameOfText(text: string): PageFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { paths, calls, shapes, pieces } = value as Partial<Record<keyof PageFrame, unknown>>;
  if (!Array.isArray(paths) || !Array.isArray(calls) || !Array.isArray(shapes) || !Array.isArray(pieces)) return undefined;
  if (calls.length !== shapes.length) return undefined;
  const frame = value as PageFrame;
  const replay = frame.calls.map((call) => ({
    ...call,
    arguments: {
      positional: call.arguments.positional,
      named: Object.assign(Object.create(null) as Record<string, string>, call.arguments.named),
    },
  }));
  // JSON writes a missing list of heading ids as null.
  const holeHeadingIds = frame.holeHeadingIds.map((ids) => ids ?? undefined);
  const syntax = { callsShortcode: frame.syntax.callsShortcode, templateSyntax: frame.syntax.templateSyntax ?? undefined };
  return { ...frame, calls: replay, syntax, paths: new Map(paths as [string, boolean][]), holeHeadingIds };
}
