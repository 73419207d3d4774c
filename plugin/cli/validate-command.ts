/** `mentor-directory validate`. */
import { formatReport, formatSummary, type ReportFormat } from "../diagnostics/index.js";
import { debugAsksForTimings, startTimings, stopTimings } from "../diagnostics/timings.js";
import type { TeamReport } from "../team/check/team-report.js";
import { keptTeamReport } from "../team/pipeline/kept-report.js";
import type { StoreOptions } from "../team/pipeline/team-store.js";
import { cacheOptions, exitOnceWritten, folders, schemaOptions, writeOutput } from "./command-input.js";
import { defaultChoice, type CommandDefinition, type ParsedCommand } from "./definitions.js";

/** `validate`: the report of the team, or of the files given, in the format asked for. */
export async function validate(args: ParsedCommand, command: CommandDefinition): Promise<number> {
  const format = (args.string("format") ?? defaultChoice(command, "format")) as ReportFormat;
  const timings = args.flag("timings") || debugAsksForTimings();
  if (timings) startTimings();
  // Files (as pre-commit hooks pass them) are reported with what they break; folders whole.
  const note = (message: string): void => void process.stderr.write(`mentor-directory: note: ${message}\n`);
  // A report only: members are counted, not built.
  const options = { ...cacheOptions(args.string("cache")), ...(await schemaOptions(args)), note, members: false };
  const { report, kept } = await reportOf(folders(args.positionals), options);
  const text = formatReport(format, report.diagnostics, report.summary, report.files);
  // The cache is written just after the answer; wait for it so that its time is in the report.
  if (timings) await new Promise((resolve) => setImmediate(resolve));
  const times = timings ? stopTimings() : undefined;
  if (times) process.stderr.write(`${times.format()}\n`);
  const output = args.string("output");
  if (output) {
    await writeOutput(output, text);
    process.stderr.write(`${formatSummary(report.summary)}\n`);
  } else process.stdout.write(text);
  const code = report.summary.errors > 0 ? 1 : 0;
  // A report kept whole left nothing to write and no worker running.
  if (kept) await exitOnceWritten(code);
  return code;
}

/**
 * The report of `paths`: the one the parse cache kept whole when every file stands where it stood
 * (folders only: files are reported with what they break), else made by reading the team, with the
 * parsing and checking loaded only then, and what asking for the kept one learned handed over.
 */
async function reportOf(
  paths: readonly string[],
  options: StoreOptions & { note: (message: string) => void },
): Promise<{ report: TeamReport; kept: boolean }> {
  const { cacheDir, schema, warn } = options;
  const asked =
    cacheDir === undefined
      ? undefined
      : keptTeamReport(paths, { cacheDir, ...(warn ? { warn } : {}), ...(schema ? { schemaText: schema.text } : {}) });
  if (asked && "kept" in asked) return { report: asked.kept, kept: true };
  const { validatePaths } = await import("../team/pipeline/given-paths.js");
  return { report: await validatePaths(paths, { ...options, ...(asked ? { attempt: asked.attempt } : {}) }), kept: false };
}
