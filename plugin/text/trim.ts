/**
 * `text` without the characters of `set` at its end (and, for `"both"`, at its start). A loop
 * rather than a pattern such as `/x+$/`, which retries from every position of a long run that
 * does not reach the end: each character is read at most once.
 */
export function trimCharacters(text: string, set: string, ends: "both" | "end" = "both"): string {
  let start = 0;
  let end = text.length;
  while (end > start && set.includes(text.charAt(end - 1))) end -= 1;
  if (ends === "both") while (start < end && set.includes(text.charAt(start))) start += 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
