/**
 * The roster of a report kept whole, as the parse cache stores it: not one object per line but
 * three lists, each line naming its file by its place among the report's files. Reading it back
 * makes no object per line that a check must then walk, and a line can name no file the load did
 * not list, nor give a file another slug.
 */
import { slugOfFile, type RosterEntry } from "../entry.js";

export interface PackedRoster {
  /** Per line: the place of its file among the files the report was made from. */
  readonly lines: Uint32Array;
  /** Per line: 1 for a mentor, 0 otherwise. */
  readonly mentors: Uint8Array;
  /** Per line: `reports_to` as written, or null when it is not text. */
  readonly reportsTo: readonly (string | null)[];
}

/**
 * `roster`, a report's about the team files `files`, packed; undefined when a line is not about one
 * of them or has a slug its file does not give (such a report is not kept).
 */
export function packRoster(roster: readonly RosterEntry[], files: readonly string[]): PackedRoster | undefined {
  const placeOf = new Map(files.map((file, at) => [file, at]));
  const lines = new Uint32Array(roster.length);
  const mentors = new Uint8Array(roster.length);
  const reportsTo: (string | null)[] = [];
  for (const [i, line] of roster.entries()) {
    const at = placeOf.get(line.file);
    if (at === undefined || line.slug !== slugOfFile(line.file)) return undefined;
    lines[i] = at;
    mentors[i] = line.mentor ? 1 : 0;
    reportsTo.push(line.reportsTo ?? null);
  }
  return { lines, mentors, reportsTo };
}

/**
 * The roster that `packed`, as read from a cache, stands for among the team files `files`; undefined
 * unless it is one a report of them could hold: lists of one length, each line about one of the
 * files and at most one line per file, a mentor flag of 0 or 1, `reports_to` text or null.
 */
export function unpackRoster(packed: Partial<Record<keyof PackedRoster, unknown>>, files: readonly string[]): RosterEntry[] | undefined {
  const { lines, mentors, reportsTo } = packed;
  if (!(lines instanceof Uint32Array) || !(mentors instanceof Uint8Array) || !Array.isArray(reportsTo)) return undefined;
  if (mentors.length !== lines.length || reportsTo.length !== lines.length || lines.length > files.length) return undefined;
  const lined = new Uint8Array(files.length);
  const roster: RosterEntry[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const at = lines[i] as number;
    const mentor = mentors[i] as number;
    const boss: unknown = reportsTo[i];
    if (at >= files.length || lined[at] === 1 || mentor > 1 || (boss !== null && typeof boss !== "string")) return undefined;
    lined[at] = 1;
    const file = files[at] as string;
    roster.push({ file, slug: slugOfFile(file), mentor: mentor === 1, ...(boss === null ? {} : { reportsTo: boss }) });
  }
  return roster;
}
