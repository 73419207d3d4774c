/**
 * Text from team files (file names, quoted values) as a log may show it. A CI log, a terminal and
 * a review tool all trust the text they print: a line break starts what looks like a line of the
 * report, an escape sequence colours or hides text, a bidirectional override shows characters in
 * another order than they are. Each such character is written as its escape (`\n`, `\u001B`).
 */

// Controls (C0, DEL, C1); bidirectional marks, embeddings, overrides and isolates; the line and
// paragraph separators; invisible characters that make two names look alike (zero-width space,
// word joiner and invisible operators, byte-order mark, interlinear annotation); and what is no
// character at all and which XML cannot carry: the noncharacters U+FFFE, U+FFFF and lone surrogates.
// The joiners (U+200C, U+200D) are left: words of some scripts and emoji sequences need them.
/* eslint-disable no-control-regex -- matching these characters is the point */
const UNPRINTABLE = new RegExp(
  [
    /[\u0000-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u2028-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFB\uFFFE\uFFFF]/.source,
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.source,
    /(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.source,
  ].join("|"),
  "g",
);
/* eslint-enable no-control-regex */

const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** One unprintable character as its escape: `\n`, `\r`, `\t`, else `\uXXXX` (all of them are in the BMP). */
export function escapeCharacter(character: string): string {
  return SHORT[character] ?? `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * `text` with every unprintable character escaped. With `lineBreaks`, `\n` is kept: a hint's lines
 * (a YAML example) are the project's own structure, and the formats keep them apart from the
 * report's lines. A backslash is left as it is, so escaping twice changes nothing and Windows
 * paths stay paths; a name that spells `\n` itself is rare and cannot add a line.
 */
export function printable(text: string, options: { lineBreaks?: boolean } = {}): string {
  UNPRINTABLE.lastIndex = 0;
  if (!UNPRINTABLE.test(text)) return text;
  return text.replace(UNPRINTABLE, (character) => (options.lineBreaks && character === "\n" ? character : escapeCharacter(character)));
}

/** The first character of `text` that a log cannot show as it is, or undefined. */
export function firstUnprintable(text: string): string | undefined {
  UNPRINTABLE.lastIndex = 0;
  return UNPRINTABLE.exec(text)?.[0];
}

/** `text` without the characters `printable` escapes: what a file name may keep of itself. */
export function withoutUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, "");
}
