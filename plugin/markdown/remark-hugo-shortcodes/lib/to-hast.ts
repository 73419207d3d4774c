/**
 * mdast-util-to-hast (remark-rehype) handlers: each shortcode is rendered by the renderer
 * registered under its name, to hast, so arguments reach the page escaped by construction.
 */
import type { ElementContent } from "hast";
import type { Parents, RootContent } from "mdast";
import type { Handlers, State } from "mdast-util-to-hast";
import { closingTag, openingTag } from "./to-markdown.js";
import type { HugoShortcode, HugoShortcodeEscaped } from "./types.js";

/**
 * Render one call. `children` is the rendered content of a paired call (block content is wrapped
 * in line endings as remark-rehype does for blocks), `undefined` for other calls.
 */
export type HugoShortcodeRenderer = (node: HugoShortcode, children: ElementContent[] | undefined, state: State) => ElementContent[];

/** Renderers by shortcode name. */
export type HugoShortcodeRenderers = ReadonlyMap<string, HugoShortcodeRenderer> | Readonly<Record<string, HugoShortcodeRenderer>>;

export interface HugoShortcodeHandlersOptions {
  /**
   * Renderers by shortcode name.
   * Default: none, so every call goes to `fallback`.
   */
  renderers?: HugoShortcodeRenderers | null | undefined;
  /**
   * Renders what no renderer can: a name without a renderer, a stray closing tag, an opening tag
   * whose shortcode takes content but was never closed.
   * Default: the tags as written, as text (in a `<p>` at block level), so that nothing vanishes
   * unseen.
   */
  fallback?: HugoShortcodeRenderer | null | undefined;
}

// What a paired shortcode's content holds when it is a run of blocks rather than phrasing.
const blockTypes = new Set<string>([
  "blockquote",
  "code",
  "definition",
  "footnoteDefinition",
  "heading",
  "html",
  "hugoShortcode",
  "list",
  "paragraph",
  "table",
  "thematicBreak",
]);

const flowParents = new Set<string>(["root", "blockquote", "listItem", "footnoteDefinition"]);

/** Create the handlers to pass to remark-rehype (`handlers`) or mdast-util-to-hast. */
export function hugoShortcodeHandlers(options: HugoShortcodeHandlersOptions = {}): Handlers {
  const { renderers, fallback } = options;

  return { hugoShortcode, hugoShortcodeEscaped };

  function hugoShortcode(state: State, node: HugoShortcode, parent: Parents | undefined): ElementContent[] {
    const render = node.tag === "close" || node.unclosed ? undefined : lookup(renderers, node.name);
    const children = node.tag === "paired" ? content(state, node) : undefined;
    if (render) return render(node, children, state);
    if (fallback) return fallback(node, children, state);
    return asText(node, children, parent !== undefined && isFlowParent(parent));
  }
}

function hugoShortcodeEscaped(_state: State, node: HugoShortcodeEscaped): ElementContent {
  return { type: "text", value: node.value };
}

function content(state: State, node: HugoShortcode): ElementContent[] {
  const converted = state.all(node);
  return hasBlocks(node) ? state.wrap(converted, true) : converted;
}

function hasBlocks(node: HugoShortcode): boolean {
  return node.children.some((child: RootContent) => blockTypes.has(child.type));
}

function isFlowParent(parent: Parents): boolean {
  return parent.type === "hugoShortcode" ? hasBlocks(parent) : flowParents.has(parent.type);
}

function lookup(renderers: HugoShortcodeRenderers | null | undefined, name: string): HugoShortcodeRenderer | undefined {
  if (!renderers) return undefined;
  if (renderers instanceof Map) return (renderers as ReadonlyMap<string, HugoShortcodeRenderer>).get(name);
  const record = renderers as Readonly<Record<string, HugoShortcodeRenderer>>;
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** The default fallback: the tags as written, around the rendered content of a pair. */
function asText(node: HugoShortcode, children: ElementContent[] | undefined, block: boolean): ElementContent[] {
  const tag = (value: string): ElementContent =>
    block ? { type: "element", tagName: "p", properties: {}, children: [{ type: "text", value }] } : { type: "text", value };
  if (node.tag === "close") return [tag(closingTag(node))];
  if (node.tag !== "paired") return [tag(openingTag(node))];
  // At block level the tags are blocks of their own: the content's outer line endings go.
  const content = block ? trimLineEndings(children ?? []) : (children ?? []);
  return [tag(openingTag(node)), ...content, tag(closingTag(node))];
}

function trimLineEndings(nodes: ElementContent[]): ElementContent[] {
  const isLineEnding = (node: ElementContent | undefined) => node?.type === "text" && node.value === "\n";
  const start = isLineEnding(nodes[0]) ? 1 : 0;
  const end = isLineEnding(nodes[nodes.length - 1]) ? nodes.length - 1 : nodes.length;
  return nodes.slice(start, Math.max(start, end));
}
