/**
 * Whether two lists of strings hold the same items: in the same order, or as many times each in
 * any order. A watch-mode build asks this of a 20,000-card page's ids after one edit, where the
 * lists differ, if at all, only where one card moved.
 */

/** The same strings in the same order. */
export function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The same strings as many times each, in any order. The common beginning and end are passed by
 * in step, and only what lies between them is counted: a card moved within a page leaves the
 * lists equal outside the stretch between its old and new places.
 */
export function sameCounts(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  let start = 0;
  let end = a.length;
  while (start < end && a[start] === b[start]) start++;
  while (end > start && a[end - 1] === b[end - 1]) end--;
  if (start === end) return true;
  const counts = new Map<string, number>();
  for (let i = start; i < end; i++) {
    const value = a[i] as string;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  for (let i = start; i < end; i++) {
    const value = b[i] as string;
    const left = counts.get(value) ?? 0;
    if (left === 0) return false;
    counts.set(value, left - 1);
  }
  return true;
}
