/**
 * Application files of a mentorship program: mentees (who they are, focus areas, time zone or
 * location, goal), mentors (optional: capacity, focus areas, time zone) and exclusions (pairs not
 * to suggest). CSV as form tools export it, or YAML (a list of mappings).
 *
 * Every row with data ends as an application or as an error naming its row: nothing is dropped
 * silently. Only wholly empty rows are skipped (spreadsheets export them). Column names are
 * matched loosely (`Focus areas (pick up to 3)` is `focus_areas`); unknown columns are ignored,
 * since form exports carry timestamps and e-mail addresses.
 */
import type { Diagnostic, Severity } from "../diagnostics/index.js";
import { matchingForm } from "../team/model/directory.js";
import { areaKey } from "./constraints.js";
import { editDistance } from "../text/suggest.js";
import type { Member } from "../team/entry.js";
import { parseYaml, YamlSyntaxError } from "../yaml/parse.js";
import { type SourceNode } from "../yaml/source.js";
import { parseCsv } from "./csv.js";
import type { RowSource } from "./pair.js";
import { REFERENCE_DATE, resolveLocation, resolveTimeZone, type ResolvedTimeZone } from "./timezones.js";

export type TableFormat = "csv" | "yaml";

/** `csv` for `.csv`, `yaml` for `.yml`/`.yaml`, else undefined. */
export function tableFormatOf(file: string): TableFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".yml") || lower.endsWith(".yaml")) return "yaml";
  return undefined;
}

/** Rule ids reported while reading applications, with what each checks. */
export const APPLICATION_RULES = {
  "pairing-syntax": "well-formed CSV (quotes closed, inner quotes doubled) or a YAML list of mappings",
  "pairing-header": "the columns needed are present, each once",
  "pairing-extra-fields": "no more fields than the header (a field holding a comma needs quotes)",
  "pairing-missing-member": "a row names a team member (slug or name)",
  "pairing-unknown-member": "the slug or name is a team member's (suggests the closest)",
  "pairing-ambiguous-name": "a name matches one team member only (else give the slug)",
  "pairing-duplicate": "nobody applies twice in one file",
  "pairing-capacity": "a capacity is a whole number from 0 to 1000",
  "pairing-field-type": "a YAML value is text, a number or a list of texts",
  "pairing-name-mismatch": "slug and name of a row are the same person (warning)",
  "pairing-time-zone": "the time zone or location can be read (warning; unknown is neutral)",
  "pairing-no-focus-area": "a mentee names at least one focus area (warning)",
  "pairing-empty": "the file holds at least one application (warning)",
} as const;

export type ApplicationRule = keyof typeof APPLICATION_RULES;

/** The team as the readers look members up: by slug, by name, and slugs whose file was rejected. */
export interface TeamIndex {
  readonly bySlug: ReadonlyMap<string, Member>;
  readonly byName: ReadonlyMap<string, readonly Member[]>;
  /** Slugs of team files that exist but failed validation. */
  readonly rejected: ReadonlySet<string>;
}

export function indexTeam(members: readonly Member[], rejectedSlugs: Iterable<string> = []): TeamIndex {
  const bySlug = new Map<string, Member>();
  const byName = new Map<string, Member[]>();
  for (const member of members) {
    if (!bySlug.has(member.slug)) bySlug.set(member.slug, member);
    const key = matchingForm(member.name);
    const list = byName.get(key);
    if (list) list.push(member);
    else byName.set(key, [member]);
  }
  return { bySlug, byName, rejected: new Set(rejectedSlugs) };
}

export interface ReadOptions {
  /** The file as shown in diagnostics. */
  readonly file: string;
  readonly format: TableFormat;
  readonly team: TeamIndex;
  /** Date at which time zones are read (see `REFERENCE_DATE`). */
  readonly referenceDate?: Date;
  /**
   * Focus-area keys (`areaKey`) known on the other side. A cell without `;` or line breaks is
   * split on commas, except where the comma is part of a known area: form tools join
   * multiple-choice answers with commas, and real topics contain commas too.
   */
  readonly vocabulary?: ReadonlySet<string>;
}

