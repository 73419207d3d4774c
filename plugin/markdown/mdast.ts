/**
 * mdast side of the Hugo shortcode syntax: turns the tokens of `syntax.ts` into `hugoShortcode`
 * nodes, then pairs opening and closing tags so that a paired shortcode holds its content as
 * ordinary mdast children.
 */
import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from "mdast";
import type {
  CompileContext,
  Extension as FromMarkdownExtension,
  Token,
} from "mdast-util-from-markdown";
import type { ShortcodeArguments } from "../../shortcodes/types.js";

/**
 * One shortcode call.
 *
 * `tag` tells what was written:
 * - `open`: `{{< name >}}` without a matching closing tag (the usual form of shortcodes that take
 *   no content; `unclosed` is set when the shortcode needs one);
 * - `self-closing`: `{{< name />}}`;
 * - `paired`: `{{< name >}}…{{< /name >}}`, the content is in `children`;
 * - `close`: a closing tag that matched no opening tag.
 */
export interface HugoShortcode extends Parent {
  type: "hugoShortcode";
  name: string;
  /** `<` for `{{< >}}`, `%` for `{{% %}}`. */
  delimiter: "<" | "%";
  tag: "open" | "self-closing" | "paired" | "close";
  /** Set when the shortcode takes content but no closing tag was found in the same block. */
  unclosed?: boolean;
  arguments: ShortcodeArguments;
  children: RootContent[];
}

declare module "mdast" {
  interface RootContentMap {
    hugoShortcode: HugoShortcode;
  }
  interface BlockContentMap {
    hugoShortcode: HugoShortcode;
  }
  interface PhrasingContentMap {
    hugoShortcode: HugoShortcode;
  }
}

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
   * (`undefined`). Decides whether an opening tag waits for a closing one.
   *
   * Default: every shortcode is unknown, so tags pair only when a closing tag is present.
   */
  isPaired?: (name: string) => boolean | undefined;
}

/**
 * Create the mdast-util-from-markdown extension for Hugo shortcodes.
 */
