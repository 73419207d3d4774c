/**
 * GFM tables as remark-rehype emits them carry `align` (obsolete in HTML) and header cells
 * without `scope`; fix both so tables validate and read well in screen readers.
 */
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

export function normalizeTables(tree: Root): void {
  visit(tree, "element", (node: Element) => {
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
  });
}
