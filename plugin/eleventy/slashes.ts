/**
 * Slashes trimmed from the ends of a URL or path, by counting. `/\/+$/` is tried from every slash
 * of a run until one reaches the end, so a long run of slashes followed by anything else costs the
 * square of its length.
 */

const SLASH = 0x2f;

/** `text` without the slashes it ends with, and with `leading`, without those it starts with too. */
export function trimSlashes(text: string, leading = false): string {
  let start = 0;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === SLASH) end -= 1;
  if (leading) while (start < end && text.charCodeAt(start) === SLASH) start += 1;
  return text.slice(start, end);
}
