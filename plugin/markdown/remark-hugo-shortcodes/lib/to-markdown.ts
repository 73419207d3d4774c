/**
 * mdast-util-to-markdown side: writes `hugoShortcode` and `hugoShortcodeEscaped` nodes back as
 * Markdown, in one canonical form (see the readme), so that parsing that form and writing it gives
 * the same bytes.
 */
import type { Parents, PhrasingContent } from "mdast";
import type { Info, Options, State } from "mdast-util-to-markdown";
import type { HugoShortcode, HugoShortcodeEscaped } from "./types.js";

/** Create the mdast-util-to-markdown extension for Hugo shortcodes. */
export function hugoShortcodeToMarkdown(): Options {
  return {
    // Text that spells `{{<` or `{{%` would be read back as a tag: escape its first brace.
    unsafe: [{ character: "{", after: "\\{[<%]", inConstruct: "phrasing" }],
    handlers: { hugoShortcode: handleShortcode, hugoShortcodeEscaped: handleEscaped },
  };
}

function handleShortcode(node: HugoShortcode, _parent: Parents | undefined, state: State, info: Info): string {
  const tracker = state.createTracker(info);
  const exit = state.enter("hugoShortcode");
  const phrasing = state.stack.includes("phrasing");
  let tag = node.tag === "close" ? closingTag(node) : openingTag(node);
  if (phrasing && node.tag !== "paired" && aloneOnLine(info)) tag = wrapped(tag);
  let value = tracker.move(tag);
  if (node.tag === "paired") {
    if (phrasing) {
      const content = { type: "paragraph" as const, children: node.children as PhrasingContent[] };
      value += tracker.move(state.containerPhrasing(content, { ...tracker.current(), before: value, after: "{" }));
    } else if (node.children.length > 0) {
      value += tracker.move("\n");
      // The content is written as a run of blocks, like the children of a document.
      const content = { type: "root" as const, children: node.children };
      value += tracker.move(state.containerFlow(content, tracker.current()));
      value += tracker.move("\n");
    } else {
      value += tracker.move("\n");
    }
    value += tracker.move(closingTag(node));
  }
  exit();
  return value;
}

handleShortcode.peek = peekShortcode;

/** Whether a tag in text would stand alone on its line, where it would be read back as a block. */
function aloneOnLine(info: Info): boolean {
  return /(?:^|[\r\n])$/.test(info.before) && /^(?:$|[ \t\r\n])/.test(info.after);
}

/**
 * The tag wrapped after its opening delimiter: a block tag is one line, so a wrapped tag is
 * always read back as text. (The line after the break starts with the name, which no block
 * construct can start with.)
 */
function wrapped(tag: string): string {
  return tag.replace(/^(\{\{[<%]) /, "$1\n");
}

function peekShortcode(): string {
  return "{";
}

function handleEscaped(node: HugoShortcodeEscaped): string {
  // `{{< x >}}` was written `{{</* x */>}}`: put the comment markers back.
  return `${node.value.slice(0, 3)}/*${node.value.slice(3, -3)}*/${node.value.slice(-3)}`;
}

/** `{{< name "a" key="b" >}}`, `{{< name />}}`: positional arguments first, then named ones. */
export function openingTag(node: HugoShortcode): string {
  const parts = [
    node.name,
    ...node.arguments.positional.map(argumentValue),
    ...Object.entries(node.arguments.named).map(([key, value]) => `${key}=${argumentValue(value)}`),
  ];
  const end = node.tag === "self-closing" ? ` /${closer(node)}}}` : ` ${closer(node)}}}`;
  return `{{${node.delimiter} ${parts.join(" ")}${end}`;
}

/** `{{< /name >}}` */
export function closingTag(node: HugoShortcode): string {
  return `{{${node.delimiter} /${node.name} ${closer(node)}}}`;
}

function closer(node: HugoShortcode): ">" | "%" {
  return node.delimiter === "<" ? ">" : "%";
}

/**
 * A value in double quotes, escaping `\` and `"`; one holding a line ending, which a quoted value
 * cannot, in backticks.
 *
 * @throws {RangeError} for a value with both a line ending and a backtick, which no form holds.
 */
function argumentValue(value: string): string {
  if (!/[\r\n]/.test(value)) return `"${value.replace(/[\\"]/g, "\\$&")}"`;
  if (!value.includes("`")) return `\`${value}\``;
  throw new RangeError(`Cannot write a shortcode argument holding both a line ending and a backtick: ${JSON.stringify(value)}`);
}
