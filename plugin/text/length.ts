/**
 * The length of `text` in characters as JSON Schema counts them (code points, so an emoji is one),
 * read once: a value may be a megabyte.
 */
export function codePointLength(text: string): number {
  let pairs = 0;
  for (let at = 0; at < text.length - 1; at++) {
    const unit = text.charCodeAt(at);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs += 1;
        at += 1;
      }
    }
  }
  return text.length - pairs;
}
