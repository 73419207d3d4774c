/**
 * CSV as spreadsheets and form tools export it (RFC 4180): quoted fields, doubled quotes, line
 * breaks inside quotes, CRLF or LF. Parsing never throws: a malformed record carries its error, so
 * the rows around it are still read and the bad one is reported with its place.
 */

export type CsvDelimiter = "," | ";" | "\t";

/** A place in the text, 1-based. */
export interface CsvPoint {
  readonly line: number;
  readonly column: number;
}

export interface CsvRecord {
  /** Record number counting the header and blank lines: the row number a spreadsheet shows. */
  readonly row: number;
  /** Where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
  /** Where each field starts. */
  readonly points: readonly CsvPoint[];
  /** The first syntax problem of the record; its fields are then a best effort. */
  readonly error?: { readonly message: string } & CsvPoint;
}

interface CsvParseOptions {
  /** Default: guessed from the first line (`detectDelimiter`). */
  readonly delimiter?: CsvDelimiter;
}

export interface CsvTable {
  readonly delimiter: CsvDelimiter;
  readonly records: readonly CsvRecord[];
}

/**
 * The delimiter used by the first line: spreadsheets in many locales export `;`, and some tools
 * tabs. Counted outside quotes; a comma wins ties.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && (c === "," || c === ";" || c === "\t")) counts[c] += 1;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","] && counts["\t"] > counts[";"]) return "\t";
  return ",";
}

/** Where the parser stands in the text; `line` and `lineStart` follow every line break passed. */
interface Scan {
  readonly text: string;
  readonly delimiter: CsvDelimiter;
  i: number;
  line: number;
  lineStart: number;
}

type CsvError = NonNullable<CsvRecord["error"]>;

/** Parse CSV text into records. A leading byte-order mark is ignored. */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvTable {
  const delimiter = options.delimiter ?? detectDelimiter(text.replace(/^\uFEFF/, ""));
  const records: CsvRecord[] = [];
  const scan: Scan = { text, delimiter, i: text.charCodeAt(0) === 0xfeff ? 1 : 0, line: 1, lineStart: 0 };
  let row = 0;
  while (scan.i < text.length) {
    row += 1;
    const recordLine = scan.line;
    const fields: string[] = [];
    const points: CsvPoint[] = [];
    let error: CsvRecord["error"];
    for (;;) {
      const point = { line: scan.line, column: scan.i - scan.lineStart + 1 };
      points.push(point);
      const field = text[scan.i] === '"' ? readQuotedField(scan, point) : readPlainField(scan);
      fields.push(field.value);
      error ??= field.error;
      if (text[scan.i] === delimiter) {
        scan.i++;
        continue;
      }
      break;
    }
    let i = scan.i;
    if (text[i] === "\r") i += text[i + 1] === "\n" ? 2 : 1;
    else if (text[i] === "\n") i += 1;
    if (i > scan.lineStart && (text[i - 1] === "\n" || text[i - 1] === "\r")) {
      scan.line += 1;
      scan.lineStart = i;
    }
    scan.i = i;
    records.push(error ? { row, line: recordLine, fields, points, error } : { row, line: recordLine, fields, points });
  }
  return { delimiter, records };
}

function isEnd(scan: Scan, c: string | undefined): boolean {
  return c === undefined || c === scan.delimiter || c === "\n" || c === "\r";
}

/** Count the line breaks of a quoted stretch, so later places stay right. */
function advanceLines(scan: Scan, from: number, to: number): void {
  const { text } = scan;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) {
      scan.line += 1;
      scan.lineStart = k + 1;
    }
  }
}

/** The field that opens with a quote at `scan.i`, and its first problem; `scan` ends after it. */
function readQuotedField(scan: Scan, point: CsvPoint): { value: string; error?: CsvError | undefined } {
  const { text } = scan;
  const n = text.length;
  let error: CsvError | undefined;
  let value = "";
  let j = scan.i + 1;
  let closed = false;
  for (;;) {
    const quote = text.indexOf('"', j);
    if (quote === -1) {
      value += text.slice(j);
      advanceLines(scan, j, n);
      j = n;
      break;
    }
    value += text.slice(j, quote);
    advanceLines(scan, j, quote);
    if (text[quote + 1] === '"') {
      value += '"';
      j = quote + 2;
      continue;
    }
    j = quote + 1;
    closed = true;
    break;
  }
  if (!closed) error ??= { message: "this quote is never closed", ...point };
  if (!isEnd(scan, text[j])) {
    error ??= {
      message: "text follows the closing quote of this field; put the whole field in quotes and double any quote inside it",
      ...point,
    };
    const start = j;
    while (!isEnd(scan, text[j])) j++;
    value += text.slice(start, j);
  }
  scan.i = j;
  return { value, error };
}

/** The field without an opening quote at `scan.i`, and its first problem; `scan` ends after it. */
function readPlainField(scan: Scan): { value: string; error?: CsvError | undefined } {
  const { text } = scan;
  let error: CsvError | undefined;
  const start = scan.i;
  let i = scan.i;
  while (!isEnd(scan, text[i])) {
    if (text[i] === '"') {
      error ??= {
        message: "a quote inside a field that does not start with one; put the field in quotes and double the quote",
        line: scan.line,
        column: i - scan.lineStart + 1,
      };
    }
    i++;
  }
  scan.i = i;
  return { value: text.slice(start, i), error };
}

/**
 * Text a spreadsheet may run as a formula: a first `=`, `+`, `-` or `@`, also after spaces (some
 * importers trim them) and in their full-width and small forms (`＝`, `＋`, `－`, `＠`, `﹦` …),
 * which East Asian input methods type and some spreadsheets read as the ASCII ones; or a first tab
 * or carriage return (OWASP's CSV injection list), or line feed: importers that trim the cell
 * read what follows the line break first.
 */
const FORMULA_START = /^(?:[\t\n\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B])/;

/** Whether `text`, written as a CSV field, needs the guard quote (see `FORMULA_START`). */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * One CSV field. Quoted when it holds the delimiter, a quote, a line break or edge spaces.
 * `text` fields that a spreadsheet would run as a formula (`startsLikeFormula`) get a leading
 * `'`: applications are typed by anyone, and the output is opened in spreadsheets.
 */
export function csvField(value: string | number | boolean | undefined | null, delimiter: CsvDelimiter = ","): string {
  if (value === undefined || value === null) return "";
  let text = String(value);
  if (typeof value === "string" && startsLikeFormula(text)) text = `'${text}`;
  return text.includes(delimiter) || /["\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records as CSV text with CRLF line ends, as RFC 4180 writes them. */
export function formatCsvTable(
  rows: readonly (readonly (string | number | boolean | undefined | null)[])[],
  delimiter: CsvDelimiter = ",",
): string {
  return rows.map((fields) => fields.map((f) => csvField(f, delimiter)).join(delimiter) + "\r\n").join("");
}
