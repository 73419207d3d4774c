import type { VFile } from "vfile";
import { compareDiagnostics, formatDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import { Problems } from "../diagnostics/problems.js";
import { PAGE_RULES, type PageRuleId } from "./page-rules.js";
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
 * order: the one place where the pipeline's vfile messages become diagnostics. Every page rule is
 * an error: a page renders as written or not at all.
 */
export function pageDiagnostics(file: VFile, page: PagePlace): Diagnostic[] {
  const problems = new Problems(PAGE_RULES, page.file);
  for (const message of file.messages) {
    const at = message.line === undefined ? {} : { line: message.line + page.lineOffset, column: message.column ?? 1 };
    problems.report(pageRule(message), at, message.reason, { hint: message.note });
  }
  return problems.diagnostics.sort(compareDiagnostics);
}

/** The page rule of a message: the syntax's rule ids are its own (`unclosed`); ours name the construct (`shortcode-unclosed`). */
function pageRule(message: VFileMessage): PageRuleId {
  const id = message.source === messageSource ? `shortcode-${message.ruleId ?? "syntax"}` : (message.ruleId ?? "markdown");
  return PAGE_RULES.get(id)?.id ?? "markdown";
}
