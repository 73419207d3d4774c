/**
 * Load + validate a team: the one pipeline behind both the Eleventy plugin and the CLI.
 * Nothing valid is lost: a bad field drops that field, a bad file drops that file, and every
 * drop is a diagnostic.
 */
import { compareDiagnostics, type Diagnostic } from "../../diagnostics/index.js";
import { teamReport, type TeamReport } from "./team-report.js";
import { removeInvisible } from "../../text/clean.js";
import { defineLazyExpertise } from "../model/expertise.js";
import { checkEntry, checkTeam } from "./rules.js";
import { knownKeys, validateEntry } from "./schema.js";
import type { TeamSchema } from "../read/schema-file.js";
import { slugOfFile, type LoadedEntry, type Member, type RosterEntry } from "../entry.js";
import { timed } from "../../diagnostics/timings.js";
import { Problems } from "../../diagnostics/problems.js";
import { TEAM_RULES, type TeamRuleId } from "../rule-list.js";

/** The rule of an entry whose checks failed unexpectedly; the entry is left out. */
const INTERNAL_ERROR: TeamRuleId = "internal-error";

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The name a member is shown under; "" when the entry gives no member. */
function shownName(data: Readonly<Record<string, unknown>>, badFields: ReadonlySet<string>): string {
  // The same removal as on the site, which keeps the joiners inside emoji sequences.
  return typeof data.name === "string" && !badFields.has("name") ? removeInvisible(data.name).trim() : "";
}

/** Whether the entry's member is a mentor (`mentor: true` without an error), as `toMember` says. */
function isMentor(data: Readonly<Record<string, unknown>>, badFields: ReadonlySet<string>): boolean {
  return !badFields.has("mentor") && data.mentor === true;
}

/**
 * The member as the site shows it, or undefined when the entry cannot be shown (no usable name).
 * Fields with errors are left out rather than guessed: `mentor: "yes"` is not a mentor.
 */
function toMember(entry: LoadedEntry, badFields: ReadonlySet<string>): Member | undefined {
  const { data } = entry;
  const name = shownName(data, badFields);
  if (!name) return undefined;
  const ok = (field: string): boolean => !badFields.has(field);
  const reportsTo = ok("reports_to") && typeof data.reports_to === "string" ? data.reports_to : undefined;
  const member = {
    slug: entry.slug,
    type: entry.type,
    file: entry.file,
    name,
    role: ok("role") && typeof data.role === "string" ? data.role : "",
    ...(reportsTo ? { reportsTo } : {}),
    mentor: isMentor(data, badFields),
    departments: ok("departments") ? stringList(data.departments) : [],
    data,
    ...(badFields.size ? { invalidFields: Object.freeze([...badFields]) } : {}),
  };
  defineLazyExpertise(member, ok("expertise") ? data.expertise : undefined);
  return member as unknown as Member;
}

/**
 * One entry's own diagnostics and what it gives: its member (unless only counted), and its line in
 * the roster (none when the entry gives no member).
 */
interface CheckedEntry {
  readonly own: readonly Diagnostic[];
  readonly member: Member | undefined;
  readonly roster: RosterEntry | undefined;
}

/** Per-entry results, reused while the entry object is the same (its file did not change). */
export type EntryMemo = WeakMap<LoadedEntry, CheckedEntry>;

/**
 * The rules across files of the previous load, kept by a store between loads (watch mode): when
 * the files are the same, the same files are rejected, and no changed file changed its slug or
 * `reports_to` (nor had a problem with them), the result still holds and is not computed again.
 */
export interface TeamRulesMemo {
  previous?: {
    readonly entries: readonly LoadedEntry[];
    readonly rejected: string;
    readonly result: ReturnType<typeof checkTeam>;
    readonly flagged: ReadonlySet<string>;
  };
}

function teamRules(
  entries: readonly LoadedEntry[],
  rejected: ReadonlyMap<string, string>,
  memo: TeamRulesMemo | undefined,
): ReturnType<typeof checkTeam> {
  const previous = memo?.previous;
  const rejectedKey = [...rejected.keys()].sort().join("\n");
  if (memo && previous && previous.rejected === rejectedKey && sameTeamShape(previous.entries, entries, previous.flagged)) {
    memo.previous = { ...previous, entries };
    return previous.result;
  }
  const result = timed("team-rules", () => checkTeam(entries, rejected));
  if (memo) memo.previous = { entries, rejected: rejectedKey, result, flagged: new Set(result.diagnostics.map((d) => d.file)) };
  return result;
}

function sameTeamShape(before: readonly LoadedEntry[], after: readonly LoadedEntry[], flagged: ReadonlySet<string>): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i += 1) {
    const a = before[i] as LoadedEntry;
    const b = after[i] as LoadedEntry;
    if (a === b) continue;
    if (a.file !== b.file || a.slug !== b.slug || a.data.reports_to !== b.data.reports_to || flagged.has(a.file)) return false;
  }
  return true;
}

/**
 * Slugs of the files that give no member, with the file: those the loader refused (not YAML,
 * empty, a link …) and those whose own checks left nothing to show (no usable `name`). Their own
 * errors say what is wrong; the rules across files must not blame anyone else for them.
 */
