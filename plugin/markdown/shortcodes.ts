/**
 * From `hugoShortcode` nodes to problems and to hast: the checks that need the registry, and the
 * remark-rehype handler that calls each definition's `render`.
 */
import { eachElement, type SealedOutput } from "./walk.js";
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from "hast";
import type { Root as MdastRoot, Nodes as MdastNodes } from "mdast";
import type { State } from "mdast-util-to-hast";
import rehypeRaw from "rehype-raw";
import { unified } from "unified";
import type { Point, Position } from "unist";
import { SKIP, visit } from "unist-util-visit";
import {
  ShortcodeUsageError,
  type ShortcodeContext,
  type ShortcodeDefinition,
} from "../../shortcodes/types.js";
import type { HugoShortcode } from "./mdast.js";
import { closestMatch, typoReach } from "../suggest.js";

export type Registry = ReadonlyMap<string, ShortcodeDefinition>;

/** Report a problem at a place of the Markdown body. */
export type Report = (
  place: Point | undefined,
  rule: string,
  message: string,
  hint?: string,
) => void;

function tagText(node: HugoShortcode, closing = false): string {
  const close = node.delimiter === "<" ? ">" : "%";
  return `{{${node.delimiter} ${closing ? "/" : ""}${node.name} ${close}}}`;
}

/** The known shortcodes, as their usage lines, for messages. */
export function knownShortcodes(registry: Registry): string {
  if (registry.size === 0) return "no shortcodes are defined";
  return [...registry.values()].map((definition) => definition.usage).join("; ");
}

function suggestion(name: string, registry: Registry): string | undefined {
  return closestMatch(name, registry.keys(), typoReach(name), { ignoreCase: true });
}

/**
 * Problems visible before rendering: unknown names, unclosed pairs, stray closing tags, and text
 * that looks like a shortcode but did not parse as one (it would otherwise reach readers as
 * `{{<` soup).
 */
