// How text is compared, shared by the build (topic selection, pairing) and the browser (the
// directory's search field): one implementation, so a word typed on the page finds exactly the
// mentors the build would list for it.
//
// Plain JavaScript with JSDoc types, because the browser loads it as it is.

/**
 * The form in which text is compared: compatibility-normalized (NFKC), lower case, invisible
 * format characters removed, dashes unified, whitespace collapsed, trimmed.
 * @param {string} text
 * @returns {string}
 */
export function matchingForm(text) {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

// Team files are untrusted and this runs over every label, in the build and on every reader's
// keystroke: no pattern that can backtrack. Each run of non-space characters is looked at once,
// with scans that only move forward (a linear check per run, so linear in the text).
const WORD_RUN = /\S+/g;

/**
 * Text as it is searched: in `matchingForm`, with URLs and e-mail addresses written out in it
 * replaced by a space.
 * @param {string} text
 * @returns {string}
 */
export function searchableForm(text) {
  return matchingForm(text.replace(WORD_RUN, withoutAddress));
}

/**
 * A run of non-space characters with a URL or e-mail address in it cut off, where it starts, and
 * replaced by a space; the run itself when it holds none. A URL is written out in a label as an
 * address, not as a topic: `…/mentor-program` mentions no mentor.
 * @param {string} run
 * @returns {string}
 */
export function withoutAddress(run) {
  if (isMailAddress(run)) return " ";
  const start = urlStart(run);
  return start === -1 ? run : `${run.slice(0, start)} `;
}

/**
 * Whether a run of non-space characters reads as an e-mail address: an `@` after its first
 * character, and after that `@` a dot with at least one character on each side (`a@b.c`, and
 * also `@@x.y`: a run with an address in it is all address).
 * @param {string} run
 * @returns {boolean}
 */
function isMailAddress(run) {
  const at = run.indexOf("@", 1);
  if (at === -1) return false;
  const dot = run.indexOf(".", at + 2);
  return dot !== -1 && dot < run.length - 1;
}

/**
 * Where a URL starts in a run of non-space characters, -1 if nowhere: at the start of a word, a
 * scheme (`https://`, `git+ssh://`: a letter, then letters, digits, `+`, `.` or `-`, then `://`)
 * or `www.`, in any case.
 * @param {string} run
 * @returns {number}
 */
function urlStart(run) {
  // Where the run of scheme characters after the position looked at ends. Every position inside
  // one such run shares its end, so it is found once per run, not once per position.
  let schemeEnd = 0;
  for (let index = 0; index < run.length; index++) {
    const code = run.charCodeAt(index);
    if (!isSchemeLetter(code) || (index > 0 && isWordUnit(run.charCodeAt(index - 1)))) continue;
    if (startsWithWww(run, index)) return index;
    if (schemeEnd <= index + 1) {
      schemeEnd = index + 1;
      while (schemeEnd < run.length && isSchemeUnit(run.charCodeAt(schemeEnd))) schemeEnd++;
    }
    if (run.charCodeAt(schemeEnd) === 0x3a && run.startsWith("://", schemeEnd)) return index;
  }
  return -1;
}

/**
 * @param {string} run
 * @param {number} index
 * @returns {boolean}
 */
function startsWithWww(run, index) {
  for (let offset = 0; offset < 3; offset++) {
    if ((run.charCodeAt(index + offset) | 0x20) !== 0x77) return false;
  }
  return run.charCodeAt(index + 3) === 0x2e;
}

// The character classes of the former pattern under its `iu` flags, where case folding lets
// U+017F (ſ, folds to s) and U+212A (Kelvin sign, folds to k) count as ASCII letters.

/**
 * @param {number} code a UTF-16 code unit
 * @returns {boolean}
 */
function isSchemeLetter(code) {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || code === 0x17f || code === 0x212a;
}

/**
 * A word character, as `\b` sees it: a letter, a digit or `_`.
 * @param {number} code
 * @returns {boolean}
 */
function isWordUnit(code) {
  return isSchemeLetter(code) || isDigit(code) || code === 0x5f;
}

/**
 * @param {number} code
 * @returns {boolean}
 */
function isSchemeUnit(code) {
  return isSchemeLetter(code) || isDigit(code) || code === 0x2b || code === 0x2e || code === 0x2d;
}

/**
 * @param {number} code
 * @returns {boolean}
 */
function isDigit(code) {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Whether `haystack` (in `searchableForm`) contains `phrase` (in `matchingForm`) as a whole-word
 * phrase: the characters around the match are not letters, marks or digits, so "mentor" is found
 * in "Mentor - Remote Work" and not in "mentoring". Edges of the phrase that are not word
 * characters themselves ("C#", "-ops") need no boundary.
 * @param {string} haystack
 * @param {string} phrase
 * @returns {boolean}
 */
export function containsPhrase(haystack, phrase) {
  if (phrase === "") return false;
  const wordAtStart = isWordCharacter(phrase.codePointAt(0));
  const wordAtEnd = isWordCharacter(codePointBefore(phrase, phrase.length));
  for (let index = haystack.indexOf(phrase); index !== -1; index = haystack.indexOf(phrase, index + 1)) {
    const before = codePointBefore(haystack, index);
    const after = haystack.codePointAt(index + phrase.length);
    if ((!wordAtStart || !isWordCharacter(before)) && (!wordAtEnd || !isWordCharacter(after))) {
      return true;
    }
  }
  return false;
}

/**
 * Whether a skill matches `phrase` (in `matchingForm`): the phrase occurs as whole words in the
 * skill's visible label or in its domain key, where `_` separates words (`rest_api` is found by
 * "api" and by "rest_api").
 * @param {string} label
 * @param {string | undefined} domainKey
 * @param {string} phrase
 * @returns {boolean}
 */
export function skillTextMatches(label, domainKey, phrase) {
  if (phrase === "") return false;
  if (containsPhrase(searchableForm(label), phrase)) return true;
  return domainKey !== undefined && domainKey !== "" && containsPhrase(searchableForm(domainKey), phrase);
}

const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;

/**
 * A letter, mark or digit. A label can hold thousands of candidate matches that all fail on
 * their edges: ASCII, most of them, is answered without building a string.
 * @param {number | undefined} codePoint
 * @returns {boolean}
 */
function isWordCharacter(codePoint) {
  if (codePoint === undefined) return false;
  if (codePoint < 0x80) return ((codePoint | 0x20) >= 0x61 && (codePoint | 0x20) <= 0x7a) || isDigit(codePoint);
  return WORD_CHARACTER.test(String.fromCodePoint(codePoint));
}

/**
 * The code point that ends at `index` (a surrogate pair read as one), undefined at the start.
 * @param {string} text
 * @param {number} index
 * @returns {number | undefined}
 */
function codePointBefore(text, index) {
  if (index <= 0) return undefined;
  const last = text.charCodeAt(index - 1);
  const isLow = last >= 0xdc00 && last <= 0xdfff;
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
  return isLow && high >= 0xd800 && high <= 0xdbff ? text.codePointAt(index - 2) : last;
}