function rejectedFiles(files: readonly string[], entries: readonly LoadedEntry[], refused: readonly LoadedEntry[]): Map<string, string> {
  const rejected = new Map<string, string>();
  for (const entry of refused) if (!rejected.has(entry.slug)) rejected.set(entry.slug, entry.file);
  // Each loaded file gives one entry: as many entries as files, and no file was refused by the loader.
  if (entries.length === files.length) return rejected;
  const loaded = new Set(entries.map((entry) => entry.file));
  for (const file of files) {
    if (loaded.has(file)) continue;
    const slug = slugOfFile(file);
    if (!rejected.has(slug)) rejected.set(slug, file);
  }
  return rejected;
}

/** How `validateEntries` works: the memos a store keeps between loads, the schema, whether to build members. */
interface ValidateOptions {
  readonly memo?: EntryMemo | undefined;
  readonly teamMemo?: TeamRulesMemo | undefined;
  /** Default: the bundled schema. A memo holds the results of one schema only. */
  readonly schema?: TeamSchema | undefined;
  /** Default `true`; `false` counts members (the roster) without building them. */
  readonly members?: boolean | undefined;
}

/** Validate entries already loaded (pure apart from the compiled schema and the memos). */
export function validateEntries(
  files: readonly string[],
  entries: readonly LoadedEntry[],
  loadDiagnostics: readonly Diagnostic[],
  { memo, teamMemo, schema, members: build = true }: ValidateOptions = {},
): TeamReport {
  // Compiling the schema is needed only for entries not checked already (memo misses).
  let known: readonly string[] | undefined;
  const diagnostics: Diagnostic[] = [...loadDiagnostics];
  // Only files that give a member take part in the rules across files: a rejected file is
  // reported once, in itself. Plain loops and parallel lists: a watch-mode build goes through
  // every entry of a large team for one changed file.
  const accepted: LoadedEntry[] = [];
  const results: CheckedEntry[] = [];
  const refused: LoadedEntry[] = [];
  for (const entry of entries) {
    let result = memo?.get(entry);
    if (!result) {
      result = checkOne(entry, (known ??= knownKeys(schema)), schema, build);
      memo?.set(entry, result);
    }
    for (const diagnostic of result.own) diagnostics.push(diagnostic);
    if (result.roster === undefined) refused.push(entry);
    else {
      accepted.push(entry);
      results.push(result);
    }
  }
  const rejected = rejectedFiles(files, entries, refused);
  const { diagnostics: teamDiagnostics, duplicates } = teamRules(accepted, rejected, teamMemo);
  const members: Member[] = [];
  const roster: RosterEntry[] = [];
  accepted.forEach((entry, index) => {
    if (duplicates.has(entry)) return;
    const { member, roster: line } = results[index] as CheckedEntry;
    roster.push(line as RosterEntry);
    if (member) members.push(member);
  });
  for (const diagnostic of teamDiagnostics) diagnostics.push(diagnostic);
  diagnostics.sort(compareDiagnostics);
  return teamReport(files, members, roster, diagnostics);
}

/**
 * The checks and the member of one entry. A failure inside them is a bug, but it must cost one
 * entry, reported, rather than the whole report and every other member with it.
 */
/** One entry's own checks and its member; an unexpected failure becomes that entry's diagnostic. */
export function checkOne(entry: LoadedEntry, known: readonly string[], schema?: TeamSchema, build = true): CheckedEntry {
  try {
    const own = [...timed("validate", () => validateEntry(entry, schema)), ...timed("rules", () => checkEntry(entry, known, schema))];
    const bad = fieldsWithErrors(own);
    if (!build)
      return { own, member: undefined, roster: shownName(entry.data, bad) ? rosterLine(entry, isMentor(entry.data, bad)) : undefined };
    const member = toMember(entry, bad);
    return { own, member, roster: member && rosterLine(entry, member.mentor) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const problems = new Problems(TEAM_RULES, entry.file);
    problems.report(
      INTERNAL_ERROR,
      { line: entry.source?.start.line ?? 1, column: entry.source?.start.column ?? 1 },
      `this entry could not be checked (${reason.split("\n")[0]}), so it is left out`,
      { hint: "please report this problem together with the file" },
    );
    return { own: problems.diagnostics, member: undefined, roster: undefined };
  }
}

/**
 * What an entry whose own checks gave `own` gives: its member, fields with errors left out, and
 * none when its checks failed (`internal-error`), as its diagnostic says. Never throws.
 */
export function checkedEntry(entry: LoadedEntry, own: readonly Diagnostic[]): CheckedEntry {
  let member: Member | undefined;
  try {
    member = own.some((d) => d.rule === INTERNAL_ERROR) ? undefined : toMember(entry, fieldsWithErrors(own));
  } catch {
    member = undefined;
  }
  return { own, member, roster: member && rosterLine(entry, member.mentor) };
}

/** The roster's line of an entry that gives a member. */
function rosterLine(entry: LoadedEntry, mentor: boolean): RosterEntry {
  const written = entry.data.reports_to;
  return { file: entry.file, slug: entry.slug, mentor, ...(typeof written === "string" ? { reportsTo: written } : {}) };
}

/** Top-level fields named by error diagnostics: `projects.x` and `departments[2]` name their field. */
function fieldsWithErrors(own: readonly Diagnostic[]): Set<string> {
  return new Set(own.filter((d) => d.severity === "error" && d.field).map((d) => (d.field as string).split(/[.[]/)[0] as string));
}
