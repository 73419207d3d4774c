/**
 * The plugin's shortcodes on top of `remark-hugo-shortcodes`: the checks that need the registry
 * (unknown names, usage lines in hints), and the renderers that call each definition's `render`.
 * Everything a render keeps (its problems, its outputs) lives in the render's file and in the
 * object `createShortcodeRendering` returns, never in this module.
 */
import { eachElement, type SealedOutput } from "./walk.js";
import { randomUUID } from "node:crypto";
import type { Comment, Element, ElementContent, Root as HastRoot, RootContent as HastContent } from "hast";
import type { Root as MdastRoot } from "mdast";
import type { Handlers } from "mdast-util-to-hast";
import rehypeRaw from "rehype-raw";
import { unified } from "unified";
import type { Position } from "unist";
import { SKIP, visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { outputTree } from "../../shortcodes/output.js";
import { ShortcodeUsageError, type ShortcodeContext, type ShortcodeDefinition, type ShortcodeOutput } from "../../shortcodes/types.js";
import { hugoShortcodeHandlers, messageSource, type HugoShortcode, type HugoShortcodeRenderer } from "./remark-hugo-shortcodes/index.js";
import { closestMatch, typoReach } from "../text/suggest.js";
import type { PageRuleId } from "./page-rules.js";

/** A message of a vfile, as `file.message` makes it (the type vfile itself uses). */
type VFileMessage = VFile["messages"][number];

export type Registry = ReadonlyMap<string, ShortcodeDefinition>;

/** `source` of the problems the plugin's own Markdown steps report on the file. */
const pageMessageSource = "mentor-directory";

/** Report a problem on the page's file, the way every step of the pipeline does. */
export function reportOn(
  file: VFile,
  place: Position | Position["start"] | undefined,
  rule: PageRuleId,
  reason: string,
  hint?: string,
): VFileMessage {
  const message = file.message(reason, { place, ruleId: rule, source: pageMessageSource });
  if (hint !== undefined) message.note = hint;
  return message;
}

function tagText(node: HugoShortcode, closing = false): string {
  const close = node.delimiter === "<" ? ">" : "%";
  return `{{${node.delimiter} ${closing ? "/" : ""}${node.name} ${close}}}`;
}

/** The known shortcodes, as their usage lines, for messages. */
function knownShortcodes(registry: Registry): string {
  if (registry.size === 0) return "no shortcodes are defined";
  return [...registry.values()].map((definition) => definition.usage).join("; ");
}

function suggestion(name: string, registry: Registry): string | undefined {
  return closestMatch(name, registry.keys(), typoReach(name), { ignoreCase: true });
}

/**
 * Problems visible before rendering that need the registry: unknown names. The syntax problems
 * that `remark-hugo-shortcodes` reported on `file` get the usage line of their shortcode.
 */
export function checkShortcodes(tree: MdastRoot, registry: Registry, file: VFile): void {
  for (const message of file.messages) {
    if (message.source === messageSource) explainWithUsage(message, registry);
  }

  visit(tree, "hugoShortcode", (node) => {
    if (node.tag === "close" || registry.has(node.name)) return;
    const near = suggestion(node.name, registry);
    reportOn(
      file,
      node.position?.start,
      "shortcode-unknown",
      `unknown shortcode "${node.name}"; known shortcodes: ${knownShortcodes(registry)}`,
      near ? `Did you mean "${near}"?` : `Check the spelling, or write {{</* ${node.name} */>}} to show the tag as text.`,
    );
  });
}

function explainWithUsage(message: VFileMessage, registry: Registry): void {
  const node = message.ancestors?.at(-1);
  if (node?.type !== "hugoShortcode") return;
  const shortcode = node as HugoShortcode;
  const definition = registry.get(shortcode.name);
  if (!definition) return;
  if (message.ruleId === "stray-close" && !definition.paired) {
    message.reason =
      message.message = `closing tag ${tagText(shortcode, true)}: shortcode "${shortcode.name}" takes no content, so it has no closing tag`;
    message.note = `Remove ${tagText(shortcode, true)}. Usage: ${definition.usage}`;
  } else if (message.ruleId === "unclosed") {
    message.note = `${message.note ?? ""} Usage: ${definition.usage}`.trimStart();
  }
}

/**
 * Shortcode output waits in the render's own map while rehype-raw parses the page's HTML; the tree
 * holds a comment in its place, marked with a word of this render's own, so no comment an author
 * writes is taken for one. A comment is plain hast, which rehype-raw keeps where it is, and the
 * output is not re-parsed as HTML (which would lose what HTML text cannot carry, the content of a
 * `<template>`, and re-nest valid output by parser rules) nor copied (a directory of thousands of
 * members cost more to copy than the rest of the page).
 */
function carrierMark(): string {
  return `mentor-directory-output ${randomUUID()} `;
}

interface StoredOutput {
  readonly output: ShortcodeOutput;
  /** The shortcode call. */
  readonly position: Position | undefined;
}

/** Raw HTML in the content of a paired shortcode is parsed before the shortcode sees it. */
const contentParser = unified().use(rehypeRaw);

function hasRaw(nodes: readonly HastContent[]): boolean {
  return nodes.some((node) => node.type === "raw" || ("children" in node && hasRaw(node.children)));
}

/**
 * Seal one output (see `sealOutput`), or return `undefined` to put its nodes in the tree.
 * `position` is the shortcode call.
 */
type SealShortcodeOutput = (output: ShortcodeOutput, position: Position | undefined) => SealedOutput | undefined;

interface ShortcodeRenderingOptions {
  readonly registry: Registry;
  readonly context: ShortcodeContext;
  /** The page being rendered: usage errors are reported on it. */
  readonly file: VFile;
  /** For messages about shortcodes that crash (a bug in the shortcode, not in the page). */
  describePlace: (place: Position["start"] | undefined) => string;
}

export interface ShortcodeRendering {
  /** For remark-rehype's `handlers`. */
  readonly handlers: Handlers;
  /**
   * Replace output carriers, everywhere in `tree`, by the sealed output when `seal` seals it,
   * else by the nodes they carry. Returns the elements that shortcodes produced and that were not
   * sealed, for steps that treat authored and generated content differently.
   */
  unwrap(tree: HastRoot, seal?: SealShortcodeOutput): Set<Element>;
  /** Names of the shortcodes that rendered output so far (the page's browser files depend on them). */
  readonly rendered: ReadonlySet<string>;
}

/**
 * The shortcodes of one render. Problems found earlier (unknown, unclosed, stray) render nothing
 * here; the render fails on them anyway.
 */
export function createShortcodeRendering(options: ShortcodeRenderingOptions): ShortcodeRendering {
  const { registry, context, file, describePlace } = options;
  const outputs = new Map<number, StoredOutput>();
  const mark = carrierMark();
  let nextOutput = 0;
  const renderers = new Map<string, HugoShortcodeRenderer>();
  const rendered = new Set<string>();
  for (const definition of registry.values()) renderers.set(definition.name, (node, children) => render(definition, node, children));

  return {
    handlers: hugoShortcodeHandlers({ renderers, fallback: () => [] }),
    unwrap,
    rendered,
  };

  function render(definition: ShortcodeDefinition, node: HugoShortcode, content: ElementContent[] | undefined): ElementContent[] {
    let children: ElementContent[] | undefined;
    if (definition.paired) {
      let converted = content ?? [];
      if (hasRaw(converted)) converted = contentParser.runSync({ type: "root", children: converted }).children as ElementContent[];
      // Definitions see plain hast, never the carriers of nested shortcodes.
      children = unwrapInList(converted);
    }

    let output: ShortcodeOutput;
    try {
      output = definition.render(node.arguments, context, children);
    } catch (error) {
      if (error instanceof ShortcodeUsageError) {
        reportOn(
          file,
          node.position?.start,
          "shortcode-usage",
          `shortcode "${node.name}": ${error.message}; usage: ${definition.usage}`,
          error.hint,
        );
        return [];
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${describePlace(node.position?.start)}: shortcode "${node.name}" failed: ${reason}`, { cause: error });
    }

    rendered.add(definition.name);
    const key = nextOutput++;
    outputs.set(key, { output, position: node.position });
    const carrier: Comment = { type: "comment", value: `${mark}${key}` };
    if (node.position) carrier.position = node.position;
    return [carrier];
  }

  function unwrapInList(nodes: ElementContent[]): ElementContent[] {
    const root: HastRoot = { type: "root", children: nodes };
    unwrap(root);
    return root.children as ElementContent[];
  }

  function unwrap(tree: HastRoot, seal?: SealShortcodeOutput): Set<Element> {
    const generated = new Set<Element>();
    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined || node.type !== "comment" || !node.value.startsWith(mark)) return;
      const key = Number(node.value.slice(mark.length));
      const stored = outputs.get(key);
      outputs.delete(key);
      if (!stored) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }

      // Only output that stands as a block of its own: inside a heading, a table cell or a
      // paragraph, its text is part of what the page steps read (ids, titles, labels).
      const sealed = parent.type === "root" ? seal?.(stored.output, stored.position) : undefined;
      if (sealed) {
        parent.children[index] = sealed;
        return [SKIP, index + 1];
      }

      // Output without a position is placed at the call, so later checks (broken anchors) can
      // point the author at the shortcode that produced it. Copied, not mutated: a shortcode may
      // return cached or frozen nodes.
      const { position } = stored;
      const tree = outputTree(stored.output);
      const nodes = position ? tree.map((child) => placedAt(child, position)) : tree;
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
