/**
 * What every stage of the team core shares: an entry as read, where its file stood on disk, the
 * member it becomes, and how a file's path is shown. Everything in plugin/team/ may import this;
 * it imports nothing of plugin/team/.
 */
import path from "node:path";
import type { SourceNode } from "../yaml/source.js";

/** One expertise topic of a member, as a reader sees it. `href` is present only when safe. */
export interface ExpertiseItem {
  readonly label: string;
  readonly href?: string;
}

/** A team member whose entry is usable on the site. */
export interface Member {
  /** File name without `.yml`. */
  readonly slug: string;
  /** From the folder: `person`. */
  readonly type: string;
  /** Path of the source file. */
  readonly file: string;
  readonly name: string;
  /** The `role` field: an untrusted HTML fragment (sanitize before output). */
  readonly role: string;
  readonly reportsTo?: string;
  readonly mentor: boolean;
  readonly departments: readonly string[];
  readonly expertise: readonly ExpertiseItem[];
  /** The whole entry as parsed, for fields the directory does not model (boolean filters). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Top-level fields of `data` with an error (present only when there is one): never shown or exported. */
  readonly invalidFields?: readonly string[];
}

/** One team-member file that parsed to a mapping. */
export interface LoadedEntry {
  /** Path as reported (relative to the working directory when inside it). */
  readonly file: string;
  /** File name without `.yml`. */
  readonly slug: string;
  /** Folder right under the type folder, e.g. `j` in `person/j/jdoe.yml`; "" when none. */
  readonly folder: string;
  /** `person`, from the folder layout `<type>/<letter>/<slug>.yml`. */
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly source: SourceNode | undefined;
}

/**
 * One member as a report counts them: all the rules across files and the counts need, so that a
 * report can be made from the parse cache without the member's data (`validate`).
 */
export interface RosterEntry {
  /** Path as reported. */
  readonly file: string;
  readonly slug: string;
  readonly mentor: boolean;
  /** `reports_to` as written, when it is text: the rules across files read it so. */
  readonly reportsTo?: string;
}

/** The slug a team file gives: its name without `.yml` (or `.yaml`), as the loader names members. */
export function slugOfFile(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/i, "");
}

/** A roster line without its place (file and slug), which a file's path gives again. */
export type RosterFacts = Pick<RosterEntry, "mentor" | "reportsTo">;

/** What of `line` is not its place: kept by the parse cache, sent back by a worker. */
export function rosterFacts(line: RosterEntry): RosterFacts {
  return { mentor: line.mentor, ...(line.reportsTo === undefined ? {} : { reportsTo: line.reportsTo }) };
}

/** Where a file stood on disk when its content key was computed. */
export interface FileStamp {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

/**
 * Numbers of a stamp in a list of stamps: `ino, size, mtimeMs, ctimeMs`. Many files' stamps are
 * kept as one list of numbers, not an object a file, which collections would copy.
 */
export const STAMP_NUMBERS = 4;

/** The `at`-th stamp of `stamps`; null where it holds none (not a number). */
export function stampAt(stamps: Float64Array, at: number): FileStamp | null {
  const first = at * STAMP_NUMBERS;
  const ino = stamps[first] as number;
  if (Number.isNaN(ino)) return null;
  return { ino, size: stamps[first + 1] as number, mtimeMs: stamps[first + 2] as number, ctimeMs: stamps[first + 3] as number };
}

/** Put `stamp` as the `at`-th of `stamps`. */
export function putStamp(stamps: Float64Array, at: number, stamp: FileStamp): void {
  stamps.set([stamp.ino, stamp.size, stamp.mtimeMs, stamp.ctimeMs], at * STAMP_NUMBERS);
}

// A path that steps up a folder somewhere, which the quick case below cannot show as it is.
const PARENT_STEP = `${path.sep}..`;

/** `file` as diagnostics show it: relative to `cwd` with `/` separators when inside it, else as given. */
export function displayPath(cwd: string, file: string): string {
  // The common case, a file below the working directory, without path.relative's normalising.
  if (file.startsWith(cwd) && file.charAt(cwd.length) === path.sep && !file.includes(PARENT_STEP)) {
    const rel = file.slice(cwd.length + 1);
    return path.sep === "/" ? rel : rel.split(path.sep).join("/");
  }
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}
