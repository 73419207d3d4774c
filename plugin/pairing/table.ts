/**
 * Application files as tables: CSV as form tools export it, or YAML (a list of mappings), read into
 * rows of known columns. Every row with data ends as a row or as an error naming it; only wholly
 * empty rows are skipped (spreadsheets export them). Unknown columns are ignored, since form
 * exports carry timestamps and e-mail addresses.
 */
import type { Diagnostic } from "../diagnostics/index.js";
import { parseYaml, YamlSyntaxError } from "../yaml/parse.js";
import type { SourceNode, SourcePoint } from "../yaml/source.js";
import type { Problems } from "../diagnostics/problems.js";
import { applicationProblems, type ApplicationRule } from "./application-rules.js";
import { aliasMap, columnKey, type Column } from "./columns.js";
import { parseCsv, type CsvRecord } from "./csv.js";
import type { RowSource } from "./pair.js";

export type TableFormat = "csv" | "yaml";

/** `csv` for `.csv`, `yaml` for `.yml`/`.yaml`, else undefined. */
export function tableFormatOf(file: string): TableFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".yml") || lower.endsWith(".yaml")) return "yaml";
  return undefined;
}

export interface Cell {
  readonly value: string | readonly string[];
  readonly line: number;
  readonly column: number;
}

export interface TableRow {
  /** `row` in CSV (numbered as in a spreadsheet), `item` in a YAML list. */
  readonly unit: "row" | "item";
  /** `row 3`, `item 3`. */
  readonly label: string;
  readonly source: RowSource;
  readonly column: number;
  readonly cells: ReadonlyMap<Column, Cell>;
}

export interface Table {
  readonly rows: TableRow[];
  readonly diagnostics: Diagnostic[];
  /** Rows with data, including those rejected while reading the table. */
  read: number;
  rejected: number;
}

/** What a table is read for: its columns and their aliases, the columns it needs (one of each group), what its rows are. */
interface TableShape {
  readonly columns: Partial<Record<Column, readonly string[]>>;
  readonly aliases: ReadonlyMap<string, Column>;
  readonly required: readonly (readonly Column[])[];
  readonly what: string;
}

/** Read either format into rows of known columns, reporting what cannot be read. */
export function readTable(
  text: string,
  options: { readonly file: string; readonly format: TableFormat },
  columns: Partial<Record<Column, readonly string[]>>,
  required: readonly (readonly Column[])[],
  what: string,
): Table {
  const problems = applicationProblems(options.file);
  const table: Table = { rows: [], diagnostics: problems.diagnostics, read: 0, rejected: 0 };
  const shape: TableShape = { columns, aliases: aliasMap(columns), required, what };
  if (options.format === "csv") readCsvTable(text, options.file, shape, table, problems);
  else readYamlTable(text, options.file, shape, table, problems);
  return table;
}

function readCsvTable(text: string, file: string, shape: TableShape, table: Table, problems: Problems<ApplicationRule>): void {
  const { records } = parseCsv(text);
  const headerAt = records.findIndex((r) => r.fields.some((f) => f.trim() !== ""));
  if (headerAt === -1) {
    problems.report("pairing-empty", {}, `no ${shape.what} in this file`);
    return;
  }
  const header = records[headerAt] as (typeof records)[number];
  if (header.error) {
    problems.report("pairing-syntax", header.error, `header row: ${header.error.message}`);
    return;
  }
  const indexOf = csvColumns(header, shape, problems);
  if (!indexOf) return;
  for (const record of records.slice(headerAt + 1)) {
    if (!record.fields.some((f) => f.trim() !== "")) continue;
    table.read += 1;
    const row = csvRow(record, header, indexOf, file, problems);
    if (row) table.rows.push(row);
    else table.rejected += 1;
  }
}

/** The field index of each known column of `header`; undefined (reported) when a column repeats or one needed is missing. */
function csvColumns(header: CsvRecord, shape: TableShape, problems: Problems<ApplicationRule>): Map<Column, number> | undefined {
  const indexOf = new Map<Column, number>();
  const ignored: string[] = [];
  for (let k = 0; k < header.fields.length; k++) {
    const name = header.fields[k] as string;
    const column = shape.aliases.get(columnKey(name));
    if (column === undefined) {
      if (name.trim()) ignored.push(name.trim());
      continue;
    }
    const before = indexOf.get(column);
    if (before !== undefined) {
      problems.report(
        "pairing-header",
        header.points[k] ?? header,
        `columns "${header.fields[before]}" and "${name}" both give the ${column}; keep one`,
      );
      return undefined;
    }
    indexOf.set(column, k);
  }
  const describe = (need: readonly Column[]): string => need.map((c) => `\`${(shape.columns[c] as readonly string[])[0]}\``).join(" or ");
  for (const need of shape.required) {
    if (!need.some((c) => indexOf.has(c))) {
      const hint =
        `name a column ${describe(need)}` + (ignored.length ? `; columns found: ${ignored.map((n) => `"${n}"`).join(", ")}` : "");
      problems.report("pairing-header", { line: header.line, column: 1 }, `the header has no ${need.join(" or ")} column`, { hint });
      return undefined;
    }
  }
  return indexOf;
}