export function checkShortcodes(
  tree: MdastRoot,
  registry: Registry,
  source: string,
  report: Report,
): void {
  const locate = createLocator(source);

  visit(tree, (node: MdastNodes) => {
    if (node.type === "hugoShortcode") {
      checkNode(node);
    } else if (node.type === "text" || node.type === "html") {
      scanLeftovers(node.type, node.position);
    }
  });

  function checkNode(node: HugoShortcode): void {
    const place = node.position?.start;
    const definition = registry.get(node.name);

    if (node.tag === "close") {
      if (definition && !definition.paired) {
        report(
          place,
          "shortcode-stray-close",
          `closing tag ${tagText(node, true)}: shortcode "${node.name}" takes no content, so it has no closing tag`,
          `Remove ${tagText(node, true)}. Usage: ${definition.usage}`,
        );
      } else {
        report(
          place,
          "shortcode-stray-close",
          `closing tag ${tagText(node, true)} has no opening ${tagText(node)} before it in the same block`,
          "Put the opening and closing tags in the same block (the page, one list item or one quote), or remove the closing tag.",
        );
      }
      return;
    }

    if (!definition) {
      const near = suggestion(node.name, registry);
      report(
        place,
        "shortcode-unknown",
        `unknown shortcode "${node.name}"; known shortcodes: ${knownShortcodes(registry)}`,
        near
          ? `Did you mean "${near}"?`
          : `Check the spelling, or write {{</* ${node.name} */>}} to show the tag as text.`,
      );
      return;
    }

    if (node.unclosed) {
      report(
        place,
        "shortcode-unclosed",
        `shortcode "${node.name}" takes content but ${tagText(node)} is never closed`,
        `Add ${tagText(node, true)} after its content, in the same block, or write {{${node.delimiter} ${node.name} /${node.delimiter === "<" ? ">" : "%"}}} for no content. Usage: ${definition.usage}`,
      );
    }
  }

  function scanLeftovers(type: "text" | "html", position: Position | undefined): void {
    const start = position?.start.offset;
    const end = position?.end.offset;
    if (start === undefined || end === undefined) return;
    const slice = source.slice(start, end);
    // Escaped forms (`{{</*`) and backslash-escaped braces are deliberate text.
    const pattern = /(?<!\\)\{\{([<%])(?!\/\*)/g;
    for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
      const offset = start + match.index;
      if (type === "html") {
        report(
          locate(offset),
          "shortcode-in-html",
          "shortcodes inside raw HTML blocks are not expanded",
          "Put the shortcode on its own line, outside the HTML block (separated by a blank line).",
        );
      } else {
        report(
          locate(offset),
          "shortcode-syntax",
          `this looks like a shortcode but cannot be read: ${explainMalformed(slice.slice(match.index), match[1] === "%" ? "%" : ">")}`,
          `Write {{< name "text" other=\`raw text\` word >}}; to show a tag as text, write {{</* name */>}}.`,
        );
      }
    }
  }
}

/** A short reason why a `{{<` … text is not a valid tag, for the author. */
export function explainMalformed(text: string, close: ">" | "%"): string {
  const end = text.indexOf(`${close}}}`);
  if (end === -1) return `no closing "${close}}}" in the same paragraph`;
  const inside = text.slice(3, end);
  const closing = /^\s*\//.test(inside);
  const body = inside.trim().replace(/^\/\s*/, "");
  if (!/^[A-Za-z0-9_]/.test(body)) return "the shortcode name is missing or does not start with a letter, digit or `_`";
  if (closing && /^[A-Za-z0-9_-]+\s+\S/.test(body)) return "a closing tag takes no arguments";
  const quotes = inside.replace(/\\./g, "").split('"').length - 1;
  if (quotes % 2 === 1) return "a quoted argument is not closed on its line";
  if ((inside.split("`").length - 1) % 2 === 1) return "a `raw` argument is not closed";
  return 'arguments must be separated by spaces and written as "text", `raw text`, word or name="text"';
}

export interface ShortcodeHandlerOptions {
  registry: Registry;
  context: ShortcodeContext;
  report: Report;
  /** For messages about shortcodes that crash (a bug in the shortcode, not in the page). */
  describePlace: (place: Point | undefined) => string;
}

const blockTypes = new Set<string>([
  "blockquote",
  "code",
  "heading",
  "html",
  "list",
  "paragraph",
  "table",
  "thematicBreak",
  "definition",
  "footnoteDefinition",
  "hugoShortcode",
]);

/**
 * Shortcode output travels through rehype-raw inside this node, which rehype-raw is told to pass
 * through untouched: the output is already a tree, and re-parsing it as HTML would lose what HTML
 * text cannot carry (the content of a `<template>`) and re-nest valid output by parser rules.
 */
export const shortcodeOutputType = "hugoShortcodeOutput";

interface ShortcodeOutput {
  type: typeof shortcodeOutputType;
  // Not the nodes themselves: rehype-raw deep-copies pass-through nodes, which for a directory of
  // thousands of members cost more than the rest of the page. The carrier holds a key instead.
  output: number;
  position?: Position;
}

interface StoredOutput {
  readonly nodes: ElementContent[];
  /** The shortcode call. */
  readonly position: Position | undefined;
}

// Renders are synchronous, so one table serves them all; `unwrapShortcodeOutput` empties it.
const outputs = new Map<number, StoredOutput>();
let nextOutput = 0;

/** Forget outputs of a render that failed before they were unwrapped. */
export function resetShortcodeOutputs(): void {
  outputs.clear();
}

function isShortcodeOutput(node: { type: string }): node is ShortcodeOutput {
  return node.type === shortcodeOutputType;
}

/** Raw HTML in the content of a paired shortcode is parsed before the shortcode sees it. */
const contentParser = unified().use(rehypeRaw, { passThrough: [shortcodeOutputType] });

function hasRaw(nodes: readonly HastContent[]): boolean {
  return nodes.some((node) => node.type === "raw" || ("children" in node && hasRaw(node.children)));
}

/**
 * Seal one output (see `sealOutput`), or return `undefined` to put its nodes in the tree.
 * `position` is the shortcode call.
 */
export type SealShortcodeOutput = (
  nodes: readonly ElementContent[],
  position: Position | undefined,
) => SealedOutput | undefined;

/**
 * Replace output carriers, everywhere in `tree`, by the sealed output when `seal` seals it, else
 * by the nodes they carry. Returns the elements that shortcodes produced and that were not sealed,
 * for steps that treat authored and generated content differently.
 */
export function unwrapShortcodeOutput(tree: HastRoot, seal?: SealShortcodeOutput): Set<Element> {
  const generated = new Set<Element>();
  visit(tree, (node, index, parent) => {
    const carrier = node as { type: string };
    if (!parent || index === undefined || !isShortcodeOutput(carrier)) return;
    const stored = outputs.get(carrier.output);
    outputs.delete(carrier.output);
    if (!stored) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }

    // Only output that stands as a block of its own: inside a heading, a table cell or a
    // paragraph, its text is part of what the page steps read (ids, titles, labels).
    const sealed = parent.type === "root" ? seal?.(stored.nodes, stored.position) : undefined;
    if (sealed) {
      parent.children[index] = sealed as unknown as ElementContent;
      return [SKIP, index + 1];
    }

    // Output without a position is placed at the call, so later checks (broken anchors) can
    // point the author at the shortcode that produced it. Copied, not mutated: a shortcode may
    // return cached or frozen nodes.
    const { position } = stored;
    const nodes = position ? stored.nodes.map((child) => placedAt(child, position)) : stored.nodes;
    for (const child of nodes) {
      if (child.type !== "element") continue;
      generated.add(child);
      eachElement(child, (element) => generated.add(element));
    }
    parent.children.splice(index, 1, ...nodes);
    return [SKIP, index];
  });
  return generated;
}

