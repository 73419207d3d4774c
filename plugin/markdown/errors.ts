import type { Diagnostic } from "../diagnostics.js";

/** One line per problem: `file:line:col: error rule: message`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const place = [diagnostic.file, diagnostic.line, diagnostic.column]
    .filter((part) => part !== undefined)
    .join(":");
  return `${place}: ${diagnostic.severity} ${diagnostic.rule}: ${diagnostic.message}`;
}

/**
 * A page that cannot be rendered as written. Carries every problem found in the page, so an
 * author fixes them in one round instead of one per build.
 */
export class MarkdownRenderError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "MarkdownRenderError";
    this.diagnostics = Object.freeze([...diagnostics]);
  }
}

/** Stable order for reports: by place in the file, then by rule. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.file.localeCompare(b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.rule.localeCompare(b.rule)
  );
}
