#!/usr/bin/env node
/**
 * `mentor-directory`: validate team-member files in CI and list the directory as the site shows it.
 * Exit codes: 0 no errors, 1 errors in the data, 2 a usage problem. Never a stack trace.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { formatReport, formatSummary, REPORT_FORMATS, type ReportFormat } from "./diagnostics.js";
import { fragmentText } from "./html/sanitize.js";
import { buildDirectory, selectMembers } from "./team/directory.js";
import { TeamFolderError } from "./team/load.js";
import { RULES } from "./team/rules.js";
import { validateTeam } from "./team/store.js";

const DEFAULT_FOLDER = "data/team_members";

const HELP: Record<string, string> = {
  main: `Usage: mentor-directory <command> [options]

Commands:
  validate [dir…]   check team-member YAML files; exit 1 when any has an error
  list [dir…]       print the members (or mentors) as the site shows them

Run \`mentor-directory <command> --help\` for the options of a command.
`,
  validate: `Usage: mentor-directory validate [dir…] [--format text|json|junit|codequality] [--output file]

Checks every *.yml file below each folder (default: ${DEFAULT_FOLDER}) against the team-member
schema and the handbook's rules, and reports each problem as file:line:col.

Options:
  --format <f>   text (default): file:line:col: error|warning rule: message, then a hint line
                 json: { summary, diagnostics }
                 junit: JUnit XML, one test case per file
                 codequality: GitLab Code Quality report (shown inline in merge requests)
  --output <file>  write the report to a file; a one-line summary still goes to the terminal
  -h, --help     show this help

Exit status: 0 when there is no error (warnings allowed), 1 when there is an error,
2 for a usage problem (unknown option, missing folder).

Rules beyond the schema:
${Object.entries(RULES)
  .map(([id, text]) => `  ${id.padEnd(20)} ${text}`)
  .join("\n")}
`,
  list: `Usage: mentor-directory list [dir…] [--mentors] [--format text|json]

Prints the team members (default folder: ${DEFAULT_FOLDER}) in the order and form the site shows.

Options:
  --mentors      only the members available as mentors (as the directory lists them)
  --format <f>   text (default) or json: [{ slug, name, role, mentor, expertise: [labels] }]
  -h, --help     show this help
`,
};

class UsageError extends Error {}

function parse(command: string, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        format: { type: "string" },
        ...(command === "validate" ? { output: { type: "string", short: "o" } } : {}),
        ...(command === "list" ? { mentors: { type: "boolean" } } : {}),
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
}

function folders(positionals: string[]): string[] {
  if (positionals.length) return positionals;
  if (!existsSync(DEFAULT_FOLDER)) throw new UsageError(`no folder given and ${DEFAULT_FOLDER} does not exist here`);
  return [DEFAULT_FOLDER];
}

async function validate(argv: string[]): Promise<number> {
  const { values, positionals } = parse("validate", argv);
  if (values.help) {
    process.stdout.write(HELP.validate as string);
    return 0;
  }
  const format = (values.format ?? "text") as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}"; use one of ${REPORT_FORMATS.join(", ")}`);
  const report = await validateTeam(folders(positionals));
  const text = formatReport(format, report.diagnostics, report.summary, report.files);
  const output = values.output as string | undefined;
  if (output) {
    await writeFile(output, text);
    process.stderr.write(`${formatSummary(report.summary)}\n`);
  } else process.stdout.write(text);
  return report.summary.errors > 0 ? 1 : 0;
}

async function list(argv: string[]): Promise<number> {
  const { values, positionals } = parse("list", argv);
  if (values.help) {
    process.stdout.write(HELP.list as string);
    return 0;
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`unknown format "${format}"; use text or json`);
  const report = await validateTeam(folders(positionals));
  const directory = buildDirectory(report.members);
  const members = values.mentors ? selectMembers(directory, "mentor") : directory.members;
  const rows = members.map((m) => ({
    slug: m.slug,
    name: m.name,
    role: fragmentText(m.role),
    mentor: m.mentor,
    expertise: m.expertise.map((e) => e.label),
  }));
  if (format === "json") process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
  else {
    for (const r of rows) {
      const topics = r.expertise.length ? ` — ${r.expertise.join("; ")}` : "";
      process.stdout.write(`${r.slug}\t${r.name}\t${r.role}${r.mentor ? "\t(mentor)" : ""}${topics}\n`);
    }
  }
  if (report.summary.errors > 0) process.stderr.write(`${formatSummary(report.summary)}; run \`mentor-directory validate\` for details\n`);
  return 0;
}

/** Run the command line; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "validate":
        return await validate(rest);
      case "list":
        return await list(rest);
      case undefined:
      case "-h":
      case "--help":
      case "help":
        process.stdout.write(HELP.main as string);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; use validate or list (see --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof TeamFolderError) {
      process.stderr.write(`mentor-directory: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mentor-directory: internal error: ${message.split("\n")[0]}\nPlease report this with the command you ran.\n`);
    return 3;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
