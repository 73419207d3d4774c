/**
 * A team report narrowed to some files, as a pre-commit hook asks: the files given, and any other
 * file whose rules across files those files break. The whole team is always checked (a duplicate
 * slug or a `reports_to` target is a fact about the folder, not a file); only what is reported is
 * narrowed, so a commit is not blocked by a problem it did not touch.
 */
import type { Diagnostic } from "../../diagnostics/index.js";
import { slugOfFile, type RosterEntry } from "../entry.js";
import { teamReport, type TeamReport } from "./team-report.js";

/** What a narrowed report covers. Paths are as the report shows them (`displayPath`). */
interface ReportScope {
  /** Folders reported whole (files below them), as shown paths without a trailing `/`. */
  readonly folders: readonly string[];
  /** Files reported, with the other files whose rules across files they break. */
  readonly files: readonly string[];
  /** Slugs whose files were removed: another file's `reports_to` naming one is reported too. */
  readonly removed: readonly string[];
}

/** The rules of `checkTeam`: the only diagnostics another file can owe to the given ones. */
const CROSS_FILE_RULES: ReadonlySet<string> = new Set(["duplicate-slug", "reports-to-unknown", "reports-to-cycle"]);

/**
 * The slugs in the reporting cycle through `start`, or none when `start` is not in a cycle. Each
 * person has one manager at most, so the walk up is a line that either ends or comes back.
 */
function cycleThrough(start: string, managerOf: ReadonlyMap<string, string>): Set<string> {
  const seen = new Set<string>([start]);
  for (let current = managerOf.get(start); current !== undefined; current = managerOf.get(current)) {
    if (current === start) return seen;
    if (seen.has(current)) break;
    seen.add(current);
  }
  return new Set();
}

/** Whether `d`, on a file not given, is owed to a given file (see `ReportScope`). */
function involvesGiven(
  d: Diagnostic,
  member: RosterEntry | undefined,
  given: { readonly slugs: ReadonlySet<string>; readonly removed: ReadonlySet<string>; readonly cycles: ReadonlySet<string> },
): boolean {
  if (!CROSS_FILE_RULES.has(d.rule)) return false;
  const slug = slugOfFile(d.file);
  if (d.rule === "duplicate-slug") return given.slugs.has(slug);
  if (d.rule === "reports-to-cycle") return given.cycles.has(slug);
  const target = member?.reportsTo;
  return target !== undefined && given.removed.has(target);
}

/** `report` narrowed to `scope`: its diagnostics, files and counts. */
export function scopeReport(report: TeamReport, scope: ReportScope): TeamReport {
  const given = new Set(scope.files);
  const inFolder = (file: string): boolean => scope.folders.some((folder) => file.startsWith(`${folder}/`));
  const byFile = new Map(report.roster.map((m) => [m.file, m]));
  const managerOf = new Map<string, string>();
  for (const m of report.roster) if (m.reportsTo !== undefined) managerOf.set(m.slug, m.reportsTo);
  const slugs = new Set(scope.files.map(slugOfFile));
  const cycles = new Set<string>();
  for (const slug of slugs) for (const inCycle of cycleThrough(slug, managerOf)) cycles.add(inCycle);
  const context = { slugs, removed: new Set(scope.removed), cycles };

  const diagnostics = report.diagnostics.filter(
    (d) => given.has(d.file) || inFolder(d.file) || involvesGiven(d, byFile.get(d.file), context),
  );
  const flagged = new Set(diagnostics.map((d) => d.file));
  const files = report.files.filter((f) => given.has(f) || inFolder(f) || flagged.has(f));
  const kept = new Set(files);
  return teamReport(
    files,
    report.members.filter((m) => kept.has(m.file)),
    report.roster.filter((m) => kept.has(m.file)),
    diagnostics,
  );
}
