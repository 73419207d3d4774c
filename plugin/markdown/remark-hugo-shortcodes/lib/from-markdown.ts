/**
 * mdast side of the syntax: tokens become `hugoShortcode` and `hugoShortcodeEscaped` nodes, then
 * opening and closing tags are paired so that a paired shortcode holds its content as children.
 */
import type { Root } from "mdast";
import type { CompileContext, Extension, Token } from "mdast-util-from-markdown";
import { pairShortcodes, type IsPaired } from "./pair.js";
import type { HugoShortcode } from "./types.js";

declare module "mdast-util-from-markdown" {
  interface CompileData {
    hugoShortcodeArgumentName?: string | undefined;
    hugoShortcodePositional?: string[] | undefined;
    hugoShortcodeNamed?: Record<string, string> | undefined;
  }
}

export interface HugoShortcodeFromMarkdownOptions {
  /**
   * Whether the shortcode `name` takes content (`true`), never does (`false`), or is unknown
   * (`undefined`). Decides whether an opening tag waits for a closing one, and whether a
   * missing closing tag is a problem.
   *
   * Default: every shortcode is unknown, so tags pair exactly when a closing tag follows.
   */
  isPaired?: IsPaired | null | undefined;
}

/** Create the mdast-util-from-markdown extension for Hugo shortcodes. */
export function hugoShortcodeFromMarkdown(options: HugoShortcodeFromMarkdownOptions = {}): Extension {
  const isPaired = options.isPaired ?? unknownPairing;
  return {
    enter: {
      hugoShortcode: enterShortcode,
      hugoShortcodeEscaped: enterEscaped,
    },
    exit: {
      hugoShortcode: exitShortcode,
      hugoShortcodeMarker: exitMarker,
      hugoShortcodeClosingMarker: exitClosingMarker,
      hugoShortcodeSelfClosingMarker: exitSelfClosingMarker,
      hugoShortcodeName: exitName,
      hugoShortcodeArgumentName: exitArgumentName,
      hugoShortcodeValueQuoted: exitValueQuoted,
      hugoShortcodeValueRaw: exitValueRaw,
      hugoShortcodeValueBare: exitValueBare,
      hugoShortcodeEscaped: exitEscaped,
    },
    transforms: [(tree: Root) => pairShortcodes(tree, isPaired)],
  };
}

function unknownPairing(): undefined {
  return undefined;
}

function current(context: CompileContext): HugoShortcode {
  const node = context.stack[context.stack.length - 1];
  if (!node || node.type !== "hugoShortcode") throw new Error("Expected a `hugoShortcode` node on the stack");
  return node;
}

function enterShortcode(this: CompileContext, token: Token): undefined {
  this.data.hugoShortcodeArgumentName = undefined;
  this.data.hugoShortcodePositional = [];
  this.data.hugoShortcodeNamed = Object.create(null) as Record<string, string>;
  // Entered now, not built on exit, so that line endings inside a wrapped tag land on this node
  // (which ignores them) instead of being added to the surrounding paragraph as text.
  this.enter(
    { type: "hugoShortcode", name: "", delimiter: "<", tag: "open", arguments: { positional: [], named: {} }, children: [] },
    token,
  );
}

function exitShortcode(this: CompileContext, token: Token): undefined {
  const node = current(this);
  node.arguments = Object.freeze({
    positional: Object.freeze(this.data.hugoShortcodePositional ?? []),
    named: Object.freeze(this.data.hugoShortcodeNamed ?? {}),
  });
  this.data.hugoShortcodeArgumentName = undefined;
  this.data.hugoShortcodePositional = undefined;
  this.data.hugoShortcodeNamed = undefined;
  this.exit(token);
}

function exitMarker(this: CompileContext, token: Token): undefined {
  const source = this.sliceSerialize(token);
  if (source.startsWith("{{")) current(this).delimiter = source[2] === "%" ? "%" : "<";
}

function exitClosingMarker(this: CompileContext): undefined {
  current(this).tag = "close";
}

function exitSelfClosingMarker(this: CompileContext): undefined {
  current(this).tag = "self-closing";
}

function exitName(this: CompileContext, token: Token): undefined {
  current(this).name = this.sliceSerialize(token);
}

function exitArgumentName(this: CompileContext, token: Token): undefined {
  this.data.hugoShortcodeArgumentName = this.sliceSerialize(token);
}

function exitValueQuoted(this: CompileContext, token: Token): undefined {
  addValue(
    this,
    this.sliceSerialize(token)
      .slice(1, -1)
      .replace(/\\(["\\])/g, "$1"),
  );
}

function exitValueRaw(this: CompileContext, token: Token): undefined {
  addValue(this, this.sliceSerialize(token).slice(1, -1));
}

function exitValueBare(this: CompileContext, token: Token): undefined {
  addValue(this, this.sliceSerialize(token));
}

function addValue(context: CompileContext, value: string): void {
  const name = context.data.hugoShortcodeArgumentName;
  if (name === undefined) context.data.hugoShortcodePositional?.push(value);
  // A repeated name keeps its last value, as Hugo's parameter map does.
  else if (context.data.hugoShortcodeNamed) context.data.hugoShortcodeNamed[name] = value;
  context.data.hugoShortcodeArgumentName = undefined;
}

function enterEscaped(this: CompileContext, token: Token): undefined {
  this.enter({ type: "hugoShortcodeEscaped", value: "" }, token);
}

function exitEscaped(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 1];
  const source = this.sliceSerialize(token);
  // Drop the comment markers (`/*` after the opening delimiter, `*/` before the closing one).
  if (node?.type === "hugoShortcodeEscaped") node.value = source.slice(0, 3) + source.slice(5, -5) + source.slice(-3);
  this.exit(token);
}
