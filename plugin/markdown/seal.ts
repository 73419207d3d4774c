/**
 * Sealing shortcode output: one walk over a copy of the output does what the page steps would do
 * to it (rewrite links, normalize tables) and records what they need from it (ids, in-page links,
 * the last heading). The page steps then pass the output by (see `SealedOutput`), and it joins
 * the page again just before the page is stringified.
 *
 * Only output that does not depend on the page around it is sealed: a heading without an id takes
 * its id from the page's slugger, in document order (when the page gives headings ids), and an iframe takes its title from the
 * heading before it and its wrapper from its parent. Output holding either is left to the page
 * steps, as authored content is.
 */
import type { Element, ElementContent, Root } from "hast";
import type { Position } from "unist";
import { endsInCustomId, headingDepth } from "./headings.js";
import { rewriteLink, type LinkOptions } from "./links.js";
import { normalizeTable, type TableOptions } from "./tables.js";
import { isSealedOutput, sealedOutputType, type SealedAnchor, type SealedOutput } from "./walk.js";

export interface SealOptions extends TableOptions {
  /** How the page rewrites its links. */
  readonly links: LinkOptions;
  /** The shortcode call, reported for links of the output that have no position of their own. */
  readonly position?: Position | undefined;
  /**
   * Whether the page gives headings without an id an id of its own. Without it such a heading
   * needs nothing from the page, and a team page of thousands of headings can be sealed.
   */
  readonly headingIds: boolean;
}

/**
 * Seal `nodes`, the output of one shortcode call. Returns `undefined` when the output needs the
 * page around it (see above). `nodes` are not changed: a shortcode may return cached or frozen
 * nodes.
 */
export function sealOutput(nodes: readonly ElementContent[], options: SealOptions): SealedOutput | undefined {
  const ids: string[] = [];
  const anchors: SealedAnchor[] = [];
  let lastHeading: Element | undefined;
  let headingNesting = 0;
  // An object, not a `let`: set inside `seal`, where the type checker does not follow assignments.
  const found = { needsPage: false };
  const callPlace = options.position?.start;

  // In document order, as the page steps go: a `thead` gives its header cells a scope before the
  // cells themselves are normalized, which decides the order of their attributes.
  function seal(element: Element): void {
    const id = element.properties.id;
    const hasId = typeof id === "string" && id !== "";
    if (hasId) ids.push(id);
    if (element.tagName === "iframe") found.needsPage = true;
    const isHeading = headingDepth(element) !== undefined;
    if (isHeading) {
      // Even without heading ids, the page takes a trailing `{#id}` as the heading's id.
      if (!hasId && (options.headingIds || endsInCustomId(element))) found.needsPage = true;
      if (headingNesting === 0) lastHeading = element;
    }

    rewriteLink(element, options.links);
    const href = element.properties.href;
    if (element.tagName === "a" && typeof href === "string" && href.includes("#")) {
      anchors.push({ href, place: element.position?.start ?? callPlace });
    }
    normalizeTable(element, options);

    if (isHeading) headingNesting++;
    for (const child of element.children) if (child.type === "element") seal(child);
    if (isHeading) headingNesting--;
  }

  // Copied first, whole: a `thead` changes cells two levels down.
  const copies = nodes.map(copy);
  for (const node of copies) if (node.type === "element") seal(node);
  if (found.needsPage) return undefined;
  return { type: sealedOutputType, nodes: copies, ids, anchors, lastHeading };
}

/** A copy of the elements of `node`, to change; text and comments are shared, no step changes them. */
function copy(node: ElementContent): ElementContent {
  if (node.type !== "element") return node;
  return { ...node, properties: { ...node.properties }, children: node.children.map(copy) };
}

/** Put the nodes of every sealed output back in its place, for stringifying the page. */
export function unsealOutputs(tree: Root | Element): void {
  const children: (Root | Element)["children"] = tree.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (child === undefined) break;
    // Sealed outputs are not hast: seen as any node, so the check can tell them apart.
    const node: { type: string } = child;
    if (isSealedOutput(node)) {
      children.splice(index, 1, ...node.nodes);
      index += node.nodes.length - 1;
    } else if (child.type === "element") {
      unsealOutputs(child);
    }
  }
}
