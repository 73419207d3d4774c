import type { VFile } from "vfile";
import { compareDiagnostics, formatDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import { messageSource } from "./remark-hugo-shortcodes/index.js";

/** A message of a vfile, as `file.message` makes it (the type vfile itself uses). */
type VFileMessage = VFile["messages"][number];

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

interface PagePlace {
  /** Path of the page as the author knows it. */
  readonly file: string;
  /** Lines before the Markdown body (front matter), added to every line. */
  readonly lineOffset: number;
}

/**
 * The problems reported on a page's file, as diagnostics of the file the author edits, in report
 * order. Every problem is an error: a page renders as written or not at all.
 */
export function pageDiagnostics(file: VFile, page: PagePlace): Diagnostic[] {
  return file.messages.map((message) => toDiagnostic(message, page)).sort(compareDiagnostics);
}

function toDiagnostic(message: VFileMessage, page: PagePlace): Diagnostic {
  // The syntax's rule ids are its own (`unclosed`); the plugin's name the construct (`shortcode-unclosed`).
  const rule = message.source === messageSource ? `shortcode-${message.ruleId ?? "syntax"}` : (message.ruleId ?? "markdown");
  const diagnostic: Diagnostic = { file: page.file, severity: "error", rule, message: message.reason };
  if (message.line !== undefined) {
    diagnostic.line = message.line + page.lineOffset;
    diagnostic.column = message.column ?? 1;
  }
  if (message.note !== undefined) diagnostic.hint = message.note;
  return diagnostic;
}
