import type { Element, ElementContent, Root } from "hast";
import type { Point } from "unist";

/** Node type of `SealedOutput`. */
export const sealedOutputType = "sealedShortcodeOutput";

/** A link of sealed output whose target may be an id of the page. */
export interface SealedAnchor {
  /** The `href`, already rewritten. */
  readonly href: string;
  /** Where the author can fix it: the link's own place, else the shortcode call. */
  readonly place: Point | undefined;
}

/**
 * Shortcode output that is finished except for its place in the page: links rewritten, tables
 * normalized, and what the page steps need from it recorded. It stands in the tree for its nodes
 * until the page is stringified. Its nodes are not `children`, so tree walks pass it by: a
 * directory of thousands of members is walked once instead of once per page step.
 */
export interface SealedOutput {
  readonly type: typeof sealedOutputType;
  readonly nodes: ElementContent[];
  /** Every `id` in the output, in document order. */
  readonly ids: readonly string[];
  /** Links with a `#`, in document order. */
  readonly anchors: readonly SealedAnchor[];
  /** The last heading of the output (not counting headings inside headings), if any. */
  readonly lastHeading: Element | undefined;
}

export function isSealedOutput(node: { type: string }): node is SealedOutput {
  return node.type === sealedOutputType;
}

/**
 * Call `fn` on every element below `node`, in document order, and `onSealed` on every sealed
 * output, which is not entered. A plain recursive walk: passes that neither replace nodes nor need
 * ancestors pay far less than with unist-util-visit, which builds an ancestor list for every node.
 */
export function eachElement(node: Root | Element, fn: (element: Element) => void, onSealed?: (output: SealedOutput) => void): void {
  for (const child of node.children) {
    if (child.type === "element") {
      fn(child);
      eachElement(child, fn, onSealed);
    } else if (onSealed) {
      // Sealed outputs are not hast: seen as any node, so the check can tell them apart.
      const node: { type: string } = child;
      if (isSealedOutput(node)) onSealed(node);
    }
  }
}
