/**
 * Escaping of HTML text and attribute values for the markup the plugin writes itself (shortcode
 * output, sanitized roles). It escapes what the pages' serializer (hast-util-to-html, with its
 * defaults) escapes, each as an upper-case hexadecimal reference: in text `<` and `&`; in
 * double-quoted attribute values NUL, `"`, `&`, `'` and the backtick. It also writes every
 * character beyond U+00FF as a reference, which a browser reads as the character itself.
 *
 * Why the last: so that a page joined from this markup stays one byte a character (see
 * `plugin/text/one-byte.ts`); one name in another script made the whole team page two bytes a
 * character, 16 million of them at 20,000 members, on every build and every watch-mode edit.
 */
import { holdsBeyondLatin1, oneByteCopy } from "../text/one-byte.js";

const textSpecial = /[&<\u0100-\uffff]/;
const textSpecials = /[&<]|[^\0-\xff]/gu;
const attributeSpecial = /[\0"&'`\u0100-\uffff]/;
const attributeSpecials = /[\0"&'`]|[^\0-\xff]/gu;

function reference(character: string): string {
  return `&#x${(character.codePointAt(0) ?? 0).toString(16).toUpperCase()};`;
}

/**
 * `escaped` one byte a character: replacing in a string of two bytes a character gives one of two
 * bytes a character, even with no character beyond U+00FF left, and `escaped` has none.
 */
function narrowed(value: string, escaped: string): string {
  return holdsBeyondLatin1(value) ? oneByteCopy(escaped) : escaped;
}

/** Text content, escaped. */
export function escapeTextValue(value: string): string {
  return textSpecial.test(value) ? narrowed(value, value.replace(textSpecials, reference)) : value;
}

/** A double-quoted attribute value, escaped. */
export function escapeAttribute(value: string): string {
  return attributeSpecial.test(value) ? narrowed(value, value.replace(attributeSpecials, reference)) : value;
}
