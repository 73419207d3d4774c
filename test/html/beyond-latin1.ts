/**
 * `html` with every character beyond U+00FF written as an upper-case hexadecimal reference, as the
 * plugin's own markup writes them (`plugin/html/escape.ts`): what the page's serializer writes,
 * read the way the plugin writes it. The serializer writes those characters as they are, and never
 * a reference to one, so this changes nothing else.
 */
export function referencedBeyondLatin1(html: string): string {
  return html.replace(/[^\0-\xff]/gu, (character) => `&#x${(character.codePointAt(0) ?? 0).toString(16).toUpperCase()};`);
}
