/**
 * Parse an untrusted HTML fragment within a budget. The HTML parser can multiply its input: a
 * formatting tag left open is reopened in every later block, so 10 KB of text can become hundreds
 * of thousands of elements. The parse is stopped as soon as it has made more elements than the
 * budget allows, so its cost stays bounded by the text's length and the budget.
 */
import { plainMarkupTree } from "./plain-markup.js";
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

/**
 * A fragment parsed within its budget, or the part of the budget it went over. `plain` says the
 * tree was read without the HTML parser (see `plainMarkupTree`): text, links, lists, nothing else.
 */
type BudgetedFragment = { readonly tree: Root; readonly plain: boolean } | { readonly over: keyof HtmlBudget; readonly limit: number };

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
  const plain = plainMarkupTree(html, own);
  if (plain !== undefined) return { tree: plain, plain: true };
  try {
    // Positions tell a written link from the copies the parser makes of it (see `parseExpertise`).
    const document = parseFragment(html, { treeAdapter: budgetedAdapter(own), scriptingEnabled: false, sourceCodeLocationInfo: true });
    return { tree: fromParse5(document, { file: new VFile(html) }) as Root, plain: false };
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
  if (countTags(html, safe) <= safe || !mayMultiply(html, budget.depth)) return undefined;
  const parsed = parseFragmentWithin(html, budget);
  return "over" in parsed ? parsed : undefined;
}

/**
 * Elements the parser reopens: a formatting element left open across other tags is made again
 * wherever text follows, and a misnested end tag clones the elements it closes. Plain block and
 * inline elements are never made again.
 */
const FORMATTING = new Set(["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"]);
const PLAIN = new Set([..."abbr br cite dd div dl dt h1 h2 h3 h4 h5 h6 hr kbd li mark ol p q samp span sub sup ul var".split(" ")]);

/** The lower-case tag name that starts at `at` (letters and digits), or "". */
function tagNameAt(html: string, at: number): string {
  let end = at;
  for (let c = html.charCodeAt(end); (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);)
    c = html.charCodeAt(++end);
  return html.slice(at, end).toLowerCase();
}

/**
 * Whether the parser could make more elements of `html` than it has tags, or nest them deeper than
 * `depth`: false when every formatting element holds text only (`<a href="…">Topic</a>`), every other
 * tag is a plain one, and there are fewer start tags than `depth`. Real lists of links are read in
 * one pass then, without the parser; anything else is left to the budgeted parse.
 */
function mayMultiply(html: string, depth: number): boolean {
  let starts = 0;
  for (let at = html.indexOf("<"); at !== -1;) {
    const name = tagNameAt(html, at + 1);
    if (name === "") {
      at = html.indexOf("<", at + 1); // an end tag, a comment or text: nothing is made
      continue;
    }
    const end = html.indexOf(">", at);
    const next = html.indexOf("<", at + 1);
    if (end === -1 || (next !== -1 && next < end) || ++starts >= depth) return true;
    if (FORMATTING.has(name)) {
      // Text only, then its own end tag.
      const close = html.indexOf("<", end + 1);
      if (close === -1 || html.charAt(close + 1) !== "/" || tagNameAt(html, close + 2) !== name) return true;
      at = html.indexOf("<", close + 1);
    } else if (PLAIN.has(name)) at = next;
    else return true;
  }
  return false;
}
