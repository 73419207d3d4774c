/**
 * Shortcode output in either form (`ShortcodeOutput`) as what a caller needs: HTML text for a
 * template, or a tree for a page step that reads the output's text.
 */
import type { ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import rehypeRaw from "rehype-raw";
import { unified } from "unified";
import { fragmentHtml, isHtmlFragment } from "./html-writer.js";
import type { ShortcodeOutput } from "./types.js";

/** The output as HTML; headings of a fragment get no ids (no page is there to give them). */
export function outputHtml(output: ShortcodeOutput): string {
  return isHtmlFragment(output) ? fragmentHtml(output) : toHtml(output);
}

const htmlParser = unified().use(rehypeRaw);

/** The output as hast: a fragment is parsed (rarely needed: output placed inside a paragraph, a heading or a cell). */
export function outputTree(output: ShortcodeOutput): ElementContent[] {
  if (!isHtmlFragment(output)) return output;
  const root = htmlParser.runSync({ type: "root", children: [{ type: "raw", value: fragmentHtml(output) }] });
  return root.children as ElementContent[];
}
