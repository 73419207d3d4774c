/**
 * A team's report and its counts: what a load answers, whether it checked the files or took a
 * report the parse cache kept whole. Apart from the checks, so that a kept report loads none of them.
 */
import type { Diagnostic, ReportSummary } from "../../diagnostics/index.js";
import type { Member, RosterEntry } from "../entry.js";

/** The counts of a loaded team: what every report ends with. */
export type TeamSummary = ReportSummary;

export interface TeamReport {
  /** Every file found, as shown in diagnostics. */
  readonly files: readonly string[];
  /** The members, in order; none are built when the team was loaded for a report only (`TeamStore`). */
  readonly members: readonly Member[];
  /** Every member counted, whether built or not: what the counts and the rules across files need. */
  readonly roster: readonly RosterEntry[];
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: TeamSummary;
}

/** A report of `files`, with the counts every report ends with worked out from its parts. */
export function teamReport(
  files: readonly string[],
  members: readonly Member[],
  roster: readonly RosterEntry[],
  diagnostics: readonly Diagnostic[],
): TeamReport {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return {
    files,
    members,
    roster,
    diagnostics,
    summary: {
      files: files.length,
      members: roster.length,
      rejected: files.length - roster.length,
      mentors: roster.filter((m) => m.mentor).length,
      errors,
      warnings: diagnostics.length - errors,
    },
  };
}
