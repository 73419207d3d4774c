/**
 * Problems of shortcode syntax, reported as vfile messages with their place, never thrown: an
 * author fixes every one of them in one round.
 */
import type { Nodes, Parents, Root } from "mdast";
import type { Position } from "unist";
import { visitParents } from "unist-util-visit-parents";
import type { VFile } from "vfile";
import { location } from "vfile-location";
import { closingTag, openingTag } from "./to-markdown.js";
import type { HugoShortcode } from "./types.js";

/** `source` of every message this package reports. */
export const messageSource = "remark-hugo-shortcodes";

/**
 * `ruleId` of the messages:
 * - `unclosed`: a shortcode known to take content (`isPaired`) has no closing tag in its block;
 * - `stray-close`: a closing tag has no opening tag before it in its block;
 * - `syntax`: text that starts like a tag (`{{<`, `{{%`) but cannot be read as one;
 * - `in-html`: a tag inside a raw HTML block, where Markdown constructs are not parsed.
 */
export type HugoShortcodeRuleId = "unclosed" | "stray-close" | "syntax" | "in-html";

// A tag opener that is neither escaped with a backslash nor the escaped form `{{</*`.
const OPENER = /(?<!\\)\{\{[<%](?!\/\*)/g;

/** Report the problems of `tree`, parsed from `file`, on `file`. */
export function reportShortcodeProblems(tree: Root, file: VFile): void {
  // A file made without a value has none, whatever its declared type says.
  const value: unknown = file.value;
  const source = typeof value === "string" ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : undefined;
  const place = source === undefined ? undefined : location(source);

  // Ancestors are given as visited and copied only for a message: most nodes have none.
  visitParents(tree, (node: Nodes, parents: Parents[]) => {
    if (node.type === "hugoShortcode") {
      checkTag(node, parents);
    } else if (node.type === "text" || node.type === "html") {
      scanLeftovers(node, parents);
    }
  });

  function checkTag(node: HugoShortcode, parents: Parents[]): void {
    if (node.tag === "close") {
      report(
        "stray-close",
        `closing tag ${closingTag(node)} has no opening ${bareTag(node)} before it in the same block`,
        "Put the opening and closing tags in the same block (the page, one list item or one quote), or remove the closing tag.",
        node.position,
        [...parents, node],
      );
    } else if (node.unclosed) {
      report(
        "unclosed",
        `shortcode "${node.name}" takes content but ${bareTag(node)} is never closed`,
        `Add ${closingTag(node)} after its content, in the same block, ` +
          `or write ${openingTag({ ...node, tag: "self-closing", arguments: { positional: [], named: {} } })} for no content.`,
        node.position,
        [...parents, node],
      );
    }
  }

  function scanLeftovers(node: Nodes & { type: "text" | "html" }, parents: Parents[]): void {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || source === undefined || !place) return;
    const slice = source.slice(start, end);
    const matches = [...slice.matchAll(OPENER)];
    for (const [index, match] of matches.entries()) {
      const at = place.toPoint(start + match.index);
      if (!at) continue;
      const ancestors = [...parents, node];
      if (node.type === "html") {
        report(
          "in-html",
          "shortcodes inside raw HTML blocks are not expanded",
          "Put the shortcode on its own line, outside the HTML block (separated by a blank line).",
          at,
          ancestors,
        );
      } else {
        report(
          "syntax",
          `this looks like a shortcode ` +
            `but cannot be read: ${explainMalformed(slice.slice(match.index, matches[index + 1]?.index), match[1] === "%" ? "%" : ">")}`,
          'Write {{< name "text" other=`raw text` word >}}; to show a tag as text, write {{</* name */>}}.',
          at,
          ancestors,
        );
      }
    }
  }

  function report(
    ruleId: HugoShortcodeRuleId,
    reason: string,
    note: string,
    at: Position | Position["start"] | undefined,
    ancestors: Nodes[],
  ): void {
    const message = file.message(reason, { place: at, ruleId, source: messageSource, ancestors });
    message.note = note;
  }
}

/** `{{< name >}}`, the tag without its arguments, for messages. */
function bareTag(node: HugoShortcode): string {
  return openingTag({ ...node, tag: "open", arguments: { positional: [], named: {} } });
}

/**
 * A short reason why `text`, from a `{{<` up to the next one or the end of its node, is not a
 * valid tag, for the author.
 */
function explainMalformed(text: string, close: ">" | "%"): string {
  const end = text.indexOf(`${close}}}`);
  if (end === -1) return `no closing "${close}}}" before the next tag or the end of the paragraph`;
  const inside = text.slice(3, end);
  const closing = /^\s*\//.test(inside);
  const body = inside.trim().replace(/^\/\s*/, "");
  if (!/^\w/.test(body)) return "the shortcode name is missing or does not start with a letter, digit or `_`";
  if (closing && /^[\w-]+\s+\S/.test(body)) return "a closing tag takes no arguments";
  const quotes = inside.replace(/\\./g, "").split('"').length - 1;
  if (quotes % 2 === 1) return "a quoted argument is not closed on its line";
  if ((inside.split("`").length - 1) % 2 === 1) return "a `raw` argument is not closed";
  return 'arguments must be separated by spaces and written as "text", `raw text`, word or name="text"';
}