export interface MenteeApplication {
  readonly member: Member;
  readonly focusAreas: readonly string[];
  /** Absent when the row gives neither a time zone nor a location. */
  readonly timeZone?: ResolvedTimeZone;
  readonly goal?: string;
  readonly source: RowSource;
}

export interface MentorApplication {
  readonly member: Member;
  /** Absent when the row gives none: the member's expertise is used. */
  readonly focusAreas?: readonly string[];
  /** Absent when the row gives none: the default capacity is used. */
  readonly capacity?: number;
  readonly timeZone?: ResolvedTimeZone;
  readonly source: RowSource;
}

export interface ExclusionApplication {
  readonly mentee: Member;
  readonly mentor: Member;
  readonly reason?: string;
  readonly source: RowSource;
}

export interface ApplicationsRead<T> {
  readonly rows: readonly T[];
  readonly diagnostics: readonly Diagnostic[];
  /** Rows holding data (accepted + rejected). */
  readonly read: number;
  readonly rejected: number;
}

type Column = "slug" | "name" | "focus" | "timezone" | "location" | "goal" | "capacity" | "mentee" | "mentor" | "reason";

const SLUG = ["slug", "team_member_slug", "gitlab_slug"];
const NAME = ["name", "full_name", "your_name", "team_member", "team_member_name"];
const FOCUS = ["focus_areas", "focus_area", "focus", "mentorship_focus_area", "mentorship_focus_areas", "topics", "topic"];
const TIMEZONE = ["time_zone", "timezone", "tz", "utc_offset"];
const LOCATION = ["location", "locality", "city"];

const MENTEE_COLUMNS: Partial<Record<Column, readonly string[]>> = {
  slug: SLUG,
  name: [...NAME, "mentee", "mentee_name"],
  focus: FOCUS,
  timezone: TIMEZONE,
  location: LOCATION,
  goal: ["goal", "goals", "ideal_goal", "ideal_goals", "mentorship_goal"],
};
const MENTOR_COLUMNS: Partial<Record<Column, readonly string[]>> = {
  slug: SLUG,
  name: [...NAME, "mentor", "mentor_name"],
  focus: [...FOCUS, "expertise"],
  timezone: TIMEZONE,
  location: LOCATION,
  capacity: ["capacity", "max_mentees", "number_of_mentees", "mentees"],
};
const EXCLUSION_COLUMNS: Partial<Record<Column, readonly string[]>> = {
  mentee: ["mentee", "mentee_slug", "mentee_name"],
  mentor: ["mentor", "mentor_slug", "mentor_name"],
  reason: ["reason", "note", "notes", "why"],
};

/** `Focus areas (pick up to 3)` → `focus_areas`. */
export function columnKey(header: string): string {
  // Runs of other characters become one `_`, so at most one is left at each end.
  return withoutBrackets(header.normalize("NFKC").toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_|_$/g, "");
}

const CLOSING: Readonly<Record<string, string>> = { "(": ")", "[": "]" };

/**
 * `text` with each `(…)` and `[…]` replaced by a space, from an opening bracket to the first
 * closing one after it. A pattern doing this (`\([^)]*\)`) tries to the end again from each `(`
 * that is never closed, quadratic in a header of `(((…`; once a closing bracket is known to be
 * missing, it is not looked for again.
 */
function withoutBrackets(text: string): string {
  let out = "";
  let from = 0;
  const missing = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const close = CLOSING[text.charAt(i)];
    if (close === undefined || missing.has(close)) continue;
    const end = text.indexOf(close, i + 1);
    if (end === -1) {
      missing.add(close);
      continue;
    }
    out += `${text.slice(from, i)} `;
    from = end + 1;
    i = end;
  }
  return out + text.slice(from);
}

