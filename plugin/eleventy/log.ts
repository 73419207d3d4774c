/**
 * The plugin's voice in the build log, through Eleventy's logger so that `--quiet` is honoured:
 * the summary and warnings are left out of quiet runs, errors never are.
 */
import { formatDiagnostic, formatSummary, limitWarnings, type Diagnostic } from "../diagnostics/index.js";
import type { TeamReport } from "../team/check/team-report.js";
import { plural } from "../text/plural.js";

/** The part of Eleventy's `ConsoleLogger` the plugin uses. */
export interface EleventyLogger {
  logWithOptions(options: { message: string; type?: "log" | "warn" | "error"; prefix?: string; color?: string; force?: boolean }): void;
}

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  /** Printed even with `--quiet`. */
  error(message: string): void;
  /** Not a problem, but asked for (a timing report): printed even with `--quiet`. */
  force(message: string): void;
}

const PREFIX = "[mentor-directory]";

export function createLog(logger: EleventyLogger | undefined): Log {
  // Eleventy gives every config a logger; a caller that builds a config by hand may not.
  const write = (message: string, type: "log" | "warn" | "error", color: string | undefined, force: boolean): void => {
    if (logger) logger.logWithOptions({ message, type, prefix: PREFIX, force, ...(color ? { color } : {}) });
    else if (force) process.stderr.write(`${PREFIX} ${message}\n`);
  };
  return {
    info: (message) => write(message, "log", undefined, false),
    warn: (message) => write(message, "warn", "yellow", false),
    error: (message) => write(message, "error", "red", true),
    force: (message) => write(message, "log", undefined, true),
  };
}

/** Warnings of one rule printed in a build log; `mentor-directory validate` lists them all. */
const WARNINGS_PER_RULE = 5;

/** The team's problems and summary, at the end of loading. */
export function logTeamReport(log: Log, report: TeamReport, options: { showWarnings: boolean; dataDir: string }): void {
  const { shown, omitted } = limitWarnings(
    report.diagnostics.filter((d) => options.showWarnings || d.severity === "error"),
    WARNINGS_PER_RULE,
  );
  for (const d of shown) logDiagnostic(log, d);
  for (const [rule, count] of omitted) {
    log.warn(`… and ${plural(count, `more ${rule} warning`)}: \`npx mentor-directory validate ${options.dataDir}\` lists every one`);
  }
  if (report.summary.files === 0) {
    log.warn(
      `no team-member files under ${options.dataDir}: each member is one file <type>/<letter>/<slug>.yml below it ` +
        "(person/j/jdoe.yml), or set the plugin option `dataDir` to the folder that holds them",
    );
  }
  log.info(formatSummary(report.summary));
}

export function logDiagnostic(log: Log, d: Diagnostic): void {
  if (d.severity === "error") log.error(formatDiagnostic(d));
  else log.warn(formatDiagnostic(d));
}
