/**
 * The one way our own code collects problems: `report` a rule of a set at a place, with what is
 * wrong and what to write instead. The severity is the rule's unless the report says otherwise.
 * (Steps of the unified pipeline report with `file.message`, as unified does; the Markdown errors
 * turn those messages into diagnostics in one place.)
 */
import type { Diagnostic, Severity } from "./index.js";
import type { RuleSet } from "./rules.js";

/** Where a problem is: the collector's file unless another is named; a line and column when known. */
interface ProblemPlace {
  readonly file?: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

interface ProblemDetails {
  /** What to write instead. */
  readonly hint?: string | undefined;
  /** The field concerned, as a path: `mentor`, `departments[1]`, `borrow.end_date`. */
  readonly field?: string | undefined;
  /** Instead of the rule's own. */
  readonly severity?: Severity;
}

/** Diagnostics under the rules of one set, in the order they are reported. */
export class Problems<Id extends string = string> {
  readonly diagnostics: Diagnostic[] = [];

  /** `file`: where problems are, unless a report names another. */
  constructor(
    readonly rules: RuleSet<Id>,
    readonly file?: string,
  ) {}

  /** Add a problem of `rule` at `at`, and return it. */
  report(rule: Id, at: ProblemPlace, message: string, details: ProblemDetails = {}): Diagnostic {
    const file = at.file ?? this.file;
    const known = this.rules.get(rule);
    if (file === undefined) throw new Error(`a problem of ${rule} names no file`);
    if (!known) throw new Error(`${rule} is not a rule of its set`);
    const diagnostic: Diagnostic = {
      file,
      ...(at.line !== undefined ? { line: at.line } : {}),
      ...(at.column !== undefined ? { column: at.column } : {}),
      severity: details.severity ?? known.severity,
      rule,
      ...(details.field !== undefined ? { field: details.field } : {}),
      message,
      ...(details.hint !== undefined ? { hint: details.hint } : {}),
    };
    this.diagnostics.push(diagnostic);
    return diagnostic;
  }
}