interface Cell {
  readonly value: string | readonly string[];
  readonly line: number;
  readonly column: number;
}

interface TableRow {
  /** `row` in CSV (numbered as in a spreadsheet), `item` in a YAML list. */
  readonly unit: "row" | "item";
  /** `row 3`, `item 3`. */
  readonly label: string;
  readonly source: RowSource;
  readonly column: number;
  readonly cells: ReadonlyMap<Column, Cell>;
}

interface Table {
  readonly rows: TableRow[];
  readonly diagnostics: Diagnostic[];
  /** Rows with data, including those rejected while reading the table. */
  read: number;
  rejected: number;
}

class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly file: string) {}

  add(
    severity: Severity,
    rule: ApplicationRule,
    at: { line?: number; column?: number },
    message: string,
    hint?: string,
    field?: string,
  ): void {
    const d: Diagnostic = { file: this.file, severity, rule, message };
    if (at.line !== undefined) d.line = at.line;
    if (at.column !== undefined) d.column = at.column;
    if (field !== undefined) d.field = field;
    if (hint !== undefined) d.hint = hint;
    this.diagnostics.push(d);
  }
}

function aliasMap(columns: Partial<Record<Column, readonly string[]>>): Map<string, Column> {
  const map = new Map<string, Column>();
  for (const [column, aliases] of Object.entries(columns) as [Column, readonly string[]][])
    for (const alias of aliases) map.set(alias, column);
  return map;
}

