export {
  renderMarkdown,
  inspectPage,
  type PageSyntax,
  type UnresolvedAnchor,
  type RenderMarkdownOptions,
  type RenderedPage,
} from "./render.js";
export { MarkdownRenderError, formatDiagnostic } from "./errors.js";
export { headingSlug, type RenderedHeading } from "./headings.js";
export { rewriteHref, brokenAnchorMessage, type LinkOptions } from "./links.js";
export { remarkHugoShortcodes, type RemarkHugoShortcodesOptions } from "./remark.js";
export { hugoShortcodeSyntax } from "./syntax.js";
export {
  hugoShortcodeFromMarkdown,
  type HugoShortcode,
  type HugoShortcodeFromMarkdownOptions,
} from "./mdast.js";
export type { TemplateSyntax } from "./ownership.js";
