/** Text as a reader sees it on one line: no invisible characters, one space between words. */

// Invisible characters that change how text is displayed or compared without being seen:
// zero-width characters, bidirectional overrides and isolates (which can reverse what a reader
// sees), soft hyphens, Hangul fillers, and C0/C1 controls other than whitespace.
// Classes of single code points; the combining ones (U+034F, U+180B–U+180F) are listed on purpose.
/* eslint-disable no-misleading-character-class -- matching these characters is the point */
const INVISIBLE = new RegExp(
  "[" +
    "\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F" +
    "\\u200B\\u200C\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF0-\\uFFF8" +
    "]",
  "gu",
);
/* eslint-enable no-misleading-character-class */

// The zero-width joiner builds emoji sequences (👩‍💻) and must stay there; anywhere else it is
// one more invisible character.
const STRAY_JOINER = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

const WHITESPACE_RUN = /\s+/gu;

/** Remove invisible control and format characters (see above), keeping emoji sequences intact. */
export function removeInvisible(value: string): string {
  return value.replace(INVISIBLE, "").replace(STRAY_JOINER, "");
}

/** Collapse every run of whitespace (line breaks included) into one space. */
export function collapseWhitespace(value: string): string {
  return value.replace(WHITESPACE_RUN, " ");
}

/**
 * Printable ASCII words with one space between them: what most names, places and labels are, and
 * what every step of `cleanText` leaves as it is. One simple search answers it, where the steps are
 * four passes with Unicode patterns. Words and spaces alternate, so the search never backtracks.
 */
const PLAIN = /^[\x21-\x7E]+(?: [\x21-\x7E]+)*$/;

/** Text as shown on one line: invisible characters removed, NFC, whitespace collapsed, trimmed. */
export function cleanText(value: string): string {
  if (PLAIN.test(value)) return value;
  return collapseWhitespace(removeInvisible(value).normalize("NFC")).trim();
}
