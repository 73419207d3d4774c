/** The rules of application files, and how the readers collect what breaks them. */
import type { Diagnostic, Severity } from "../diagnostics/index.js";

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

/** Diagnostics of one application file, in the order they are found. */
export class Reporter {
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
