/**
 * YAML syntax errors explained for the people who make them. The parser says where it gave up,
 * which is often a line after the mistake, or past the end of the file, in words only a parser
 * writer reads ("a multiline key may not be an implicit key"). Most broken team files show one of a
 * few shapes; each is recognised from the text around the parser's place, and answered with the
 * line to change and what to write there.
 */
import type { SourcePoint } from "./source.js";
import { plural } from "../text/plural.js";

/** The mistakes recognised, each answered in its own words. */
type SyntaxShape =
  | "tab"
  | "unclosed-quote"
  | "quote-closed-early"
  | "duplicate-key"
  | "missing-space"
  | "missing-colon"
  | "colon-in-value"
  | "list-item"
  | "stray-character"
  | "indentation"
  | "second-document"
  | "block-not-indented"
  | "unclosed-bracket"
  | "other";

interface SyntaxExplanation {
  readonly shape: SyntaxShape;
  /** What is wrong, in plain words; the parser's own words follow in parentheses. */
  readonly message: string;
  /** What to write instead. */
  readonly hint: string;
  /** Always on a line of the file: the line to change. */
  readonly point: SourcePoint;
}

/** What the parser said, and where. */
interface ParserFailure {
  readonly reason: string;
  /** Where the parser gave up (1-based); may be past the end of the text. */
  readonly mark: SourcePoint | undefined;
  /** Where the quoted value the parser was reading at the end of the text opens. */
  readonly openQuote?: SourcePoint | undefined;
}

/** One line of the file, split once. */
interface Line {
  readonly number: number;
  readonly text: string;
  readonly indent: number;
  /** Blank or only a comment. */
  readonly empty: boolean;
}

/**
 * Lines are read this far at most: every answer needs only the start of a line, and a line may be
 * a megabyte long, which some of the patterns below would take quadratic time over.
 */
const LINE_LIMIT = 2_000;

