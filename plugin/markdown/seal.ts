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
import type { Element, ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import type { Position } from "unist";
import { isHtmlFragment, type HtmlFragment } from "../../shortcodes/html-writer.js";
import type { ShortcodeOutput } from "../../shortcodes/types.js";
import { headingRank } from "hast-util-heading-rank";
import { endsInCustomId } from "./headings.js";
import { rewriteLink, type LinkOptions } from "./links.js";
import { normalizeTable, type TableOptions } from "./tables.js";
import { sealedOutput, type SealedAnchor, type SealedOutput } from "./walk.js";

interface SealOptions extends TableOptions {
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
 * Seal the output of one shortcode call. An `HtmlFragment` is finished by construction (its links
 * were written for the page, its headings take the page's ids through the fragment); a tree is
 * walked once and serialized, or `undefined` is returned when it needs the page around it (see
 * above). Trees are not changed: a shortcode may return cached or frozen nodes.
 */
export function sealOutput(output: ShortcodeOutput, options: SealOptions): SealedOutput | undefined {
  if (isHtmlFragment(output)) {
    const place = options.position?.start;
    return sealedOutput(
      output,
      output.anchors.map((href) => ({ href, place })),
      options.position,
    );
  }
  return sealTree(output, options);
}

function sealTree(nodes: readonly ElementContent[], options: SealOptions): SealedOutput | undefined {
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
    const isHeading = headingRank(element) !== undefined;
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
  const fragment: HtmlFragment = {
    type: "htmlFragment",
    chunks: [toHtml(copies)],
    holes: [],
    headings: [],
    ids,
    anchors: anchors.map((anchor) => anchor.href),
    lastHeading: lastHeading ? toText(lastHeading).trim() : undefined,
  };
  return sealedOutput(fragment, anchors, options.position);
}

/** A copy of the elements of `node`, to change; text and comments are shared, no step changes them. */
function copy(node: ElementContent): ElementContent {
  if (node.type !== "element") return node;
  return { ...node, properties: { ...node.properties }, children: node.children.map(copy) };
}
