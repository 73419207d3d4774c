/**
 * Parse an untrusted HTML fragment within a budget. The HTML parser can multiply its input: a
 * formatting tag left open is reopened in every later block, so 10 KB of text can become hundreds
 * of thousands of elements. The parse is stopped as soon as it has made more elements than the
 * budget allows, so its cost stays bounded by the text's length and the budget.
 */
import type { Root } from "hast";
import { fromParse5 } from "hast-util-from-parse5";
import { VFile } from "vfile";
import { defaultTreeAdapter, parseFragment, type DefaultTreeAdapterMap, type TreeAdapter } from "parse5";

/** What one field's HTML may become once parsed. */
export interface HtmlBudget {
  /** Most elements the parsed fragment may hold. */
  readonly elements: number;
  /** Deepest nesting of elements. */
  readonly depth: number;
}

/**
 * Real fields hold a link or a list of a few dozen links: a few hundred elements at most, four
 * levels deep. Twice the tag limit of a field leaves room for the elements a parser adds; the
 * renderers walk the tree recursively, and 64 levels is far from exhausting their stack.
 */
export const HTML_BUDGET: HtmlBudget = Object.freeze({ elements: 2000, depth: 64 });

/**
 * Elements a parser may add to what was written (`<tbody>` in a table, a list item's implied end)
 * before a fragment counts as multiplied: well-formed or merely sloppy markup makes about one
 * element per tag.
 */
const ADDED_ELEMENTS = 64;

/** A fragment parsed within its budget, or the part of the budget it went over. */
export type BudgetedFragment = { readonly tree: Root } | { readonly over: keyof HtmlBudget; readonly limit: number };

class OverBudget extends Error {
  constructor(readonly over: keyof HtmlBudget) {
    super(over);
  }
}

/**
 * The default tree adapter, stopping the parse as soon as it has made more than `elements` elements
 * or placed one deeper than `depth`: the parse costs no more than the budget, whatever the input.
 * Depth is counted where an element is placed; a subtree the parser moves later keeps the depth
 * it was placed at, so the count errs on the deep side only for misnested markup.
 */
function budgetedAdapter(budget: HtmlBudget): TreeAdapter<DefaultTreeAdapterMap> {
  // A fragment is parsed inside two elements of the parser's own (a stand-in document and its
  // root), moved out at the end: they count neither as elements nor as a level.
  let made = -2;
  const depths = new WeakMap<object, number>();
  const place = (parent: object, node: object): void => {
    if (!defaultTreeAdapter.isElementNode(node as DefaultTreeAdapterMap["node"])) return;
    const depth = (depths.get(parent) ?? -1) + 1;
    if (depth > budget.depth) throw new OverBudget("depth");
    depths.set(node, depth);
  };
  return {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      if (++made > budget.elements) throw new OverBudget("elements");
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
    appendChild(parent, node) {
      place(parent, node);
      defaultTreeAdapter.appendChild(parent, node);
    },
    insertBefore(parent, node, reference) {
      place(parent, node);
      defaultTreeAdapter.insertBefore(parent, node, reference);
    },
  };
}

/** How many `<` characters `html` holds, up to `limit + 1` (a bound on its tags), read once. */
function countTags(html: string, limit: number): number {
  let count = 0;
  for (let at = html.indexOf("<"); at !== -1 && count <= limit; at = html.indexOf("<", at + 1)) count += 1;
  return count;
}

/**
 * The budget of one fragment: twice its tags (a tag or two left open and reopened in each item of a
 * list, as real entries have) and what a parser adds, never more than `budget`. Markup that the
 * parser reopens again and again is stopped as soon as it multiplies, not after thousands of elements.
 */
function budgetFor(html: string, budget: HtmlBudget): HtmlBudget {
  return { elements: Math.min(budget.elements, 2 * countTags(html, budget.elements) + ADDED_ELEMENTS), depth: budget.depth };
}

/** Parse `html` as a fragment, stopping when it would make more elements or nest deeper than its budget. */
export function parseFragmentWithin(html: string, budget: HtmlBudget = HTML_BUDGET): BudgetedFragment {
  const own = budgetFor(html, budget);
  try {
    // Positions tell a written link from the copies the parser makes of it (see `parseExpertise`).
    const document = parseFragment(html, { treeAdapter: budgetedAdapter(own), scriptingEnabled: false, sourceCodeLocationInfo: true });
    return { tree: fromParse5(document, { file: new VFile(html) }) as Root };
  } catch (error) {
    if (error instanceof OverBudget) return { over: error.over, limit: own[error.over] };
    throw error;
  }
}

/**
 * The part of its budget that `html` goes over once parsed, if any. Values with so few tags that
 * they cannot go over it are not parsed: most roles are one link.
 */
export function htmlOverBudget(html: string, budget: HtmlBudget = HTML_BUDGET): { over: keyof HtmlBudget; limit: number } | undefined {
  // Each tag reopens at most the tags before it, and a misnested end tag clones at most eight
  // times that many: `tags + 9 × tags²` elements, within both limits up to this count.
  const safe = Math.min(budget.depth, Math.floor(Math.sqrt(ADDED_ELEMENTS / 9)));
  if (countTags(html, safe) <= safe) return undefined;
  const parsed = parseFragmentWithin(html, budget);
  return "over" in parsed ? parsed : undefined;
}