/** One CSV record with data as a row; undefined (reported) when it is malformed or has more fields than the header. */
function csvRow(
  record: CsvRecord,
  header: CsvRecord,
  indexOf: ReadonlyMap<Column, number>,
  file: string,
  problems: Problems<ApplicationRule>,
): TableRow | undefined {
  const source = { file, row: record.row, line: record.line };
  if (record.error) {
    problems.report("pairing-syntax", record.error, `row ${record.row}: ${record.error.message}; the row is not used`);
    return undefined;
  }
  const extra = record.fields.findIndex((f, k) => k >= header.fields.length && f.trim() !== "");
  if (extra !== -1) {
    problems.report(
      "pairing-extra-fields",
      record.points[extra] ?? record,
      `row ${record.row} has ${record.fields.length} fields but the header has ${header.fields.length}; the row is not used`,
      { hint: "a field holding the delimiter must be in double quotes" },
    );
    return undefined;
  }
  const cells = new Map<Column, Cell>();
  for (const [column, k] of indexOf) {
    const value = record.fields[k] ?? "";
    const point = record.points[k] ?? record.points[record.points.length - 1] ?? { line: record.line, column: 1 };
    if (value.trim() !== "") cells.set(column, { value, line: point.line, column: point.column });
  }
  return { unit: "row", label: `row ${record.row}`, source, column: 1, cells };
}

function readYamlTable(text: string, file: string, shape: TableShape, table: Table, problems: Problems<ApplicationRule>): void {
  let parsed;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      problems.report("pairing-syntax", error.point ?? {}, error.message);
      return;
    }
    throw error;
  }
  if (parsed.value === null || parsed.value === undefined) {
    problems.report("pairing-empty", {}, `no ${shape.what} in this file`);
    return;
  }
  if (!Array.isArray(parsed.value)) {
    problems.report("pairing-syntax", parsed.source?.start ?? {}, `expected a list of ${shape.what}, one \`- slug: …\` item each`);
    return;
  }
  parsed.value.forEach((item: unknown, index: number) => {
    const node: SourceNode | undefined = parsed.source?.items?.[index];
    table.read += 1;
    const row = yamlRow(item, index, node, file, shape, problems);
    if (row) table.rows.push(row);
    else table.rejected += 1;
  });
}

/** One item of a YAML list as a row; undefined (reported) when it is not a mapping or a known key repeats or holds a mapping. */
function yamlRow(
  item: unknown,
  index: number,
  node: SourceNode | undefined,
  file: string,
  shape: TableShape,
  problems: Problems<ApplicationRule>,
): TableRow | undefined {
  const start = node?.start ?? { line: 1, column: 1 };
  const source = { file, row: index + 1, line: start.line };
  if (item === null || typeof item !== "object" || Array.isArray(item)) {
    problems.report("pairing-syntax", start, `item ${index + 1} is not a mapping; the item is not used`, {
      hint: "write `- slug: …` with one key per line below it",
    });
    return undefined;
  }
  const cells = new Map<Column, Cell>();
  const keys = new Map<Column, string>();
  let bad = false;
  for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
    const column = shape.aliases.get(columnKey(key));
    if (column === undefined) continue;
    const at = node?.entries?.get(key)?.start ?? start;
    const before = keys.get(column);
    if (before !== undefined) {
      problems.report(
        "pairing-header",
        at,
        `item ${index + 1}: keys "${before}" and "${key}" both give the ${column}; the item is not used`,
      );
      bad = true;
      continue;
    }
    keys.set(column, key);
    if (value === null || value === undefined) continue;
    const cell = yamlCell(value, key, index, at, problems);
    if (cell === undefined) bad = true;
    else if (typeof cell === "string" ? cell.trim() !== "" : cell.length > 0)
      cells.set(column, { value: cell, line: at.line, column: at.column });
  }
  return bad ? undefined : { unit: "item", label: `item ${index + 1}`, source, column: start.column, cells };
}

/** A YAML value as a cell's text or list of texts; undefined (reported) for a mapping or a list of other things. */
function yamlCell(
  value: unknown,
  key: string,
  index: number,
  at: SourcePoint,
  problems: Problems<ApplicationRule>,
): string | string[] | undefined {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) return value.map(String);
  problems.report(
    "pairing-field-type",
    at,
    `item ${index + 1}: \`${key}\` must be text, a number or a list of texts; the item is not used`,
    { field: key },
  );
  return undefined;
}

/** The trimmed text of a cell (a list joined with `; `); undefined when empty. */
export function cellText(cell: Cell | undefined): string | undefined {
  if (!cell) return undefined;
  const value = typeof cell.value === "string" ? cell.value : cell.value.join("; ");
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}
