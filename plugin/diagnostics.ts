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
