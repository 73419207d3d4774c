#!/usr/bin/env node
/**
 * `mentor-directory`: validate team-member files in CI and list the directory as the site shows it.
 * Exit codes: 0 no errors, 1 errors in the data, 2 a usage problem. Never a stack trace.
 */
import { isMainThread } from "node:worker_threads";
import { existsSync } from "node:fs";
import { lstat, unlink, writeFile } from "node:fs/promises";
import { formatDiagnostic, formatReport, formatSummary, type ReportFormat } from "../diagnostics/index.js";
import { describeCause } from "../diagnostics/fs-errors.js";
import { printable } from "../diagnostics/printable.js";
import { fragmentText } from "../html/sanitize.js";
import { VERSION } from "../package.js";
import { formatPairing, type PairingFormat } from "../pairing/format.js";
import { pairFromFiles, PairingFileError } from "../pairing/load.js";
import { MAX_CAPACITY, parseCapacity } from "../pairing/applications.js";
import { buildDirectory, selectMembers } from "../team/model/directory.js";
import { DEFAULT_TEAM_FOLDER, TeamFolderError } from "../team/read/folder.js";
import { validateTeam } from "../team/pipeline/team-store.js";
import { validatePaths } from "../team/pipeline/given-paths.js";
import { skillsOf } from "../team/model/skills.js";
import { exportedFields } from "../team/model/export.js";
import { readSchemaFile } from "../team/check/schema.js";
import { SchemaFileError, type TeamSchema } from "../team/read/schema-file.js";
import { debugAsksForTimings, startTimings, stopTimings } from "../diagnostics/timings.js";
import { plural } from "../text/plural.js";
import {
  COMMANDS,
  commandNamed,
  defaultChoice,
  helpText,
  mainHelpText,
  parseCommand,
  UsageError,
  type CommandDefinition,
  type CommandName,
  type ParsedCommand,
} from "./definitions.js";

/**
 * Write a report; a path that cannot be written is the user's to fix, not an internal error. A
 * report cut short (no space left) is removed: CI must not show half a report as the whole.
 */
async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    // Only errors of writing, not of opening: a file that could not be opened is as it was.
    const cutShort = ["ENOSPC", "EDQUOT", "EFBIG", "EIO"].includes((error as NodeJS.ErrnoException).code ?? "");
    if (cutShort && (await lstat(file).catch(() => undefined))?.isFile()) await unlink(file).catch(() => undefined);
    throw new UsageError(`cannot write --output ${file}: ${describeCause(error)}`);
  }
}

/**
 * The parse cache, only when asked for: the CI gate must not read whatever a restored `.cache`
 * holds. Its problems (damaged, not writable) are one warning; the report stays what it is.
 */
function cacheOptions(cache: string | boolean | undefined): { cacheDir?: string; warn?: (message: string) => void } {
  if (typeof cache !== "string" || cache === "") return {};
  return { cacheDir: cache, warn: (message) => process.stderr.write(`mentor-directory: warning: ${message}\n`) };
}

/** The `--schema` file, read and compiled: a schema that cannot be used is a usage problem naming the file. */
function schemaOptions(args: ParsedCommand): { schema?: TeamSchema } {
  const file = args.string("schema");
  if (file === undefined) return {};
  try {
    return { schema: readSchemaFile(file) };
  } catch (error) {
    if (error instanceof SchemaFileError) throw new UsageError(`--schema: ${error.message}`);
    throw error;
  }
}

function folders(positionals: readonly string[]): string[] {
  if (positionals.length) return [...positionals];
  if (!existsSync(DEFAULT_TEAM_FOLDER)) throw new UsageError(`no folder given and ${DEFAULT_TEAM_FOLDER} does not exist here`);
  return [DEFAULT_TEAM_FOLDER];
}

async function validate(args: ParsedCommand, command: CommandDefinition): Promise<number> {
  const format = (args.string("format") ?? defaultChoice(command, "format")) as ReportFormat;
  const timings = args.flag("timings") || debugAsksForTimings();
  if (timings) startTimings();
  // Files (as pre-commit hooks pass them) are reported with what they break; folders whole.
  const note = (message: string): void => void process.stderr.write(`mentor-directory: note: ${message}\n`);
  // A report only: members are counted, not built.
  const options = { ...cacheOptions(args.string("cache")), ...schemaOptions(args), note, members: false };
  const report = await validatePaths(folders(args.positionals), options);
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
  return report.summary.errors > 0 ? 1 : 0;
}

