/**
 * The tree of markup in its plainest form, read without the HTML parser: text, and `<a href="…">`,
 * `<ul>` and `<li>` written as a tidy author writes them, each closed where it was opened. Most
 * roles and expertise lists of a team are this and nothing else (`<a href="/job-families/…">Backend
 * Engineer</a>`, `<li><a href="…">Ruby</a></li>`), and the parser costs far more than the reading.
 * Three slips of real lists are read too, the way the parser reads them: a list item left open
 * before the next one, the list's end or the end of the text (closed there), and a link target
 * written without straight quotes (`<a href=“/handbook/”>`, the quotes then part of the target).
 *
 * For such markup the HTML parser builds exactly this tree: nothing is reopened, moved or decoded.
 * Anything else (another tag, a character reference, a carriage return or NUL, a tag closed out of
 * order, a link in a link, an open link that a list item or a list's end would close) answers
 * `undefined`, and the caller parses.
 */
import type { Element, ElementContent, Root, Text } from "hast";
import type { Point } from "unist";

// One token: a tag in the plain form, or a run of text. Attribute values hold no `&` (no
// reference to decode), no quote of their own kind, no `<` or `>`; unquoted, none of the characters
// the parser reads otherwise there, nor any space. Text holds no `&` that could start a character
// reference (before a letter, a digit or `#`), nor one before a line break (after which the
// parser counts that line twice in its positions).
const TOKEN = /<a href="([^"&<>\r\0]*)">|<a href=([^\s"'=<>`&\0]+)>|<\/a>|<(ul|li)>|<\/(ul|li)>|(?:[^<&\r\0]|&(?![\dA-Za-z#\n]))+/y;

/** Where a line starts, for turning offsets into points the way the parser reports them. */
function lineStarts(html: string): number[] {
  const starts = [0];
  for (let index = html.indexOf("\n"); index !== -1; index = html.indexOf("\n", index + 1)) starts.push(index + 1);
  return starts;
}

/**
 * The tree of `html`, or `undefined` unless it is plain (see above) and within `limits` (more
 * elements, or nesting as deep, is for the budgeted parser to refuse).
 */
export function plainMarkupTree(html: string, limits: { readonly elements: number; readonly depth: number }): Root | undefined {
  let elements = 0;
  const starts = lineStarts(html);
  let line = 0;
  const point = (offset: number): Point => {
    while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line += 1;
    return { line: line + 1, column: offset - (starts[line] as number) + 1, offset };
  };

  const root: Root = { type: "root", children: [] };
  const first = point(0);
  const open: { element: Element; start: Point }[] = [];
  const children = (): ElementContent[] => (open.at(-1)?.element.children ?? root.children) as ElementContent[];
  const inside = (tagName: string): boolean => open.some((entry) => entry.element.tagName === tagName);

  // An element the parser closes without its end tag ends where the tag that closes it starts.
  const close = (end: number): void => {
    const closing = open.pop() as { element: Element; start: Point };
    closing.element.position = { start: closing.start, end: point(end) };
  };
  const current = (): string | undefined => open.at(-1)?.element.tagName;

  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < html.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(html);
    if (match === null) return undefined;
    const token = match[0];
    const end = at + token.length;
    if (!token.startsWith("<")) {
      const text: Text = { type: "text", value: token, position: { start: point(at), end: point(end) } };
      children().push(text);
      continue;
    }
    const href = match[1] ?? match[2];
    const startName = href === undefined ? match[3] : "a";
    if (startName !== undefined) {
      // The parser closes a link for a list or a link, and an open list item for a new one.
      if (inside("a")) return undefined;
      if (startName === "li" && current() === "li") close(at);
      if (++elements >= limits.elements || open.length + 1 >= limits.depth) return undefined;
      const element: Element = {
        type: "element",
        tagName: startName,
        properties: href === undefined ? {} : { href },
        children: [],
      };
      children().push(element);
      open.push({ element, start: point(at) });
      continue;
    }
    const endName = match[4] ?? "a";
    // A list's end closes the list item left open in it.
    if (endName === "ul" && current() === "li" && open.at(-2)?.element.tagName === "ul") close(at);
    if (current() !== endName) return undefined;
    close(end);
  }
  // The end of the text closes what is still open.
  while (open.length > 0) close(html.length);
  // As the parser's tree: the fragment is in no-quirks mode and spans the whole text.
  root.data = { quirksMode: false };
  if (html !== "") root.position = { start: first, end: point(html.length) };
  return root;
}
