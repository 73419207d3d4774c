/**
 * Halves of UTF-16 surrogate pairs. A file on disk cannot hold a lone one (it is not UTF-8), but a
 * `\u` escape in double quotes can write one (`name: "Ana \uD83D"`), and UTF-8 cannot carry it on.
 */

/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether `text` holds no lone half of a surrogate pair, so that UTF-8 carries it as it is. The
 * engine's own check (Node.js 20 has it; the ES2022 types do not): a one-byte string is answered
 * without reading it, where a pattern reads every character.
 */
export function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** The first lone half of a surrogate pair in `text`, if any; most text holds no surrogate at all. */
export function loneSurrogateIn(text: string): string | undefined {
  return isWellFormed(text) ? undefined : LONE_SURROGATE.exec(text)?.[0];
}
