export { remarkHugoShortcodes, type Options } from "./lib/index.js";
export { hugoShortcodeSyntax } from "./lib/syntax.js";
export { hugoShortcodeFromMarkdown, type HugoShortcodeFromMarkdownOptions } from "./lib/from-markdown.js";
export { hugoShortcodeToMarkdown } from "./lib/to-markdown.js";
export {
  hugoShortcodeHandlers,
  type HugoShortcodeHandlersOptions,
  type HugoShortcodeRenderer,
  type HugoShortcodeRenderers,
} from "./lib/to-hast.js";
export { messageSource, type HugoShortcodeRuleId } from "./lib/problems.js";
export type { IsPaired } from "./lib/pair.js";
export type { HugoShortcode, HugoShortcodeArguments, HugoShortcodeEscaped } from "./lib/types.js";