/** Read either format into rows of known columns, reporting what cannot be read. */
function readTable(
  text: string,
  options: ReadOptions,
  columns: Partial<Record<Column, readonly string[]>>,
  required: readonly (readonly Column[])[],
  what: string,
): Table {
  const report = new Reporter(options.file);
  const table: Table = { rows: [], diagnostics: report.diagnostics, read: 0, rejected: 0 };
  const aliases = aliasMap(columns);
  const describe = (need: readonly Column[]): string => need.map((c) => `\`${(columns[c] as readonly string[])[0]}\``).join(" or ");

  if (options.format === "csv") {
    const { records } = parseCsv(text);
    const headerAt = records.findIndex((r) => r.fields.some((f) => f.trim() !== ""));
    if (headerAt === -1) {
      report.add("warning", "pairing-empty", {}, `no ${what} in this file`);
      return table;
    }
    const header = records[headerAt] as (typeof records)[number];
    if (header.error) {
      report.add("error", "pairing-syntax", header.error, `header row: ${header.error.message}`);
      return table;
    }
    const indexOf = new Map<Column, number>();
    const ignored: string[] = [];
    for (let k = 0; k < header.fields.length; k++) {
      const name = header.fields[k] as string;
      const column = aliases.get(columnKey(name));
      if (column === undefined) {
        if (name.trim()) ignored.push(name.trim());
        continue;
      }
      const before = indexOf.get(column);
      if (before !== undefined) {
        report.add(
          "error",
          "pairing-header",
          header.points[k] ?? header,
          `columns "${header.fields[before]}" and "${name}" both give the ${column}; keep one`,
        );
        return table;
      }
      indexOf.set(column, k);
    }
    for (const need of required) {
      if (!need.some((c) => indexOf.has(c))) {
        const hint =
          `name a column ${describe(need)}` + (ignored.length ? `; columns found: ${ignored.map((n) => `"${n}"`).join(", ")}` : "");
        report.add("error", "pairing-header", { line: header.line, column: 1 }, `the header has no ${need.join(" or ")} column`, hint);
        return table;
      }
    }
    for (const record of records.slice(headerAt + 1)) {
      if (!record.fields.some((f) => f.trim() !== "")) continue;
      table.read += 1;
      const source = { file: options.file, row: record.row, line: record.line };
      if (record.error) {
        report.add("error", "pairing-syntax", record.error, `row ${record.row}: ${record.error.message}; the row is not used`);
        table.rejected += 1;
        continue;
      }
      const extra = record.fields.findIndex((f, k) => k >= header.fields.length && f.trim() !== "");
      if (extra !== -1) {
        report.add(
          "error",
          "pairing-extra-fields",
          record.points[extra] ?? record,
          `row ${record.row} has ${record.fields.length} fields but the header has ${header.fields.length}; the row is not used`,
          "a field holding the delimiter must be in double quotes",
        );
        table.rejected += 1;
        continue;
      }
      const cells = new Map<Column, Cell>();
      for (const [column, k] of indexOf) {
        const value = record.fields[k] ?? "";
        const point = record.points[k] ?? record.points[record.points.length - 1] ?? { line: record.line, column: 1 };
        if (value.trim() !== "") cells.set(column, { value, line: point.line, column: point.column });
      }
      table.rows.push({ unit: "row", label: `row ${record.row}`, source, column: 1, cells });
    }
    return table;
  }

  let parsed;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      report.add("error", "pairing-syntax", error.point ?? {}, error.message);
      return table;
    }
    throw error;
  }
  if (parsed.value === null || parsed.value === undefined) {
    report.add("warning", "pairing-empty", {}, `no ${what} in this file`);
    return table;
  }
  if (!Array.isArray(parsed.value)) {
    report.add("error", "pairing-syntax", parsed.source?.start ?? {}, `expected a list of ${what}, one \`- slug: …\` item each`);
    return table;
  }
  parsed.value.forEach((item: unknown, index: number) => {
    const node: SourceNode | undefined = parsed.source?.items?.[index];
    const start = node?.start ?? { line: 1, column: 1 };
    const source = { file: options.file, row: index + 1, line: start.line };
    table.read += 1;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      report.add(
        "error",
        "pairing-syntax",
        start,
        `item ${index + 1} is not a mapping; the item is not used`,
        "write `- slug: …` with one key per line below it",
      );
      table.rejected += 1;
      return;
    }
    const cells = new Map<Column, Cell>();
    const keys = new Map<Column, string>();
    let bad = false;
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      const column = aliases.get(columnKey(key));
      if (column === undefined) continue;
      const at = node?.entries?.get(key)?.start ?? start;
      const before = keys.get(column);
      if (before !== undefined) {
        report.add(
          "error",
          "pairing-header",
          at,
          `item ${index + 1}: keys "${before}" and "${key}" both give the ${column}; the item is not used`,
        );
        bad = true;
        continue;
      }
      keys.set(column, key);
      if (value === null || value === undefined) continue;
      let cell: string | string[];
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") cell = String(value);
      else if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) cell = value.map(String);
      else {
        report.add(
          "error",
          "pairing-field-type",
          at,
          `item ${index + 1}: \`${key}\` must be text, a number or a list of texts; the item is not used`,
          undefined,
          key,
        );
        bad = true;
        continue;
      }
      if (typeof cell === "string" ? cell.trim() !== "" : cell.length > 0)
        cells.set(column, { value: cell, line: at.line, column: at.column });
    }
    if (bad) {
      table.rejected += 1;
      return;
    }
    table.rows.push({ unit: "item", label: `item ${index + 1}`, source, column: start.column, cells });
  });
  return table;
}

