/**
 * "Did you mean …?" for every message that offers one: keys, enum values, slugs, shortcode names,
 * anchors. One distance and one search, so every suggestion follows the same rules.
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[(i - 1) * cols + j] ?? 0) + 1, (d[i * cols + j - 1] ?? 0) + 1, (d[(i - 1) * cols + j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1] ?? 0;
}

/**
 * The candidate nearest to `word` (the first of equals), if within `limit` edits of it; `limit`
 * may depend on the candidate. Candidates whose length alone puts them out of reach are skipped,
 * so a long value costs nothing.
 */
export function closestMatch(
  word: string,
  candidates: Iterable<string>,
  limit: number | ((candidate: string) => number),
  options: { readonly ignoreCase?: boolean } = {},
): string | undefined {
  const fold = (s: string): string => (options.ignoreCase ? s.toLowerCase() : s);
  const target = fold(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const reach = typeof limit === "number" ? limit : limit(candidate);
    const gap = Math.abs(target.length - candidate.length);
    if (gap > reach || gap >= bestDistance) continue;
    const d = editDistance(target, fold(candidate));
    if (d <= reach && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** The usual reach for a typo: two edits, or a third of the word for long words. */
export function typoReach(word: string): number {
  return Math.max(2, Math.floor(word.length / 3));
}
