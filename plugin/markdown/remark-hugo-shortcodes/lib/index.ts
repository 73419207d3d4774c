/**
 * remark plugin: Hugo shortcodes in Markdown, read into `hugoShortcode` nodes, written back, and
 * checked, with problems reported on the file.
 */
import type { Root } from "mdast";
import type { Extension as FromMarkdownExtension } from "mdast-util-from-markdown";
import type { Options as ToMarkdownExtension } from "mdast-util-to-markdown";
import type { Extension as MicromarkExtension } from "micromark-util-types";
import type { Processor } from "unified";
import type { VFile } from "vfile";
import { hugoShortcodeFromMarkdown, type HugoShortcodeFromMarkdownOptions } from "./from-markdown.js";
import { reportShortcodeProblems } from "./problems.js";
import { hugoShortcodeSyntax } from "./syntax.js";
import { hugoShortcodeToMarkdown } from "./to-markdown.js";

/** Options of `remarkHugoShortcodes`; see `HugoShortcodeFromMarkdownOptions.isPaired`. */
export type Options = HugoShortcodeFromMarkdownOptions;

// What remark-parse and remark-stringify read from the processor; declared here so that this
// plugin does not need either package's types.
interface ExtensionData {
  micromarkExtensions?: MicromarkExtension[];
  fromMarkdownExtensions?: (FromMarkdownExtension | FromMarkdownExtension[])[];
  toMarkdownExtensions?: ToMarkdownExtension[];
}

/**
 * Add Hugo shortcode syntax to remark: parsing (with remark-parse), writing (with
 * remark-stringify), and a check that reports unreadable tags, unclosed pairs and stray closing
 * tags as messages on the file.
 */
export function remarkHugoShortcodes(this: Processor, options?: Options | null): (tree: Root, file: VFile) => undefined {
  const data = this.data() as ExtensionData;
  (data.micromarkExtensions ??= []).push(hugoShortcodeSyntax());
  (data.fromMarkdownExtensions ??= []).push(hugoShortcodeFromMarkdown(options ?? {}));
  (data.toMarkdownExtensions ??= []).push(hugoShortcodeToMarkdown());
  return (tree, file) => {
    reportShortcodeProblems(tree, file);
  };
}