function text(cell: Cell | undefined): string | undefined {
  if (!cell) return undefined;
  const value = typeof cell.value === "string" ? cell.value : cell.value.join("; ");
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/**
 * Focus areas of a cell: a YAML list as is; text split on `;` and line breaks, then on commas
 * except inside an area the `vocabulary` knows (longest known run of comma-separated pieces wins).
 */
export function splitFocusAreas(value: string | readonly string[], vocabulary: ReadonlySet<string> = new Set()): string[] {
  const clean = (s: string): string => s.trim().replace(/\s+/g, " ");
  if (typeof value !== "string") return value.map(clean).filter(Boolean);
  const out: string[] = [];
  for (const part of value
    .split(/[;\r\n]+/)
    .map(clean)
    .filter(Boolean)) {
    if (!part.includes(",") || vocabulary.has(areaKey(part))) {
      out.push(part);
      continue;
    }
    const pieces = part.split(",").map(clean).filter(Boolean);
    for (let i = 0; i < pieces.length;) {
      let taken = 1;
      for (let j = pieces.length; j > i + 1; j--) {
        if (vocabulary.has(areaKey(pieces.slice(i, j).join(", ")))) {
          taken = j - i;
          break;
        }
      }
      out.push(pieces.slice(i, i + taken).join(", "));
      i += taken;
    }
  }
  return out;
}

type Resolution = { readonly member: Member } | { readonly message: string; readonly hint?: string; readonly rule: ApplicationRule };

function suggest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.max(1, Math.floor(value.length / 3)) + 1);
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - value.length) >= bestDistance) continue;
    const d = editDistance(value, candidate);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      if (d < bestDistance) bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function bySlugValue(team: TeamIndex, raw: string): Resolution {
  const slug = raw
    .trim()
    .replace(/^@/, "")
    .replace(/\.ya?ml$/i, "");
  const member = team.bySlug.get(slug);
  if (member) return { member };
  if (team.rejected.has(slug)) {
    return {
      rule: "pairing-unknown-member",
      message: `the team file of "${slug}" was rejected`,
      hint: "run `mentor-directory validate` and fix that file",
    };
  }
  const close = suggest(slug.toLowerCase(), team.bySlug.keys());
  return {
    rule: "pairing-unknown-member",
    message: `no team member has the slug "${slug}"`,
    hint: close ? `did you mean "${close}" (${team.bySlug.get(close)?.name})?` : "the slug is the team-member file name without .yml",
  };
}

function byNameValue(team: TeamIndex, raw: string): Resolution {
  const key = matchingForm(raw);
  const found = team.byName.get(key);
  if (found && found.length === 1) return { member: found[0] as Member };
  if (found && found.length > 1) {
    return {
      rule: "pairing-ambiguous-name",
      message: `${found.length} team members are named "${raw.trim()}" (${found.map((m) => m.slug).join(", ")})`,
      hint: "give the slug instead",
    };
  }
  const close = suggest(key, team.byName.keys());
  const closeMember = close === undefined ? undefined : team.byName.get(close)?.[0];
  return {
    rule: "pairing-unknown-member",
    message: `no team member is named "${raw.trim()}"`,
    hint: closeMember
      ? `did you mean "${closeMember.name}" (${closeMember.slug})?`
      : "check the spelling, or give the slug (the team-member file name)",
  };
}

/** A cell that may hold a slug or a name: the slug wins when both could match. */
function bySlugOrName(team: TeamIndex, raw: string): Resolution {
  const slug = bySlugValue(team, raw);
  if ("member" in slug) return slug;
  const name = byNameValue(team, raw);
  if ("member" in name || name.rule === "pairing-ambiguous-name") return name;
  return {
    rule: "pairing-unknown-member",
    message: `no team member has the slug or name "${raw.trim()}"`,
    ...(slug.hint ? { hint: slug.hint } : {}),
  };
}

interface Identified {
  readonly member: Member;
}

/** The member a row names through its slug and/or name column; reports and returns undefined when none. */
function identify(row: TableRow, team: TeamIndex, report: Reporter): Identified | undefined {
  const slugCell = row.cells.get("slug");
  const nameCell = row.cells.get("name");
  const slug = text(slugCell);
  const name = text(nameCell);
  if (slug === undefined && name === undefined) {
    report.add(
      "error",
      "pairing-missing-member",
      { line: row.source.line, column: row.column },
      `${row.label} names nobody (no slug, no name); the ${row.unit} is not used`,
    );
    return undefined;
  }
  const found = slug !== undefined ? bySlugValue(team, slug) : byNameValue(team, name as string);
  const cell = (slug !== undefined ? slugCell : nameCell) as Cell;
  if (!("member" in found)) {
    report.add(
      "error",
      found.rule,
      cell,
      `${row.label}: ${found.message}; the ${row.unit} is not used`,
      found.hint,
      slug !== undefined ? "slug" : "name",
    );
    return undefined;
  }
  if (slug !== undefined && name !== undefined && matchingForm(name) !== matchingForm(found.member.name)) {
    report.add(
      "warning",
      "pairing-name-mismatch",
      nameCell as Cell,
      `${row.label}: the slug "${found.member.slug}" is ${found.member.name} in the team files, ` +
        `but the ${row.unit} says "${name}"; the slug is used`,
      "check that the slug is the applicant's",
      "name",
    );
  }
  return { member: found.member };
}

