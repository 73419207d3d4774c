// Counts in words, for every message the project prints or a page announces: the build imports
// this file and the browser loads it as it is, so both say "1 mentor" and "2 mentors" alike.

/**
 * `1 mentor`, `2 mentors`: a count with its noun.
 * @param {number} n
 * @param {string} one the noun for one
 * @param {string} [many] the noun for any other count (default: `one` and "s")
 * @returns {string}
 */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