/** The lines of `text` (LF, CRLF or a lone CR), each read once: a file may hold a hundred thousand. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let lf = -1;
  let cr = -1;
  for (let start = 0; ;) {
    if (lf < start) lf = text.indexOf("\n", start) >>> 0;
    if (cr < start) cr = text.indexOf("\r", start) >>> 0;
    const end = Math.min(lf, cr, text.length);
    lines.push(lineAt(text, start, Math.min(end, start + LINE_LIMIT), lines.length + 1));
    if (end === text.length) return lines;
    start = end + (end === cr && cr + 1 === lf ? 2 : 1);
  }
}

function lineAt(text: string, start: number, end: number, number: number): Line {
  let indent = 0;
  while (start + indent < end && text.charCodeAt(start + indent) === 0x20) indent += 1;
  let first = start + indent;
  while (first < end && /\s/.test(text.charAt(first))) first += 1;
  return { number, text: text.slice(start, end), indent, empty: first === end || text.charCodeAt(first) === 0x23 };
}

/** `name: value` (or `- name: value`): indentation, the item dash, the key, and what follows the colon. */
const ENTRY = /^( *)(- +)?([^\s#'"\-?:,[\]{}&*!|>%@`][^:#]*|"[^"]*" *|'[^']*' *):(?=[ \t]|$)(.*)$/;

interface Entry {
  readonly indent: number;
  readonly key: string;
  /** Column (1-based) of the key. */
  readonly column: number;
  readonly value: string;
}

/** `text` up to a comment (` #` and what follows), the space kept: callers trim. */
function withoutComment(text: string): string {
  const at = text.search(/\s#/);
  return at === -1 ? text : text.slice(0, at);
}

function entryOf(line: Line | undefined): Entry | undefined {
  const m = line ? ENTRY.exec(line.text) : null;
  if (!m) return undefined;
  const indent = (m[1] ?? "").length + (m[2] ?? "").length;
  return { indent, key: (m[3] ?? "").trim(), column: indent + 1, value: withoutComment(m[4] ?? "").trim() };
}

const code = (text: string): string => `\`${text.length > 50 ? `${text.slice(0, 50)}…` : text}\``;

/** The parser's words, kept for those who want them. */
const theirs = (reason: string): string => ` (YAML parser: ${reason})`;

function spaces(n: number): string {
  return plural(n, "space");
}

/**
 * Explain a failed parse of `text`. Every answer points at a line of the text (never past its
 * end), the line the contributor has to change.
 */
export function explainSyntaxError(text: string, failure: ParserFailure): SyntaxExplanation {
  const lines = splitLines(text);
  const last = lastContentLine(lines);
  // The parser's line, moved back onto the text when it is past the end or on a blank line.
  const markLine = Math.min(failure.mark?.line ?? last, lines.length);
  const at = nearestContent(lines, markLine) ?? last;
  // The more certain answers first: a tab or an open quote makes the parser fail in ways that
  // look like the shapes further down (a bad indentation, a line without a colon).
  const explain =
    tab(lines, at, failure) ??
    openQuote(lines, failure) ??
    quoteClosedEarly(lines, at, failure) ??
    unclosedQuote(lines, at) ??
    duplicateKey(lines, markLine, failure) ??
    secondDocument(lines, failure) ??
    unclosedBracket(lines, at, failure) ??
    blockNotIndented(lines, at) ??
    missingSpace(lines, at) ??
    colonInValue(lines, at, failure) ??
    listItem(lines, at) ??
    strayCharacter(lines, at) ??
    missingColon(lines, at) ??
    indentation(lines, at);
  if (explain) return { ...explain, message: explain.message + theirs(failure.reason) };
  const point = placeOnLines(lines, failure.mark);
  return {
    shape: "other",
    message: `line ${point.line} is not valid YAML${theirs(failure.reason)}`,
    hint:
      "compare the line with the ones around it: each field is `key: value` at the start of a line, " +
      "sub-fields and list items are indented by two spaces under their field",
    point,
  };
}

/**
 * A parser's place moved onto the text: a place past the end, or on a blank line, goes to the
 * nearest line above that has content (where Code Quality can anchor it in a diff).
 */
export function placeInText(text: string, point: SourcePoint | undefined): SourcePoint {
  return placeOnLines(splitLines(text), point);
}

function placeOnLines(lines: readonly Line[], point: SourcePoint | undefined): SourcePoint {
  const line = nearestContent(lines, Math.min(point?.line ?? lines.length, lines.length)) ?? 1;
  const text = lines[line - 1];
  const column = point && point.line === line ? point.column : (text?.indent ?? 0) + 1;
  return { line, column: Math.max(1, Math.min(column, (text?.text.length ?? 0) + 1)) };
}

function lastContentLine(lines: readonly Line[]): number {
  for (let i = lines.length - 1; i >= 0; i -= 1) if (!(lines[i] as Line).empty) return i + 1;
  return 1;
}

/** The line itself when it has content, else the nearest content line above it (else below). */
function nearestContent(lines: readonly Line[], line: number): number | undefined {
  for (let n = line; n >= 1; n -= 1) if (!(lines[n - 1] as Line).empty) return n;
  for (let n = line + 1; n <= lines.length; n += 1) if (!(lines[n - 1] as Line).empty) return n;
  return undefined;
}

function tab(lines: readonly Line[], at: number, failure: ParserFailure): SyntaxExplanation | undefined {
  const told = /\btab/.test(failure.reason);
  // A tab in the indentation of the parser's line or of a line above it.
  for (let n = told ? (failure.mark?.line ?? at) : at; n >= 1; n -= 1) {
    const line = lines[n - 1];
    if (!line) continue;
    const lead = /^[ \t]*/.exec(line.text)?.[0] ?? "";
    const column = lead.indexOf("\t") + 1;
    if (column > 0 && (told || !line.empty)) {
      // As deep as the line above, or two deeper under a field that opens with nothing after its colon.
      const above = previousContent(lines, n);
      const opens = above ? entryOf(above) : undefined;
      const wanted = above ? above.indent + (opens && !opens.value ? 2 : 0) : 0;
      return {
        shape: "tab",
        message: `line ${n} is indented with a tab; YAML allows only spaces at the start of a line`,
        hint:
          wanted === 0
            ? `remove the tab at the start of line ${n}`
            : `replace the indentation of line ${n} with ${spaces(wanted)}, like the lines around it`,
        point: { line: n, column },
      };
    }
    if (!told) break;
  }
  return undefined;
}

function quoteName(quote: string): string {
  return quote === '"' ? 'double quote (`"`)' : "single quote (`'`)";
}

/** The parser reached the end of the file inside a quoted value: the place to fix is where it opens. */
function openQuote(lines: readonly Line[], failure: ParserFailure): SyntaxExplanation | undefined {
  const open = failure.openQuote;
  if (!open || !/within a (?:single|double) quoted scalar/.test(failure.reason)) return undefined;
  const quote = lines[open.line - 1]?.text.charAt(open.column - 1) ?? '"';
  return unclosedAnswer(lines, open, quote);
}

function unclosedAnswer(lines: readonly Line[], open: SourcePoint, quote: string): SyntaxExplanation {
  const text = lines[open.line - 1]?.text ?? "";
  const example = `${text.slice(0, open.column - 1).trimStart()}${quote}${text.slice(open.column).trim()}${quote}`;
  return {
    shape: "unclosed-quote",
    message:
      `the ${quoteName(quote)} opened on line ${open.line} at column ${open.column} is never closed, ` +
      `so every line after it is read as part of that text`,
    hint: `end the text on line ${open.line} with a closing ${code(quote)}, e.g. ${code(example)}, or remove the opening one`,
    point: open,
  };
}

/**
 * Where the quoted value of a line ends: the offset of its closing quote in `text` after `start`
 * (`''` inside single quotes and `\"` inside double quotes are not the end), or -1.
 */
function closingQuote(text: string, start: number, quote: string): number {
  for (let i = start; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (quote === '"' && c === "\\") i += 1;
    else if (c === quote) {
      if (quote === "'" && text.charAt(i + 1) === "'") i += 1;
      else return i;
    }
  }
  return -1;
}

/** Offset, in the line, of the quote that opens its value (after `key: ` or `- `), or -1. */
function valueQuote(text: string): number {
  const m = /^( *(?:- +)*(?:[^\s#'"-][^:#]*:[ \t]+)?)(?:- +)?(["'])/.exec(text);
  if (!m) return -1;
  return text.indexOf(m[2] as string, (m[1] ?? "").length);
}

/** `story: 'I'm here'`: the quote ends at the apostrophe, and what follows it breaks the line. */
function quoteClosedEarly(lines: readonly Line[], at: number, failure: ParserFailure): SyntaxExplanation | undefined {
  if (!/bad indentation|expected|implicit key/.test(failure.reason)) return undefined;
  const line = lines[at - 1];
  if (!line) return undefined;
  const open = valueQuote(line.text);
  if (open === -1) return undefined;
  const quote = line.text.charAt(open);
  const close = closingQuote(line.text, open + 1, quote);
  if (close === -1) return undefined;
  const rest = line.text.slice(close + 1);
  if (/^\s*(?:#.*)?$/.test(rest)) return undefined;
  const inner = line.text
    .slice(open + 1)
    .replace(/\s#.*$/, "")
    .replace(new RegExp(`${quote}\\s*$`), "");
  const fixed = quote === "'" ? `'${inner.replace(/'/g, "''")}'` : `'${inner.replace(/\\"/g, '"').replace(/'/g, "''")}'`;
  return {
    shape: "quote-closed-early",
    message:
      `on line ${at} the ${quoteName(quote)} at column ${close + 1} ends the quoted text early, ` +
      `so ${code(rest.trim())} after it cannot be read`,
    hint:
      quote === "'"
        ? `inside '…' write an apostrophe twice: ${code(line.text.slice(0, open) + fixed)}`
        : `inside "…" write a quote as \\" or quote the whole text with '…': ${code(line.text.slice(0, open) + fixed)}`,
    point: { line: at, column: close + 1 },
  };
}

/**
 * A quote opened and not closed on its line, whose text runs on over lines that look like fields
 * (`picture: …`): the parser fails later, wherever the runaway text ends.
 */
function unclosedQuote(lines: readonly Line[], at: number): SyntaxExplanation | undefined {
  let open: { line: number; column: number; quote: string; indent: number } | undefined;
  for (const line of lines.slice(0, at)) {
    if (open) {
      const close = closingQuote(line.text, 0, open.quote);
      const before = close === -1 ? line.text : line.text.slice(0, close);
      // Text that continues a quoted value is not `key: value` at its key's indentation or less.
      const entry = entryOf({ ...line, text: before });
      if (entry && line.indent <= open.indent) return unclosedAnswer(lines, { line: open.line, column: open.column }, open.quote);
      if (close !== -1) {
        open = undefined;
        continue;
      }
    } else if (!line.empty) {
      const start = valueQuote(line.text);
      if (start !== -1 && closingQuote(line.text, start + 1, line.text.charAt(start)) === -1) {
        open = { line: line.number, column: start + 1, quote: line.text.charAt(start), indent: line.indent };
      }
    }
  }
  return undefined;
}

function duplicateKey(lines: readonly Line[], markLine: number, failure: ParserFailure): SyntaxExplanation | undefined {
  if (!/duplicated mapping key/.test(failure.reason)) return undefined;
  // The parser stops at the repeated key, or at the line after it when the key has no value.
  for (const n of [markLine, markLine - 1]) {
    const again = entryOf(lines[n - 1]);
    if (!again) continue;
    for (let m = n - 1; m >= 1; m -= 1) {
      const line = lines[m - 1] as Line;
      if (line.empty) continue;
      const first = entryOf(line);
      if (first && first.indent === again.indent && first.key === again.key) {
        return {
          shape: "duplicate-key",
          message: `\`${again.key}\` is written twice: first on line ${m}, again on line ${n}; each key may appear once`,
          hint: `keep one \`${again.key}:\`: remove line ${n} (and what belongs to it), or merge it into line ${m}`,
          point: { line: n, column: again.column },
        };
      }
      // A line indented less than the key ends the mapping that holds it.
      if (line.indent < again.indent && !/^ *- /.test(line.text)) break;
    }
    return {
      shape: "duplicate-key",
      message: `\`${again.key}\` on line ${n} is written twice in the same place; each key may appear once`,
      hint: `keep one \`${again.key}:\` and remove the other`,
      point: { line: n, column: again.column },
    };
  }
  return undefined;
}

function secondDocument(lines: readonly Line[], failure: ParserFailure): SyntaxExplanation | undefined {
  if (!/single document/.test(failure.reason)) return undefined;
  let content = false;
  for (const line of lines) {
    if (/^(?:---|\.\.\.)(?:[ \t]|$)/.test(line.text)) {
      if (content) {
        return {
          shape: "second-document",
          message: `line ${line.number} (${code(line.text.trim())}) starts a second entry; a team-member file holds one`,
          hint: `remove line ${line.number}, and the lines after it if they repeat the entry`,
          point: { line: line.number, column: 1 },
        };
      }
      if (line.text.startsWith("---") && /\S/.test(line.text.slice(3).replace(/#.*/, ""))) content = true;
    } else if (!line.empty && !line.text.startsWith("%")) content = true;
  }
  return undefined;
}

/** `departments: [Engineering`: a list or a set of sub-fields written on one line, never closed. */
function unclosedBracket(lines: readonly Line[], at: number, failure: ParserFailure): SyntaxExplanation | undefined {
  if (!/flow collection/.test(failure.reason)) return undefined;
  for (let n = at; n >= 1; n -= 1) {
    const entry = entryOf(lines[n - 1]);
    const open = entry?.value.charAt(0);
    if (!entry || (open !== "[" && open !== "{")) continue;
    const close = open === "[" ? "]" : "}";
    if (entry.value.includes(close)) continue;
    const column = (lines[n - 1] as Line).text.indexOf(open, entry.column + entry.key.length) + 1;
    return {
      shape: "unclosed-bracket",
      message:
        `the ${code(open)} on line ${n} opens ${open === "[" ? "a list" : "a set of sub-fields"} ` +
        `for \`${entry.key}\` that is never closed with ${code(close)}`,
      hint:
        open === "["
          ? `end the list with \`]\`: ${code(`${entry.key}: ${entry.value}]`)}; ` +
            `or write each item on its own line under \`${entry.key}:\`, as \`  - item\``
          : `end it with \`}\`: ${code(`${entry.key}: ${entry.value}}`)}; ` +
            `or write each sub-field on its own line under \`${entry.key}:\`, indented by two spaces`,
      point: { line: n, column },
    };
  }
  return undefined;
}

/** `expertise: |` followed by lines at column 1: the text of a block must be indented under its field. */
function blockNotIndented(lines: readonly Line[], at: number): SyntaxExplanation | undefined {
  for (let n = at; n >= 1; n -= 1) {
    const entry = entryOf(lines[n - 1]);
    if (!entry) continue;
    if (!/^[|>][-+0-9]*$/.test(entry.value)) {
      // The parser often stops at the field after the unindented text.
      if (n === at) continue;
      return undefined;
    }
    const first = lines.slice(n).find((l) => !l.empty);
    if (!first || first.number > at || first.indent > entry.indent || entryOf(first)) return undefined;
    let last = first.number;
    while (lines[last] && !entryOf(lines[last]) && ((lines[last] as Line).empty || (lines[last] as Line).indent <= entry.indent)) last += 1;
    while (last > first.number && (lines[last - 1] as Line).empty) last -= 1;
    const range = last > first.number ? `lines ${first.number} to ${last}` : `line ${first.number}`;
    return {
      shape: "block-not-indented",
      message:
        `the text of \`${entry.key}\` after \`${entry.value}\` (line ${n}) must be indented under it, ` +
        `but line ${first.number} starts at column ${first.indent + 1}`,
      hint: `indent ${range} by ${spaces(entry.indent + 2)}`,
      point: { line: first.number, column: first.indent + 1 },
    };
  }
  return undefined;
}

/** `mentor:true`: without a space after the colon, YAML reads one word, not a key and a value. */
function missingSpace(lines: readonly Line[], at: number): SyntaxExplanation | undefined {
  for (let n = at; n >= Math.max(1, at - 2); n -= 1) {
    const line = lines[n - 1] as Line;
    const m = /^( *(?:- +)?)([A-Z_][\w.-]*):([^\s/:].*)$/i.exec(line.text);
    if (!m || entryOf(line)) continue;
    const [, lead = "", key = "", value = ""] = m;
    return {
      shape: "missing-space",
      message:
        `${code(`${key}:${value}`)} on line ${n} needs a space after the colon; ` +
        `without it YAML reads the line as one word, not as the field \`${key}\``,
      hint: `write ${code(`${lead.trimStart()}${key}: ${value}`)}`,
      point: { line: n, column: lead.length + key.length + 2 },
    };
  }
  return undefined;
}

/** `role: Engineer: Backend`: a colon and a space inside a value start another field. */
function colonInValue(lines: readonly Line[], at: number, failure: ParserFailure): SyntaxExplanation | undefined {
  if (!/bad indentation of a mapping entry/.test(failure.reason)) return undefined;
  const line = lines[at - 1] as Line;
  const entry = entryOf(line);
  if (!entry || !entry.value || /^["'|>[{]/.test(entry.value)) return undefined;
  const inner = entry.value.search(/:(?:\s|$)/);
  if (inner === -1) return undefined;
  const column = line.text.indexOf(entry.value, entry.column + entry.key.length) + inner + 1;
  return {
    shape: "colon-in-value",
    message: `the value of \`${entry.key}\` on line ${at} holds a colon that YAML reads as the start of another field`,
    hint: `put the whole value in quotes: ${code(`${entry.key}: "${entry.value.replace(/"/g, '\\"')}"`)}`,
    point: { line: at, column },
  };
}

/** `- item` where no list can start: after a field that has a value, or at the wrong place. */
function listItem(lines: readonly Line[], at: number): SyntaxExplanation | undefined {
  const line = lines[at - 1] as Line;
  if (!/^ *-(?: |$)/.test(line.text)) return undefined;
  // Right after another item, it is in a list: indented unlike its siblings, which is another answer.
  if (/^ *-(?: |$)/.test(previousContent(lines, at)?.text ?? "")) return undefined;
  const item = code(line.text.trim());
  // The field above at the item's indentation or less: the one the item was meant for, perhaps.
  for (let n = at - 1; n >= 1; n -= 1) {
    const above = lines[n - 1] as Line;
    if (above.empty || /^ *-(?: |$)/.test(above.text)) continue;
    if (above.indent > line.indent) continue;
    const entry = entryOf(above);
    if (!entry) break;
    const list = listFieldAbove(lines, n, line.indent);
    if (entry.value) {
      return {
        shape: "list-item",
        message:
          `line ${at} is a list item (${item}), ` + `but \`${entry.key}\` on line ${n} already has a value, so no list can start under it`,
        hint: list
          ? `move line ${at} up to the other items of \`${list.key}\` (line ${list.line})`
          : `if line ${at} belongs to \`${entry.key}\`, leave nothing after \`${entry.key}:\` on line ${n} ` +
            `and write each item on its own line, indented by two spaces (\`  - ${entry.value}\`); otherwise remove line ${at}`,
        point: { line: at, column: line.indent + 1 },
      };
    }
    break;
  }
  return {
    shape: "list-item",
    message: `line ${at} is a list item (${item}) outside of any list: a list goes right under its field`,
    hint:
      "write the field first, with nothing after its colon (`expertise:`), " +
      "and its items under it, indented by two spaces (`  - Ruby`); or remove the `- `",
    point: { line: at, column: line.indent + 1 },
  };
}

/** The nearest field above line `before` that holds a list at indentation `indent` or deeper. */
function listFieldAbove(lines: readonly Line[], before: number, indent: number): { key: string; line: number } | undefined {
  for (let n = before - 1; n >= 1; n -= 1) {
    const entry = entryOf(lines[n - 1]);
    if (entry && !entry.value && entry.indent <= indent && /^ *- /.test(lines[n]?.text ?? "")) return { key: entry.key, line: n };
  }
  return undefined;
}

/** Signs YAML reads specially at the start of a line: none begins a field. */
const STRAY = /^( *)([>|@`%}\],&*!?=<;])/;

function strayCharacter(lines: readonly Line[], at: number): SyntaxExplanation | undefined {
  // The parser may stop at the line after the stray sign (an anchor or tag runs on).
  for (const n of [at, at - 1]) {
    const line = lines[n - 1];
    const m = line ? STRAY.exec(line.text) : null;
    if (!m || !line) continue;
    const sign = m[2] === "`" ? "`` ` ``" : code(m[2] as string);
    const rest = line.text.slice((m[1] ?? "").length + 1);
    return {
      shape: "stray-character",
      message: `line ${n} starts with ${sign}, which YAML reads as a special sign, not as the start of a field`,
      hint:
        `remove the ${sign} at the start of line ${n}` +
        (entryOf({ ...line, text: (m[1] ?? "") + rest }) ? `: ${code(((m[1] ?? "") + rest).trim())}` : "") +
        `; if it belongs to the text, put the whole value in quotes`,
      point: { line: n, column: (m[1] ?? "").length + 1 },
    };
  }
  return undefined;
}

/** `picture` alone on a line: a field needs its colon. */
function missingColon(lines: readonly Line[], at: number): SyntaxExplanation | undefined {
  for (const n of [at, at - 1]) {
    const line = lines[n - 1];
    // A full-width colon (typed with an East Asian keyboard) looks like a colon, but is not one.
    const wide = line ? line.text.indexOf("\uFF1A") : -1;
    if (line && wide !== -1 && !line.text.slice(0, wide).includes(":")) {
      return {
        shape: "missing-colon",
        message: `line ${n} uses the full-width colon \`：\`, which YAML does not read as a colon`,
        hint: `replace \`：\` on line ${n} with \`:\` followed by a space: ${code(line.text.trim().replace(/\uFF1A\s*/, ": "))}`,
        point: { line: n, column: wide + 1 },
      };
    }
    if (!line || line.empty || /[:#"'[\]{}]/.test(line.text) || /^ *-/.test(line.text)) continue;
    const word = line.text.trim();
    if (!/^[A-Z_][\w.-]*$/i.test(word)) continue;
    return {
      shape: "missing-colon",
      message: `line ${n} (${code(word)}) has no colon: a field is written \`key: value\``,
      hint:
        `write ${code(`${word}: …`)} with its value after the colon and a space; ` +
        `if the line continues the text of the line above, indent it by two spaces`,
      point: { line: n, column: line.indent + 1 },
    };
  }
  return undefined;
}

/** A line indented unlike its siblings: too deep under a field that has a value, or between two levels. */
function indentation(lines: readonly Line[], at: number): SyntaxExplanation | undefined {
  const line = lines[at - 1] as Line;
  const prev = previousContent(lines, at);
  if (!prev) {
    if (line.indent === 0) return undefined;
    return {
      shape: "indentation",
      message: `line ${at} is indented by ${spaces(line.indent)}, but the first field of the file starts at column 1`,
      hint: `remove the spaces at the start of line ${at}`,
      point: { line: at, column: line.indent + 1 },
    };
  }
  const what = /^ *- /.test(line.text) ? "list item" : "field";
  const above = entryOf(prev);
  if (line.indent > prev.indent && above?.value && !/^[|>]/.test(above.value)) {
    return {
      shape: "indentation",
      message:
        `line ${at} is indented more than line ${prev.number}, ` +
        `but \`${above.key}\` on line ${prev.number} already has a value, so line ${at} cannot go under it`,
      hint: `start line ${at} at column ${prev.indent + 1}, like line ${prev.number} (remove ${spaces(line.indent - prev.indent)})`,
      point: { line: at, column: line.indent + 1 },
    };
  }
  if (line.indent < prev.indent) {
    // Between two levels: neither a sibling of the line above nor of its parent.
    const parent = parentOf(lines, prev.number, prev.indent);
    if (!parent && line.indent === 0) {
      // The field above opens the file indented: that is the line to change.
      return {
        shape: "indentation",
        message: `line ${prev.number} is indented by ${spaces(prev.indent)}, but the fields of the file start at column 1, like line ${at}`,
        hint: `remove the spaces at the start of line ${prev.number}`,
        point: { line: prev.number, column: 1 },
      };
    }
    if (parent && parent.indent < line.indent) {
      const parentEntry = entryOf(parent);
      const under = parentEntry ? ` under \`${parentEntry.key}\`` : "";
      return {
        shape: "indentation",
        message:
          `line ${at} is indented by ${spaces(line.indent)}, ` +
          `but the ${what}s${under} above it (line ${prev.number}) are indented by ${spaces(prev.indent)}`,
        hint:
          `indent line ${at} by ${spaces(prev.indent)}, like line ${prev.number}; ` +
          `or, if it is not part of \`${parentEntry?.key ?? "it"}\`, start it at column ${parent.indent + 1}`,
        point: { line: at, column: line.indent + 1 },
      };
    }
  }
  return undefined;
}

function previousContent(lines: readonly Line[], at: number): Line | undefined {
  for (let n = at - 1; n >= 1; n -= 1) if (!(lines[n - 1] as Line).empty) return lines[n - 1];
  return undefined;
}

/** The nearest line above `from` indented less than `indent`: the field that holds it. */
function parentOf(lines: readonly Line[], from: number, indent: number): Line | undefined {
  for (let n = from - 1; n >= 1; n -= 1) {
    const line = lines[n - 1] as Line;
    if (!line.empty && line.indent < indent) return line;
  }
  return undefined;
}