function duplicate(row: TableRow, member: Member, seen: Map<string, string>, report: Reporter, cell: Cell | undefined): boolean {
  const first = seen.get(member.slug);
  if (first === undefined) {
    seen.set(member.slug, row.label);
    return false;
  }
  report.add(
    "error",
    "pairing-duplicate",
    cell ?? { line: row.source.line, column: row.column },
    `${row.label}: ${member.name} (${member.slug}) already applied in ${first}; this ${row.unit} is not used`,
    "keep one row per person",
  );
  return true;
}

function timeZoneOf(row: TableRow, report: Reporter, date: Date): ResolvedTimeZone | undefined {
  const zoneCell = row.cells.get("timezone");
  const placeCell = row.cells.get("location");
  const zoneText = text(zoneCell);
  const placeText = text(placeCell);
  if (zoneText === undefined && placeText === undefined) return undefined;
  const resolved = zoneText !== undefined ? resolveTimeZone(zoneText, date) : resolveLocation(placeText as string, date);
  if (resolved.offsetMinutes === undefined) {
    report.add(
      "warning",
      "pairing-time-zone",
      (zoneText !== undefined ? zoneCell : placeCell) as Cell,
      `${row.label}: cannot tell the time zone of "${zoneText ?? placeText}"; it counts as neutral`,
      resolved.note ?? "write an IANA time zone (Europe/Berlin), a UTC offset (UTC+2, -05:30) or a city with its own zone",
      zoneText !== undefined ? "time_zone" : "location",
    );
  }
  return resolved;
}

function finish<T>(table: Table, rows: T[], report: Reporter, rejected: number): ApplicationsRead<T> {
  // In file order, as an editor lists them; the sort is stable for problems on one cell.
  const diagnostics = [...table.diagnostics, ...report.diagnostics].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  return { rows, diagnostics, read: table.read, rejected: table.rejected + rejected };
}

/** Read a mentee applications file. */
export function readMenteeApplications(source: string, options: ReadOptions): ApplicationsRead<MenteeApplication> {
  const table = readTable(source, options, MENTEE_COLUMNS, [["slug", "name"], ["focus"]], "mentee applications");
  const report = new Reporter(options.file);
  const date = options.referenceDate ?? REFERENCE_DATE;
  const seen = new Map<string, string>();
  const rows: MenteeApplication[] = [];
  let rejected = 0;
  for (const row of table.rows) {
    const who = identify(row, options.team, report);
    if (!who || duplicate(row, who.member, seen, report, row.cells.get("slug") ?? row.cells.get("name"))) {
      rejected += 1;
      continue;
    }
    const focusCell = row.cells.get("focus");
    const focusAreas = focusCell ? splitFocusAreas(focusCell.value, options.vocabulary) : [];
    if (focusAreas.length === 0) {
      report.add(
        "warning",
        "pairing-no-focus-area",
        focusCell ?? { line: row.source.line, column: row.column },
        `${row.label}: ${who.member.name} names no focus area and cannot be paired`,
        "list focus areas separated by `;`",
        "focus_areas",
      );
    }
    const timeZone = timeZoneOf(row, report, date);
    const goal = text(row.cells.get("goal"));
    rows.push({
      member: who.member,
      focusAreas,
      ...(timeZone ? { timeZone } : {}),
      ...(goal !== undefined ? { goal } : {}),
      source: row.source,
    });
  }
  return finish(table, rows, report, rejected);
}

