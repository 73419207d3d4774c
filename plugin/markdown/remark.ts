import type { Processor } from "unified";
import { hugoShortcodeFromMarkdown, type HugoShortcodeFromMarkdownOptions } from "./mdast.js";
import { hugoShortcodeSyntax } from "./syntax.js";

export type RemarkHugoShortcodesOptions = HugoShortcodeFromMarkdownOptions;

/**
 * Remark plugin: parse Hugo shortcodes into `hugoShortcode` nodes.
 *
 * Turning them into HTML is the job of a remark-rehype handler (see `render.ts`).
 */
export function remarkHugoShortcodes(
  this: Processor,
  options: RemarkHugoShortcodesOptions = {},
): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(hugoShortcodeSyntax());
  (data.fromMarkdownExtensions ??= []).push(hugoShortcodeFromMarkdown(options));
}
