/**
 * Escaping of HTML text and attribute values exactly as the pages' serializer (hast-util-to-html,
 * with its defaults) writes them, so that markup written as text reads byte for byte as the same
 * tree serialized would: text escapes `<` and `&`; double-quoted attribute values escape NUL, `"`,
 * `&`, `'` and the backtick; each as an upper-case hexadecimal reference.
 */

const textSpecial = /[&<]/;
const textSpecials = /[&<]/g;
const attributeSpecial = /[\0"&'`]/;
const attributeSpecials = /[\0"&'`]/g;

function reference(character: string): string {
  return `&#x${(character.codePointAt(0) ?? 0).toString(16).toUpperCase()};`;
}

/** Text content, escaped. */
export function escapeTextValue(value: string): string {
  return textSpecial.test(value) ? value.replace(textSpecials, reference) : value;
}

/** A double-quoted attribute value, escaped. */
export function escapeAttribute(value: string): string {
  return attributeSpecial.test(value) ? value.replace(attributeSpecials, reference) : value;
}