async function list(args: ParsedCommand, command: CommandDefinition): Promise<number> {
  const format = args.string("format") ?? defaultChoice(command, "format");
  const report = await validateTeam(folders(args.positionals), { ...cacheOptions(args.string("cache")), ...schemaOptions(args) });
  const fields = args.strings("field");
  const directory = buildDirectory(report.members);
  const members = args.flag("mentors") ? selectMembers(directory, "mentor") : directory.members;
  const rows = members.map((m) => ({
    slug: m.slug,
    name: m.name,
    role: fragmentText(m.role),
    mentor: m.mentor,
    expertise: m.expertise.map((e) => e.label),
    skills: skillsOf(m).map((skill) =>
      skill.domainKey === undefined ? { label: skill.label } : { label: skill.label, domainKey: skill.domainKey },
    ),
    ...(fields.length ? { fields: exportedFields(m, fields) } : {}),
  }));
  if (format === "json") process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
  else {
    // A terminal runs the escape sequences it prints: a slug is a file name, which can hold one.
    for (const r of rows) {
      const topics = r.skills.length ? ` — ${r.skills.map((skill) => skill.label).join("; ")}` : "";
      const columns = [r.slug, r.name, r.role, ...(r.mentor ? ["(mentor)"] : [])].map((column) => printable(column));
      process.stdout.write(`${columns.join("\t")}${printable(topics)}\n`);
    }
  }
  if (report.summary.errors > 0) process.stderr.write(`${formatSummary(report.summary)}; run \`mentor-directory validate\` for details\n`);
  return 0;
}

async function pairCommand(args: ParsedCommand, command: CommandDefinition): Promise<number> {
  if (args.positionals.length !== 1) {
    throw new UsageError(
      args.positionals.length === 0
        ? "pair needs the mentee applications file (see pair --help)"
        : `pair takes one mentee applications file, not ${args.positionals.length}`,
    );
  }
  const format = (args.string("format") ?? defaultChoice(command, "format")) as PairingFormat;
  let capacity: number | undefined;
  const capacityText = args.string("capacity");
  if (capacityText !== undefined) {
    capacity = parseCapacity(capacityText);
    if (capacity === undefined) throw new UsageError(`--capacity must be a whole number from 0 to ${MAX_CAPACITY}, not "${capacityText}"`);
  }
  const team = args.strings("team");
  const mentors = args.string("mentors");
  const exclusions = args.string("exclude");
  const output = args.string("output");
  if (team.length === 0 && !existsSync(DEFAULT_TEAM_FOLDER))
    throw new UsageError(`no --team folder given and ${DEFAULT_TEAM_FOLDER} does not exist here`);
  const result = await pairFromFiles({
    mentees: args.positionals[0] as string,
    team,
    ...(mentors !== undefined ? { mentors } : {}),
    ...(exclusions !== undefined ? { exclusions } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
  });
  const text = formatPairing(result.pairing, format, { diagnostics: result.diagnostics });
  if (output) await writeOutput(output, text);
  else process.stdout.write(text);
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  const { pairing } = result;
  const mentees = pairing.pairs.length + pairing.unpaired.length;
  let summary =
    `${plural(mentees, "mentee")}, ${plural(pairing.mentors.length, "mentor")}: ` +
    `${pairing.pairs.length} paired, ${pairing.unpaired.length} not paired`;
  if (result.rejected) summary += `; ${plural(result.rejected, "input row")} rejected`;
  process.stderr.write(`${summary}\n`);
  if (result.team.summary.errors > 0)
    process.stderr.write(`team: ${formatSummary(result.team.summary)}; run \`mentor-directory validate\` for details\n`);
  return result.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

const RUNNERS: Readonly<Record<CommandName, (args: ParsedCommand, command: CommandDefinition) => Promise<number>>> = {
  validate,
  list,
  pair: pairCommand,
};

/** One command: its help when asked for, else the command with its checked options. */
async function run(name: CommandName, argv: readonly string[]): Promise<number> {
  const command = commandNamed(name);
  const args = parseCommand(command, argv);
  if (args.flag("help")) {
    process.stdout.write(helpText(command));
    return 0;
  }
  return RUNNERS[name](args, command);
}

/** Run the command line; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "validate":
      case "list":
      case "pair":
        return await run(command, rest);
      case "-v":
      case "--version":
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case undefined:
      case "-h":
      case "--help":
      case "help":
        process.stdout.write(mainHelpText());
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; use ${COMMANDS.map((c) => c.name).join(", ")} (see --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof TeamFolderError || error instanceof PairingFileError) {
      process.stderr.write(`mentor-directory: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mentor-directory: internal error: ${message.split("\n")[0]}\nPlease report this with the command you ran.\n`);
    return 3;
  }
}

// The bundle is also the code of its worker thread (`check-worker.ts`), which runs no command.
if (isMainThread) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