/** Largest capacity accepted: more is a typo, not a mentor's week. */
export const MAX_CAPACITY = 1000;

/** `2` → 2; undefined for anything but a whole number from 0 to `MAX_CAPACITY`. */
export function parseCapacity(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n <= MAX_CAPACITY ? n : undefined;
}

/** Read a mentor applications file (for programs with their own mentor sign-up). */
export function readMentorApplications(source: string, options: ReadOptions): ApplicationsRead<MentorApplication> {
  const table = readTable(source, options, MENTOR_COLUMNS, [["slug", "name"]], "mentor applications");
  const report = new Reporter(options.file);
  const date = options.referenceDate ?? REFERENCE_DATE;
  const seen = new Map<string, string>();
  const rows: MentorApplication[] = [];
  let rejected = 0;
  for (const row of table.rows) {
    const who = identify(row, options.team, report);
    if (!who) {
      rejected += 1;
      continue;
    }
    const capacityCell = row.cells.get("capacity");
    const capacityText = text(capacityCell);
    const capacity = capacityText === undefined ? undefined : parseCapacity(capacityText);
    if (capacityText !== undefined && capacity === undefined) {
      report.add(
        "error",
        "pairing-capacity",
        capacityCell as Cell,
        `${row.label}: capacity "${capacityText}" is not a whole number from 0 to ${MAX_CAPACITY}; the ${row.unit} is not used`,
        "write how many mentees this mentor takes, e.g. 2 (0: none this time)",
        "capacity",
      );
      rejected += 1;
      continue;
    }
    if (duplicate(row, who.member, seen, report, row.cells.get("slug") ?? row.cells.get("name"))) {
      rejected += 1;
      continue;
    }
    const focusCell = row.cells.get("focus");
    const focusAreas = focusCell ? splitFocusAreas(focusCell.value, options.vocabulary) : undefined;
    const timeZone = timeZoneOf(row, report, date);
    rows.push({
      member: who.member,
      ...(focusAreas && focusAreas.length > 0 ? { focusAreas } : {}),
      ...(capacity !== undefined ? { capacity } : {}),
      ...(timeZone ? { timeZone } : {}),
      source: row.source,
    });
  }
  return finish(table, rows, report, rejected);
}

/** Read an exclusions file: columns `mentee` and `mentor` (slug or name), optional `reason`. */
export function readExclusions(source: string, options: ReadOptions): ApplicationsRead<ExclusionApplication> {
  const table = readTable(source, options, EXCLUSION_COLUMNS, [["mentee"], ["mentor"]], "exclusions");
  const report = new Reporter(options.file);
  const rows: ExclusionApplication[] = [];
  let rejected = 0;
  for (const row of table.rows) {
    const people: Member[] = [];
    for (const column of ["mentee", "mentor"] as const) {
      const cell = row.cells.get(column);
      const value = text(cell);
      if (value === undefined) {
        report.add(
          "error",
          "pairing-missing-member",
          { line: row.source.line, column: row.column },
          `${row.label} has no ${column}; the ${row.unit} is not used`,
        );
        break;
      }
      const found = bySlugOrName(options.team, value);
      if (!("member" in found)) {
        report.add("error", found.rule, cell as Cell, `${row.label}: ${found.message}; the ${row.unit} is not used`, found.hint, column);
        break;
      }
      people.push(found.member);
    }
    if (people.length < 2) {
      rejected += 1;
      continue;
    }
    const reason = text(row.cells.get("reason"));
    rows.push({
      mentee: people[0] as Member,
      mentor: people[1] as Member,
      ...(reason !== undefined ? { reason } : {}),
      source: row.source,
    });
  }
  return finish(table, rows, report, rejected);
}