export function hugoShortcodeFromMarkdown(
  options: HugoShortcodeFromMarkdownOptions = {},
): FromMarkdownExtension {
  const isPaired = options.isPaired ?? (() => undefined);
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

function current(context: CompileContext): HugoShortcode {
  const node = context.stack[context.stack.length - 1];
  if (!node || node.type !== "hugoShortcode") {
    throw new Error("Expected a `hugoShortcode` node on the stack");
  }
  return node;
}

function enterShortcode(this: CompileContext, token: Token): undefined {
  this.data.hugoShortcodeArgumentName = undefined;
  this.data.hugoShortcodePositional = [];
  this.data.hugoShortcodeNamed = Object.create(null) as Record<string, string>;
  // The node is entered right away (not built on exit) so that line endings inside a wrapped
  // tag land on it instead of being added to the surrounding paragraph as text.
  this.enter(
    {
      type: "hugoShortcode",
      name: "",
      delimiter: "<",
      tag: "open",
      arguments: { positional: [], named: {} },
      children: [],
    },
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
  const source = this.sliceSerialize(token);
  addValue(this, source.slice(1, -1).replace(/\\(["\\])/g, "$1"));
}

function exitValueRaw(this: CompileContext, token: Token): undefined {
  addValue(this, this.sliceSerialize(token).slice(1, -1));
}

function exitValueBare(this: CompileContext, token: Token): undefined {
  addValue(this, this.sliceSerialize(token));
}

function addValue(context: CompileContext, value: string): void {
  const name = context.data.hugoShortcodeArgumentName;
  if (name === undefined) {
    context.data.hugoShortcodePositional?.push(value);
  } else if (context.data.hugoShortcodeNamed) {
    // A repeated name keeps its last value, as Hugo's parameter map does.
    context.data.hugoShortcodeNamed[name] = value;
  }
  context.data.hugoShortcodeArgumentName = undefined;
}

function enterEscaped(this: CompileContext, token: Token): undefined {
  this.enter({ type: "text", value: "" }, token);
}

function exitEscaped(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 1];
  const source = this.sliceSerialize(token);
  // `{{</* x */>}}` → `{{< x >}}`: drop the comment markers, keep everything else as written.
  if (node && node.type === "text") node.value = source.slice(0, 3) + source.slice(5, -5) + source.slice(-3);
  this.exit(token);
}

/**
 * Match closing tags to opening tags among siblings, innermost first, moving the nodes in between
 * into the opening node. Tags in different blocks never match: the content of a paired shortcode
 * is a run of siblings, as in Hugo's own output.
 */
export function pairShortcodes(
  tree: Root,
  isPaired: (name: string) => boolean | undefined,
): undefined {
  pairIn(tree);

  function pairIn(parent: Parent): void {
    for (const child of parent.children) {
      if ("children" in child) pairIn(child);
    }

    const children = parent.children.map(unwrapLoneShortcode);

    interface Frame {
      open: HugoShortcode | undefined;
      children: RootContent[];
    }
    const stack: Frame[] = [{ open: undefined, children: [] }];

    for (const child of children) {
      if (child.type === "hugoShortcode" && child.tag === "open" && isPaired(child.name) !== false) {
        stack.push({ open: child, children: [] });
        continue;
      }

      if (child.type === "hugoShortcode" && child.tag === "close") {
        let index = stack.length - 1;
        while (index > 0 && stack[index]?.open?.name !== child.name) index--;
        if (index > 0) {
          while (stack.length - 1 > index) unwind();
          const frame = stack.pop();
          const open = frame?.open;
          if (frame && open) {
            open.tag = "paired";
            open.children = frame.children;
            if (open.position && child.position) open.position.end = child.position.end;
            stack[stack.length - 1]?.children.push(open);
            continue;
          }
        }
      }

      stack[stack.length - 1]?.children.push(child);
    }

    while (stack.length > 1) unwind();
    parent.children = stack[0]?.children ?? [];

    function unwind(): void {
      const frame = stack.pop();
      if (!frame?.open) return;
      if (isPaired(frame.open.name) === true) frame.open.unclosed = true;
      stack[stack.length - 1]?.children.push(frame.open, ...frame.children);
    }
  }
}

/**
 * A paragraph holding nothing but one shortcode (a tag wrapped over several lines, or a pair
 * written on one line) becomes that shortcode: its output is block content and must not end up
 * inside `<p>`.
 */
function unwrapLoneShortcode(node: RootContent): RootContent {
  if (node.type !== "paragraph") return node;
  const meaningful = node.children.filter(
    (child) => !(child.type === "text" && child.value.trim() === ""),
  );
  const only = meaningful[0];
  if (meaningful.length !== 1 || !only || only.type !== "hugoShortcode") return node;
  if (only.tag === "paired" && only.children.length > 0) {
    only.children = [wrapInParagraph(trimPhrasing(only.children as PhrasingContent[]), node)];
  }
  return only;
}

/** Spaces next to the tags belong to the source layout, not to the content. */
function trimPhrasing(children: PhrasingContent[]): PhrasingContent[] {
  const first = children[0];
  if (first?.type === "text") first.value = first.value.trimStart();
  const last = children[children.length - 1];
  if (last?.type === "text") last.value = last.value.trimEnd();
  return children.filter((child) => !(child.type === "text" && child.value === ""));
}

function wrapInParagraph(children: PhrasingContent[], like: Paragraph): Paragraph {
  const first = children[0];
  const last = children[children.length - 1];
  const paragraph: Paragraph = { type: "paragraph", children };
  if (first?.position && last?.position) {
    paragraph.position = { start: first.position.start, end: last.position.end };
  } else if (like.position) {
    paragraph.position = like.position;
  }
  return paragraph;
}
