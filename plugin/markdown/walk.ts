import type { Element, Root } from "hast";

/**
 * Call `fn` on every element below `node`, in document order. A plain recursive walk: passes that
 * neither replace nodes nor need ancestors pay far less than with unist-util-visit, which builds
 * an ancestor list for every node — it shows on pages holding a directory of thousands of nodes.
 */
export function eachElement(node: Root | Element, fn: (element: Element) => void): void {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    fn(child);
    eachElement(child, fn);
  }
}
