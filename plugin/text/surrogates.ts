/**
 * Halves of UTF-16 surrogate pairs. A file on disk cannot hold a lone one (it is not UTF-8), but a
 * `\u` escape in double quotes can write one (`name: "Ana \uD83D"`), and UTF-8 cannot carry it on.
 */

/** Either half of a surrogate pair, lone or not (an emoji holds two). */
export const SURROGATE = /[\uD800-\uDFFF]/;

/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first lone half of a surrogate pair in `text`, if any; most text holds no surrogate at all. */
export function loneSurrogateIn(text: string): string | undefined {
  return SURROGATE.test(text) ? LONE_SURROGATE.exec(text)?.[0] : undefined;
}
