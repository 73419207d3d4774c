export {
  renderMarkdown,
  inspectPage,
  type PageSyntax,
  type UnresolvedAnchor,
  type RenderMarkdownOptions,
  type RenderedPage,
} from "./render.js";
export { MarkdownRenderError } from "./errors.js";
export { headingSlug, type RenderedHeading } from "./headings.js";
export { rewriteHref, brokenAnchorMessage, type LinkOptions } from "./links.js";
export type { TemplateSyntax } from "./ownership.js";
