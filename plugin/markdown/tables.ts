/**
 * GFM tables as remark-rehype emits them carry `align` (obsolete in HTML) and header cells
 * without `scope`; fix both so tables validate and read well in screen readers.
 */
import type { Element, Root } from "hast";
import { toText } from "hast-util-to-text";
import { visit } from "unist-util-visit";
import { eachElement } from "./walk.js";

export interface TableOptions {
  /** Mark tables with a row of empty cells `data-fillable`. */
  readonly fillable: boolean;
}

/**
 * Normalize every table of the tree; sealed shortcode output was normalized when sealed. Returns
 * whether a table of the page was marked fillable (the page then needs the fill-in script).
 */
export function normalizeTables(tree: Root, options: TableOptions): boolean {
  let fillable = false;
  eachElement(tree, (node) => {
    normalizeTable(node, options);
    if (node.tagName === "table" && node.properties.dataFillable !== undefined) fillable = true;
  });
  return fillable;
}

/**
 * The part of `normalizeTables` for one element. Call it in document order: a `thead` gives its
 * header cells their scope before the cells are handled, which decides the order of attributes.
 */
export function normalizeTable(node: Element, options: TableOptions): void {
  if (options.fillable && node.tagName === "table" && hasEmptyRow(node)) {
    // A row of empty cells is a form to fill in ("fill in each empty space"): the page script
    // may turn those cells into text areas; without it the table stays as written.
    node.properties.dataFillable = "";
  }
  if (node.tagName === "thead") {
    for (const row of node.children) {
      if (row.type !== "element" || row.tagName !== "tr") continue;
      for (const cell of row.children) {
        if (cell.type === "element" && cell.tagName === "th" && cell.properties.scope === undefined) {
          cell.properties.scope = "col";
        }
      }
    }
    return;
  }

  if (node.tagName !== "th" && node.tagName !== "td") return;
  const align = node.properties.align;
  if (typeof align !== "string") return;
  delete node.properties.align;
  // A class, not `style`: inline styles are blocked by strict CSP and by our HTML lint.
  const className = Array.isArray(node.properties.className) ? node.properties.className : [];
  node.properties.className = [...className, `align-${align}`];
}

/**
 * Wrap each Markdown table in a focusable, labelled scroll container, so a table wider than a
 * phone screen scrolls inside its own box (reachable by keyboard) instead of widening the page.
 * The label is the nearest heading above the table, numbered when a heading has several tables
 * (landmark names must be unique). Tables a shortcode made (`generated`) bring their own container.
 */
export function wrapTables(tree: Root, generated: ReadonlySet<Element> = new Set()): void {
  let heading = "";
  const seen = new Map<string, number>();
  visit(tree, "element", (node: Element, index, parent) => {
    if (/^h[1-6]$/.test(node.tagName) && !generated.has(node)) {
      heading = toText(node).trim();
      return;
    }
    if (node.tagName !== "table" || generated.has(node) || !parent || index === undefined) return;
    const base = heading ? `Table: ${heading}` : "Table";
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const wrapper: Element = {
      type: "element",
      tagName: "section",
      properties: { className: ["table-scroll"], tabIndex: 0, ariaLabel: n === 1 ? base : `${base} (${n})` },
      children: [node],
    };
    parent.children[index] = wrapper;
    return "skip";
  });
}

function hasEmptyRow(table: Element): boolean {
  const body = table.children.find((c): c is Element => c.type === "element" && c.tagName === "tbody");
  if (!body) return false;
  return body.children.some(
    (row) =>
      row.type === "element" &&
      row.tagName === "tr" &&
      row.children.some((c) => c.type === "element") &&
      row.children.every((c) => c.type !== "element" || toText(c).trim() === ""),
  );
}
