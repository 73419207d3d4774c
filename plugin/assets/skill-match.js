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

// A URL written out in a label is an address, not a topic: `…/mentor-program` mentions no mentor.
const URL_IN_TEXT = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*|\S[^\s@]*@\S+\.\S+/giu;

/**
 * Text as it is searched: in `matchingForm`, with URLs and e-mail addresses written out in it
 * replaced by a space.
 * @param {string} text
 * @returns {string}
 */
export function searchableForm(text) {
  return matchingForm(text.replace(URL_IN_TEXT, " "));
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
  const wordAtEnd = isWordCharacter(lastCodePoint(phrase));
  for (let index = haystack.indexOf(phrase); index !== -1; index = haystack.indexOf(phrase, index + 1)) {
    const before = index === 0 ? undefined : lastCodePoint(haystack.slice(0, index));
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
 * @param {number | undefined} codePoint
 * @returns {boolean}
 */
function isWordCharacter(codePoint) {
  if (codePoint === undefined) return false;
  return WORD_CHARACTER.test(String.fromCodePoint(codePoint));
}

/**
 * @param {string} value
 * @returns {number | undefined}
 */
function lastCodePoint(value) {
  const last = Array.from(value.slice(-2)).pop();
  return last === undefined ? undefined : last.codePointAt(0);
}
