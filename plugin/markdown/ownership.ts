/**
 * Which Markdown pages are written for the plugin's pipeline, and what in them a template engine
 * would have read. A page belongs to the pipeline when it calls a Hugo shortcode outside code;
 * a blog post that only shows `{{< youtube >}}` in a code block stays with its site's engine.
 */
import type { Root } from "mdast";
import type { Point, Position } from "unist";
import { visit } from "unist-util-visit";
import { location } from "vfile-location";

// Cheap first test: most pages of a site never contain the two characters.
const HUGO_OPENER = /\{\{[<%]/;

/** Whether the text could hold a Hugo shortcode; `false` is certain, `true` needs the parse. */
export function mayUseHugoShortcodes(markdown: string): boolean {
  return HUGO_OPENER.test(markdown);
}

/** Whether the parsed page calls a Hugo shortcode (shortcodes in code are text, not calls). */
export function callsHugoShortcode(tree: Root): boolean {
  let found = false;
  visit(tree, "hugoShortcode", () => {
    found = true;
    return false;
  });
  return found;
}

/**
 * Liquid or Nunjucks syntax left in the page once Hugo shortcodes are parsed: `{{ x }}`, `{% x %}`,
 * `{# x #}`, in text, raw HTML and link targets. A Hugo `{#custom-id}` on a heading is not one.
 */
const TEMPLATE_SYNTAX = /\{\{|\{%|\{#[^}\n]*#\}/;

export interface TemplateSyntax {
  /** What was written, shortened for a message. */
  readonly text: string;
  readonly place: Point;
}

/** What decides whether a page is one for this pipeline. */
export interface PageSyntax {
  /** The page calls a Hugo shortcode outside code. */
  readonly callsShortcode: boolean;
  /** The first Liquid/Nunjucks tag outside code, its line counted from the body's start. */
  readonly templateSyntax: TemplateSyntax | undefined;
}

/** The first template-engine tag of the page, outside code, with its place in `source`. */
export function findTemplateSyntax(tree: Root, source: string): TemplateSyntax | undefined {
  let found: TemplateSyntax | undefined;
  visit(tree, (node) => {
    if (found) return false;
    const value =
      node.type === "text" || node.type === "html" || node.type === "hugoShortcodeEscaped"
        ? node.value
        : node.type === "link" || node.type === "image" || node.type === "definition"
          ? node.url
          : undefined;
    if (value === undefined || !node.position) return undefined;
    const match = TEMPLATE_SYNTAX.exec(value);
    if (!match) return undefined;
    const place = node.type === "text" || node.type === "html" ? placeIn(source, node.position, match[0]) : undefined;
    found = { text: snippet(value, match.index), place: place ?? node.position.start };
    return false;
  });
  return found;
}

function snippet(value: string, index: number): string {
  const rest = value.slice(index);
  const end = rest.search(/[}%#]\}/);
  return end === -1 || end > 40 ? `${rest.slice(0, 40)}…` : rest.slice(0, end + 2);
}

/**
 * Where `text` is written within a node. A link's URL does not start where the node does, and
 * text may be written with escapes: the node's start is then the best place there is.
 */
function placeIn(source: string, position: Position, text: string): Point | undefined {
  const start = position.start.offset;
  const end = position.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const index = source.slice(start, end).indexOf(text);
  if (index === -1) return undefined;
  const point = location(source).toPoint(start + index);
  return point ? { line: point.line, column: point.column } : undefined;
}
