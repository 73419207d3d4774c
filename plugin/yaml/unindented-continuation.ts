/**
 * Text heuristics for the quoted scalars that continue at column 1: cheap scans of a file's lines
 * that decide whether it is worth parsing with positions (see `parseYaml`'s `positions` option).
 */

/**
 * Whether a quoted value may continue on a line that starts at column 1 (the form newer YAML
 * parsers reject, reported as a warning): a line at column 1 that is not `key: …`, a comment or a
 * list item, or a value that opens a quote without closing it on its line. Only such files are
 * parsed with positions at once; anything this misses only loses the warning.
 */
export function mayContinueAtColumnOne(text: string): boolean {
  const quoted = quotedLines(text);
  let found = false;
  forEachLine(text, (start, end) => {
    found = isBareColumnOneLine(text, start, end) || (quoted(start, end) && opensUnclosedQuoteIn(text, start, end));
    return found;
  });
  return found;
}

/**
 * A test of whether the line from `start` to `end` holds a quote, for lines asked in order: most
 * lines hold none, and the next quote of each kind, found again only once passed, spares them
 * the reading of every character that the quotes' rule needs.
 */
function quotedLines(text: string): (start: number, end: number) => boolean {
  let single = -1;
  let double = -1;
  return (start, end) => {
    // `>>> 0` makes "none" (-1) the largest offset, past every line.
    if (single < start) single = text.indexOf("'", start) >>> 0;
    if (double < start) double = text.indexOf('"', start) >>> 0;
    return single < end || double < end;
  };
}

/**
 * Call `visit(start, end)` for each line of `text` (a lone CR ends a line too, as in YAML) until it
 * returns true. One pass over the text: every check below looks only inside its line, so a file
 * with CR-only line ends or no comment costs what its length says.
 */
function forEachLine(text: string, visit: (start: number, end: number) => boolean): void {
  // The next LF and the next CR, each found again only once passed: every character is read once.
  let lf = -1;
  let cr = -1;
  for (let start = 0; start <= text.length;) {
    if (lf < start) lf = text.indexOf("\n", start) >>> 0;
    if (cr < start) cr = text.indexOf("\r", start) >>> 0;
    const end = Math.min(lf, cr, text.length);
    if (visit(start, end) || end === text.length) return;
    start = end + (end === cr && cr + 1 === lf ? 2 : 1);
  }
}

/** A non-empty line at column 1 that is not a comment, a list item or `key:` followed by a space or its end. */
function isBareColumnOneLine(text: string, start: number, end: number): boolean {
  if (start === end) return false;
  const first = text.charCodeAt(start);
  if (first === 0x20 || first === 0x09 || first === 0x23 || first === 0x2d) return false;
  if (first > 0x7f && /\s/.test(text.charAt(start))) return false;
  for (let at = text.indexOf(":", start); at !== -1 && at < end; at = text.indexOf(":", at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (at + 1 === end || next === 0x20 || next === 0x09) return false;
  }
  return true;
}

/**
 * Whether a line holds `key: 'text` (or `"`) without that quote again later on the line, the
 * colon not in a comment.
 */
export function opensUnclosedQuote(text: string): boolean {
  const quoted = quotedLines(text);
  let found = false;
  forEachLine(text, (start, end) => (found = quoted(start, end) && opensUnclosedQuoteIn(text, start, end)));
  return found;
}

function opensUnclosedQuoteIn(text: string, start: number, end: number): boolean {
  // Where each quote last occurs on the line: a quote opened before it is closed on the line.
  let lastSingle = -1;
  let lastDouble = -1;
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x27) lastSingle = at;
    else if (c === 0x22) lastDouble = at;
  }
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x23) return false;
    if (c !== 0x3a) continue;
    let value = at + 1;
    let v = text.charCodeAt(value);
    if (v !== 0x20 && v !== 0x09) continue;
    while (value < end && (v === 0x20 || v === 0x09)) v = text.charCodeAt(++value);
    if (value >= end || (v !== 0x27 && v !== 0x22)) continue;
    const last = v === 0x27 ? lastSingle : lastDouble;
    if (last <= value) return true;
  }
  return false;
}
