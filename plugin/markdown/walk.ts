import type { Element, Root } from "hast";
import type { Raw } from "mdast-util-to-hast";
import type { Point, Position } from "unist";
import type { HtmlFragment } from "../../shortcodes/html-writer.js";

/** A link of sealed output whose target may be an id of the page. */
export interface SealedAnchor {
  /** The `href`, already rewritten. */
  readonly href: string;
  /** Where the author can fix it: the link's own place, else the shortcode call. */
  readonly place: Point | undefined;
}

/** What a sealed output carries for the page steps. */
interface SealedData {
  readonly fragment: HtmlFragment;
  /** In-page links of the output, with the place to report each at. */
  readonly anchors: readonly SealedAnchor[];
  /** Ids the page gave the fragment's headings (`HtmlFragment.headings`), once it has. */
  headingIds?: readonly string[];
}

/**
 * Shortcode output that is finished except for its place in the page: HTML text, links rewritten,
 * tables normalized, and what the page steps need from it recorded. It is a hast `raw` node whose
 * text is written into the page once the page is a string: tree walks pass it by, so a directory
 * of thousands of members is neither a tree nor walked by each page step.
 */
export interface SealedOutput extends Raw {
  data: { sealed: SealedData };
}

/** A sealed output placed at `position` (the shortcode call). */
export function sealedOutput(fragment: HtmlFragment, anchors: readonly SealedAnchor[], position: Position | undefined): SealedOutput {
  const node: SealedOutput = { type: "raw", value: "", data: { sealed: { fragment, anchors } } };
  if (position) node.position = position;
  return node;
}

export function isSealedOutput(node: { type: string; data?: unknown }): node is SealedOutput {
  return node.type === "raw" && typeof node.data === "object" && node.data !== null && "sealed" in node.data;
}

/** Every id of the sealed output, the ids the page gave its headings included. */
export function sealedIds(output: SealedOutput): readonly string[] {
  const { fragment, headingIds } = output.data.sealed;
  return headingIds === undefined || headingIds.length === 0 ? fragment.ids : [...fragment.ids, ...headingIds.filter(Boolean)];
}

/**
 * Call `fn` on every element below `node`, in document order, and `onSealed` on every sealed
 * output. A plain recursive walk: passes that neither replace nodes nor need ancestors pay far
 * less than with unist-util-visit, which builds an ancestor list for every node.
 */
export function eachElement(node: Root | Element, fn: (element: Element) => void, onSealed?: (output: SealedOutput) => void): void {
  for (const child of node.children) {
    if (child.type === "element") {
      fn(child);
      eachElement(child, fn, onSealed);
    } else if (onSealed && isSealedOutput(child)) {
      onSealed(child);
    }
  }
}
