/**
 * Text kept one byte a character. V8 keeps a string whose characters all fit in one byte with one
 * byte each, and a string joined from such strings too; a string cut from, replaced in or joined
 * with one of two bytes a character is two bytes a character whatever its own characters. One such
 * piece in a page of many megabytes doubles the memory joining, holding and writing it takes.
 */

const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** Whether `text` holds a character beyond U+00FF (half a surrogate pair among them). */
export function holdsBeyondLatin1(text: string): boolean {
  return BEYOND_LATIN1.test(text);
}

/** A copy of `text`, which holds no character beyond U+00FF, one byte a character. */
export function oneByteCopy(text: string): string {
  return Buffer.from(text, "latin1").toString("latin1");
}
