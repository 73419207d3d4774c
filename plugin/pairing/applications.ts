/**
 * Application files of a mentorship program: mentees (who they are, focus areas, time zone or
 * location, goal), mentors (optional: capacity, focus areas, time zone) and exclusions (pairs not
 * to suggest). CSV as form tools export it, or YAML (a list of mappings).
 *
 * Every row with data ends as an application or as an error naming its row: nothing is dropped
 * silently (see `table.ts` for reading the rows, `columns.ts` for the names of their columns and
 * `member-lookup.ts` for finding who a row names).
 */
import type { Diagnostic } from "../diagnostics/index.js";
import type { Member } from "../team/entry.js";
import type { Problems } from "../diagnostics/problems.js";
import { applicationProblems, type ApplicationRule } from "./application-rules.js";
import { EXCLUSION_COLUMNS, MENTEE_COLUMNS, MENTOR_COLUMNS } from "./columns.js";
import { areaKey } from "./constraints.js";
import { bySlugOrName, duplicate, identify, type TeamIndex } from "./member-lookup.js";
import type { RowSource } from "./pair.js";
import { cellText, readTable, type Cell, type Table, type TableFormat, type TableRow } from "./table.js";
import { REFERENCE_DATE, resolveLocation, resolveTimeZone, type ResolvedTimeZone } from "./timezones.js";

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

function timeZoneOf(row: TableRow, problems: Problems<ApplicationRule>, date: Date): ResolvedTimeZone | undefined {
  const zoneCell = row.cells.get("timezone");
  const placeCell = row.cells.get("location");
  const zoneText = cellText(zoneCell);
  const placeText = cellText(placeCell);
  if (zoneText === undefined && placeText === undefined) return undefined;
  const resolved = zoneText !== undefined ? resolveTimeZone(zoneText, date) : resolveLocation(placeText as string, date);
  if (resolved.offsetMinutes === undefined) {
    problems.report(
      "pairing-time-zone",
      (zoneText !== undefined ? zoneCell : placeCell) as Cell,
      `${row.label}: cannot tell the time zone of "${zoneText ?? placeText}"; it counts as neutral`,
      {
        hint: resolved.note ?? "write an IANA time zone (Europe/Berlin), a UTC offset (UTC+2, -05:30) or a city with its own zone",
        field: zoneText !== undefined ? "time_zone" : "location",
      },
    );
  }
  return resolved;
}

/** The rows read, with the table's and the rows' problems in file order. */
function applicationsRead<T>(table: Table, rows: T[], problems: Problems<ApplicationRule>, rejected: number): ApplicationsRead<T> {
  // In file order, as an editor lists them; the sort is stable for problems on one cell.
  const diagnostics = [...table.diagnostics, ...problems.diagnostics].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  return { rows, diagnostics, read: table.read, rejected: table.rejected + rejected };
}

/** Read a mentee applications file. */
export function readMenteeApplications(source: string, options: ReadOptions): ApplicationsRead<MenteeApplication> {
  const table = readTable(source, options, MENTEE_COLUMNS, [["slug", "name"], ["focus"]], "mentee applications");
  const problems = applicationProblems(options.file);
  const date = options.referenceDate ?? REFERENCE_DATE;
  const seen = new Map<string, string>();
  const rows: MenteeApplication[] = [];
  let rejected = 0;
  for (const row of table.rows) {
    const who = identify(row, options.team, problems);
    if (!who || duplicate(row, who.member, seen, problems, row.cells.get("slug") ?? row.cells.get("name"))) {
      rejected += 1;
      continue;
    }
    const focusCell = row.cells.get("focus");
    const focusAreas = focusCell ? splitFocusAreas(focusCell.value, options.vocabulary) : [];
    if (focusAreas.length === 0) {
      problems.report(
        "pairing-no-focus-area",
        focusCell ?? { line: row.source.line, column: row.column },
        `${row.label}: ${who.member.name} names no focus area and cannot be paired`,
        { hint: "list focus areas separated by `;`", field: "focus_areas" },
      );
    }
    const timeZone = timeZoneOf(row, problems, date);
    const goal = cellText(row.cells.get("goal"));
    rows.push({
      member: who.member,
      focusAreas,
      ...(timeZone ? { timeZone } : {}),
      ...(goal !== undefined ? { goal } : {}),
      source: row.source,
    });
  }
  return applicationsRead(table, rows, problems, rejected);
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
  const problems = applicationProblems(options.file);
  const date = options.referenceDate ?? REFERENCE_DATE;
  const seen = new Map<string, string>();
  const rows: MentorApplication[] = [];
  let rejected = 0;
  for (const row of table.rows) {
    const who = identify(row, options.team, problems);
    if (!who) {
      rejected += 1;
      continue;
    }
    const capacityCell = row.cells.get("capacity");
    const capacityText = cellText(capacityCell);
    const capacity = capacityText === undefined ? undefined : parseCapacity(capacityText);
    if (capacityText !== undefined && capacity === undefined) {
      problems.report(
        "pairing-capacity",
        capacityCell as Cell,
        `${row.label}: capacity "${capacityText}" is not a whole number from 0 to ${MAX_CAPACITY}; the ${row.unit} is not used`,
        { hint: "write how many mentees this mentor takes, e.g. 2 (0: none this time)", field: "capacity" },
      );
      rejected += 1;
      continue;
    }
    if (duplicate(row, who.member, seen, problems, row.cells.get("slug") ?? row.cells.get("name"))) {
      rejected += 1;
      continue;
    }
    const focusCell = row.cells.get("focus");
    const focusAreas = focusCell ? splitFocusAreas(focusCell.value, options.vocabulary) : undefined;
    const timeZone = timeZoneOf(row, problems, date);
    rows.push({
      member: who.member,
      ...(focusAreas && focusAreas.length > 0 ? { focusAreas } : {}),
      ...(capacity !== undefined ? { capacity } : {}),
      ...(timeZone ? { timeZone } : {}),
      source: row.source,
    });
  }
  return applicationsRead(table, rows, problems, rejected);
}

/** Read an exclusions file: columns `mentee` and `mentor` (slug or name), optional `reason`. */
export function readExclusions(source: string, options: ReadOptions): ApplicationsRead<ExclusionApplication> {
  const table = readTable(source, options, EXCLUSION_COLUMNS, [["mentee"], ["mentor"]], "exclusions");
  const problems = applicationProblems(options.file);
  const rows: ExclusionApplication[] = [];
  let rejected = 0;
  for (const row of table.rows) {
    const people: Member[] = [];
    for (const column of ["mentee", "mentor"] as const) {
      const cell = row.cells.get(column);
      const value = cellText(cell);
      if (value === undefined) {
        problems.report(
          "pairing-missing-member",
          { line: row.source.line, column: row.column },
          `${row.label} has no ${column}; the ${row.unit} is not used`,
        );
        break;
      }
      const found = bySlugOrName(options.team, value);
      if (!("member" in found)) {
        problems.report(found.rule, cell as Cell, `${row.label}: ${found.message}; the ${row.unit} is not used`, {
          hint: found.hint,
          field: column,
        });
        break;
      }
      people.push(found.member);
    }
    if (people.length < 2) {
      rejected += 1;
      continue;
    }
    const reason = cellText(row.cells.get("reason"));
    rows.push({
      mentee: people[0] as Member,
      mentor: people[1] as Member,
      ...(reason !== undefined ? { reason } : {}),
      source: row.source,
    });
  }
  return applicationsRead(table, rows, problems, rejected);
}
