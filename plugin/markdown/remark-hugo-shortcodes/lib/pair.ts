/**
 * Pairing of opening and closing tags, after parsing: the content between two tags is Markdown
 * that micromark has already parsed with its own constructs.
 */
import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from "mdast";
import type { HugoShortcode } from "./types.js";

/** Whether shortcode `name` takes content (`true`), never does (`false`), or is unknown. */
export type IsPaired = (name: string) => boolean | undefined;

interface Frame {
  readonly open: HugoShortcode | undefined;
  readonly children: RootContent[];
}

/**
 * Match closing tags to opening tags among siblings, innermost first, moving the nodes in between
 * into the opening node. Tags in different blocks never match: the content of a paired shortcode
 * is a run of siblings, as in Hugo's own output.
 */
export function pairShortcodes(tree: Root, isPaired: IsPaired): undefined {
  pairIn(tree, isPaired);
}

function pairIn(parent: Parent, isPaired: IsPaired): void {
  for (const child of parent.children) {
    if ("children" in child) pairIn(child, isPaired);
  }

  const stack: Frame[] = [{ open: undefined, children: [] }];
  for (const child of parent.children.map(unwrapLoneShortcode)) {
    if (child.type === "hugoShortcode" && child.tag === "open" && isPaired(child.name) !== false) {
      stack.push({ open: child, children: [] });
    } else if (!(child.type === "hugoShortcode" && child.tag === "close" && close(stack, child, isPaired))) {
      top(stack).children.push(child);
    }
  }
  unwindAbove(stack, 0, isPaired);
  parent.children = top(stack).children;
}

/** Close the innermost open tag of the same name, if any; `false` when the tag is stray. */
function close(stack: Frame[], tag: HugoShortcode, isPaired: IsPaired): boolean {
  let index = stack.length - 1;
  while (index > 0 && stack[index]?.open?.name !== tag.name) index--;
  if (index === 0) return false;
  unwindAbove(stack, index, isPaired);
  const frame = stack.pop();
  const open = frame?.open;
  if (!frame || !open) return false;
  open.tag = "paired";
  open.children = frame.children;
  if (open.position && tag.position) open.position = { start: open.position.start, end: tag.position.end };
  top(stack).children.push(open);
  return true;
}

/**
 * Opening tags above `index` left without a closing one: each, with its would-be content, goes
 * back to the frame at `index`, in document order. One pass, so that a run of thousands of
 * unclosed tags costs no more than reading them.
 */
function unwindAbove(stack: Frame[], index: number, isPaired: IsPaired): void {
  const target = stack[index];
  if (!target) return;
  for (const frame of stack.splice(index + 1)) {
    if (!frame.open) continue;
    if (isPaired(frame.open.name) === true) frame.open.unclosed = true;
    target.children.push(frame.open);
    for (const child of frame.children) target.children.push(child);
  }
}

function top(stack: Frame[]): Frame {
  const frame = stack[stack.length - 1];
  if (!frame) throw new Error("Expected a frame on the pairing stack");
  return frame;
}

/**
 * A paragraph holding nothing but one shortcode (a tag wrapped over several lines, or a pair
 * written on one line) becomes that shortcode: its output is block content and must not end up
 * inside `<p>`.
 */
function unwrapLoneShortcode(node: RootContent): RootContent {
  if (node.type !== "paragraph") return node;
  const meaningful = node.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  const only = meaningful[0];
  if (meaningful.length !== 1 || !only || only.type !== "hugoShortcode") return node;
  if (only.tag === "paired" && only.children.length > 0) {
    // The new paragraph may itself hold nothing but one shortcode (pairs nested on one line).
    only.children = [unwrapLoneShortcode(wrapInParagraph(trimPhrasing(only.children as PhrasingContent[]), node))];
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
  if (first?.position && last?.position) paragraph.position = { start: first.position.start, end: last.position.end };
  else if (like.position) paragraph.position = like.position;
  return paragraph;
}
