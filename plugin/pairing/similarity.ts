/**
 * How close two sets of focus areas are when they share none: the measure behind "closest
 * mentors" for a mentee nobody could take and "closest topics" for an area no mentor offers.
 * Word overlap, not spelling: "Product strategy" is near "Product discovery" and far from
 * "Production incidents".
 */
import { matchingForm } from "../team/model/directory.js";

/** Words too common in focus areas to say anything about closeness. */
const STOP_WORDS = new Set(["a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with", "mentor", "mentoring"]);

/**
 * The words of an area in matching form, a plural `s` dropped ("interviews" meets "interview"),
 * without words that appear in every other area.
 */
export function areaWords(area: string): ReadonlySet<string> {
  const words = new Set<string>();
  for (const word of matchingForm(area.replace(/_/g, " ")).split(/[^\p{L}\p{M}\p{N}+#]+/u)) {
    if (word === "" || STOP_WORDS.has(word)) continue;
    words.add(word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);
  }
  return words;
}

/** Jaccard similarity of two word sets: 0 (no word shared) to 1 (the same words). */
export function wordSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * How well `offered` covers `wanted`: for each wanted area, the best similarity with an offered
 * one, summed. Pure; 0 when nothing is near.
 */
export function coverage(wanted: readonly string[], offered: readonly string[]): number {
  const offeredWords = offered.map(areaWords);
  let total = 0;
  for (const area of wanted) {
    const words = areaWords(area);
    let best = 0;
    for (const other of offeredWords) best = Math.max(best, wordSimilarity(words, other));
    total += best;
  }
  return total;
}

/**
 * The `limit` topics nearest to `area` that share at least one word with it, nearest first (ties
 * in the given order).
 */
export function closestTopics(area: string, topics: readonly string[], limit = 3): string[] {
  const words = areaWords(area);
  return topics
    .map((topic, index) => ({ topic, index, score: wordSimilarity(words, areaWords(topic)) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.topic);
}
