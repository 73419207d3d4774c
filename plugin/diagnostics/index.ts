import { digest } from "../text/hash.js";
import { plural } from "../text/plural.js";
import { printable } from "./printable.js";

/**
 * One problem found in an input file. Every part of the project (loader, schema validation,
 * cross-file rules, Markdown shortcodes) reports through this shape, so that the CLI and the
 * Eleventy build print the same thing.
 */
export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Path of the file, as the user gave it (relative to the working directory when possible). */
  file: string;
  /** 1-based line, when the problem has a place in the file. */
  line?: number;
  /** 1-based column, when the problem has a place in the file. */
  column?: number;
  severity: Severity;
  /** Stable rule id, e.g. `mentor-boolean`, `yaml-syntax`, `reports-to-cycle`. */
  rule: string;
  /** The field concerned, as a path: `mentor`, `departments[1]`, `borrow.end_date`. */
  field?: string;
  /** What is wrong, in words a contributor understands. */
  message: string;
  /** What to write instead. */
  hint?: string;
}

export type ReportFormat = "text" | "json" | "junit" | "codequality";
export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "json", "junit", "codequality"];

/** Counts shown at the end of every report. */
export interface ReportSummary {
  /** Files found, whether they could be read or not. */
  readonly files: number;
  /** Files that became a member. */
  readonly members: number;
  /** Files that did not: `files === members + rejected`. */
  readonly rejected: number;
  readonly mentors: number;
  readonly errors: number;
  readonly warnings: number;
}

/** `42 files read: 41 members loaded, 1 rejected; 9 mentors; 1 error, 2 warnings` */
export function formatSummary(s: ReportSummary): string {
  return (
    `${plural(s.files, "file")} read: ${plural(s.members, "member")} loaded, ${s.rejected} rejected; ` +
    `${plural(s.mentors, "mentor")}; ${plural(s.errors, "error")}, ${plural(s.warnings, "warning")}`
  );
}

/**
 * The diagnostic as a log may show it: every text escaped (`printable`), the hint's own line
 * breaks kept. Every format starts from this, once: a file name or a quoted value cannot add a
 * line to a report, colour it, or reorder what it shows.
 */
export function printableDiagnostic(d: Diagnostic): Diagnostic {
  const shown: Diagnostic = { ...d, file: printable(d.file), rule: printable(d.rule), message: printable(d.message) };
  if (d.field !== undefined) shown.field = printable(d.field);
  if (d.hint !== undefined) shown.hint = printable(d.hint, { lineBreaks: true });
  return shown;
}

/** `file:line:col: severity rule: message` — the form editors and CI logs turn into links. */
export function formatDiagnostic(d: Diagnostic): string {
  return diagnosticLine(printableDiagnostic(d));
}

/** `formatDiagnostic` of a diagnostic already printable. */
function diagnosticLine(d: Diagnostic): string {
  const place = d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  let out = `${place}: ${d.severity} ${d.rule}: ${d.message}`;
  if (d.hint) out += `\n  hint: ${d.hint.replace(/\n/g, "\n        ")}`;
  return out;
}

/**
 * The diagnostics worth printing in a build log: every error, and at most `perRule` warnings of
 * each rule (in the given order). A rule that fires on a tenth of the files would otherwise bury
 * the one error that stops the build. `omitted` counts the warnings left out, by rule.
 */
export function limitWarnings(diagnostics: readonly Diagnostic[], perRule: number): { shown: Diagnostic[]; omitted: Map<string, number> } {
  const seen = new Map<string, number>();
  const omitted = new Map<string, number>();
  const shown: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.severity === "warning") {
      const count = (seen.get(d.rule) ?? 0) + 1;
      seen.set(d.rule, count);
      if (count > perRule) {
        omitted.set(d.rule, (omitted.get(d.rule) ?? 0) + 1);
        continue;
      }
    }
    shown.push(d);
  }
  return { shown, omitted };
}

// The formats below take diagnostics and file names already printable: `formatReport` makes them so.

function formatText(diagnostics: readonly Diagnostic[], summary: ReportSummary): string {
  return [...diagnostics.map(diagnosticLine), formatSummary(summary)].join("\n") + "\n";
}

function formatJson(diagnostics: readonly Diagnostic[], summary: ReportSummary): string {
  return JSON.stringify({ summary, diagnostics }, null, 2) + "\n";
}

/** Text for XML, which must be printable already: what XML 1.0 cannot carry is escaped by then. */
function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** JUnit XML: one test case per file, failing when the file has errors. */
function formatJunit(diagnostics: readonly Diagnostic[], summary: ReportSummary, files: readonly string[]): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const file of files) byFile.set(file, []);
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const failures = [...byFile.values()].filter((list) => list.some((d) => d.severity === "error")).length;
  const cases = [...byFile].map(([file, list]) => {
    const errors = list.filter((d) => d.severity === "error");
    const warnings = list.filter((d) => d.severity === "warning");
    let body = "";
    if (errors.length) {
      const first = errors[0] as Diagnostic;
      body +=
        `\n      <failure message="${xml(`${first.rule}: ${first.message}`)}" type="${xml(first.rule)}">` +
        `${xml(errors.map(diagnosticLine).join("\n"))}</failure>`;
    }
    if (warnings.length) body += `\n      <system-out>${xml(warnings.map(diagnosticLine).join("\n"))}</system-out>`;
    return `    <testcase classname="team-members" name="${xml(file)}" file="${xml(file)}">${body}${body ? "\n    " : ""}</testcase>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="mentor-directory validate" tests="${byFile.size}" failures="${failures}" errors="0">`,
    `  <testsuite name="team-members" tests="${byFile.size}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    // CI systems show a suite's output next to its results: the counts a reviewer asks for first.
    `    <system-out>${xml(formatSummary(summary))}</system-out>`,
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}

/**
 * GitLab Code Quality report. The fingerprint leaves out the line, so an unchanged problem keeps
 * its identity when lines above it move and GitLab does not show it as new in the merge request.
 */
function formatCodeQuality(diagnostics: readonly Diagnostic[]): string {
  const seen = new Map<string, number>();
  const issues = diagnostics.map((d) => {
    // Numbers in a message are often line numbers ("continues on line 20"): leave them out too.
    const base = digest([d.file, d.rule, d.field ?? "", d.message.replace(/\d+/g, "#")]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return {
      // The widget shows nothing but this text: the whole hint, or a multi-line example loses its lines.
      description: d.hint ? `${d.message} (${d.hint})` : d.message,
      check_name: d.rule,
      fingerprint: n === 0 ? base : digest([base, String(n)]),
      severity: d.severity === "error" ? "major" : "minor",
      location: { path: d.file, lines: { begin: d.line ?? 1 } },
    };
  });
  return JSON.stringify(issues, null, 2) + "\n";
}

/** A report in one of `REPORT_FORMATS`; every text in it escaped once, here (see `printableDiagnostic`). */
export function formatReport(
  format: ReportFormat,
  diagnostics: readonly Diagnostic[],
  summary: ReportSummary,
  files: readonly string[],
): string {
  const shown = diagnostics.map(printableDiagnostic);
  switch (format) {
    case "json":
      return formatJson(shown, summary);
    case "junit":
      return formatJunit(
        shown,
        summary,
        files.map((file) => printable(file)),
      );
    case "codequality":
      return formatCodeQuality(shown);
    default:
      return formatText(shown, summary);
  }
}

/** The one order of reports: by file, then place in the file; problems at one place keep the order they were found in. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  // File names by code units, not by locale: the same report on every machine.
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