function unwrapInList(nodes: ElementContent[]): ElementContent[] {
  const root: HastRoot = { type: "root", children: nodes };
  unwrapShortcodeOutput(root);
  return root.children as ElementContent[];
}

/**
 * The remark-rehype handler for `hugoShortcode`. Problems found earlier (unknown, unclosed,
 * stray) render nothing here; the render fails on them anyway.
 */
export function createShortcodeHandler(options: ShortcodeHandlerOptions) {
  const { registry, context, report, describePlace } = options;

  return function hugoShortcode(state: State, node: HugoShortcode): ElementContent[] {
    const definition = registry.get(node.name);
    if (!definition || node.tag === "close" || node.unclosed) return [];

    let children: ElementContent[] | undefined;
    if (definition.paired) {
      let converted = state.all(node);
      if (node.children.some((child) => blockTypes.has(child.type))) {
        converted = state.wrap(converted, true);
      }
      if (hasRaw(converted)) {
        const parsed = contentParser.runSync({ type: "root", children: converted });
        converted = parsed.children as ElementContent[];
      }
      // Definitions see plain hast, never the carriers of nested shortcodes.
      children = unwrapInList(converted);
    }

    let output: ElementContent[];
    try {
      output = definition.render(node.arguments, context, children);
    } catch (error) {
      if (error instanceof ShortcodeUsageError) {
        report(
          node.position?.start,
          "shortcode-usage",
          `shortcode "${node.name}": ${error.message}; usage: ${definition.usage}`,
          error.hint,
        );
        return [];
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `${describePlace(node.position?.start)}: shortcode "${node.name}" failed: ${reason}`,
        { cause: error },
      );
    }

    const position = node.position;
    const key = nextOutput++;
    outputs.set(key, { nodes: output, position });
    const carrier: ShortcodeOutput = { type: shortcodeOutputType, output: key };
    if (position) carrier.position = position;
    return [carrier as unknown as ElementContent];
  };
}

function placedAt(node: ElementContent, position: Position): ElementContent {
  const placed = node.position ?? { start: { ...position.start }, end: { ...position.end } };
  if (node.type === "element") {
    return {
      ...node,
      properties: { ...node.properties },
      children: node.children.map((child) => placedAt(child, position)),
      position: placed,
    };
  }
  return { ...node, position: placed };
}

/** Offset in `source` → 1-based line and column. */
export function createLocator(source: string): (offset: number) => Point {
  const lineStarts = [0];
  for (let index = 0; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === 10 || (code === 13 && source.charCodeAt(index + 1) !== 10)) {
      lineStarts.push(index + 1);
    }
  }
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1, offset };
  };
}
