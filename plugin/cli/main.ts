#!/usr/bin/env node
/**
 * `mentor-directory`: validate team-member files in CI and list the directory as the site shows it.
 * Exit codes: 0 no errors, 1 errors in the data, 2 a usage problem. Never a stack trace.
 */
import { existsSync } from "node:fs";
import { lstat, unlink, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { formatDiagnostic, formatReport, formatSummary, REPORT_FORMATS, type ReportFormat } from "../diagnostics/index.js";
import { describeCause } from "../diagnostics/fs-errors.js";
import { fragmentText } from "../html/sanitize.js";
import { VERSION } from "../package.js";
import { formatPairing, PAIRING_FORMATS, type PairingFormat } from "../pairing/format.js";
import { DEFAULT_CAPACITY, pairFromFiles, PAIRING_RULES, PairingFileError } from "../pairing/load.js";
import { MAX_CAPACITY, parseCapacity } from "../pairing/applications.js";
import { buildDirectory, selectMembers } from "../team/directory.js";
import { DEFAULT_TEAM_FOLDER, TeamFolderError } from "../team/load.js";
import { rulesHelp } from "../team/registry.js";
import { validateTeam } from "../team/store.js";
import { skillsOf } from "../team/skills.js";
import { debugAsksForTimings, startTimings, stopTimings } from "../diagnostics/timings.js";
import { plural } from "../text/plural.js";

const DEFAULT_FOLDER = DEFAULT_TEAM_FOLDER;

const HELP: Record<string, string> = {
  main: `Usage: mentor-directory <command> [options]

Commands:
  validate [dir…]   check team-member YAML files; exit 1 when any has an error
  list [dir…]       print the members (or mentors) as the site shows them
  pair <mentees>    suggest mentor–mentee pairs from program applications

Run \`mentor-directory <command> --help\` for the options of a command, and
\`mentor-directory --version\` for the version.
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
  --cache <dir>  keep a parse cache there (keyed by file content). Without it no cache is read:
                 give it only a folder that no less trusted job can write (a cache can make
                 an invalid file pass; README, Security)
  --timings      print how long each phase took to stderr (or DEBUG=Eleventy:MentorDirectory*)
  -h, --help     show this help

Exit status: 0 when there is no error (warnings allowed), 1 when there is an error,
2 for a usage problem (unknown option, missing folder, --output not writable),
3 for an internal error (please report it).

Rules (the id of each problem reported; an error fails the run, a warning does not):
${rulesHelp()}
`,
  list: `Usage: mentor-directory list [dir…] [--mentors] [--format text|json]

Prints the team members (default folder: ${DEFAULT_FOLDER}) in the order and form the site shows.

Options:
  --mentors      only the members available as mentors (as the directory lists them)
  --cache <dir>  keep a parse cache there (keyed by file content; README, Security)
  --format <f>   text (default) or json: [{ slug, name, role, mentor, expertise: [labels],
                 skills: [{ label, domainKey? }] }]
  -h, --help     show this help
`,
  pair: `Usage: mentor-directory pair <mentees.csv|yaml> [--team dir] [--mentors mentor-applications.csv|yaml]
                            [--capacity n] [--exclude file] [--format markdown|csv|json] [--output file]

Suggests mentor–mentee pairs for an organized mentorship program from the mentee applications
and the directory's mentors (or a mentor applications file), and says why for each.

A pair is never suggested when it would put a mentor over capacity, pair someone with themself,
pair people in one reporting line (a manager or anyone above or below, through reports_to), pair
an excluded couple, or pair people without a shared focus area. Among the pairings left, the one
chosen is optimal in this order: most mentees paired, most shared focus areas, closest time
zones, different departments. The same files always give the same pairs.

Options:
  --team <dir>       team-member folder (default: ${DEFAULT_FOLDER}); may be repeated
  --mentors <file>   mentor applications: slug or name, capacity, focus_areas, time_zone or
                     location (default: the directory's mentors, with their skills:
                     expertise and domain_expertise)
  --capacity <n>     mentees per mentor when the mentor file gives none (default ${DEFAULT_CAPACITY})
  --exclude <file>   pairs never to suggest: columns mentee, mentor (slug or name), reason
  --format <f>       markdown (default: ready to paste in the announcement), csv or json
  --output <file>    write the pairs to a file; the summary still goes to the terminal
  -h, --help         show this help

Mentee file (CSV with a header row, or a YAML list of mappings): slug or name; focus_areas
(separated by ";"; commas too, unless part of a known area); time_zone (Europe/Berlin, UTC+2)
or location (Denver, CO), else the team file's locality and country; goal. Other columns are
ignored. Focus areas match a mentor's skills ignoring case, spacing, Unicode form and a
"Mentor - " prefix; a domain key (rest_api) matches its words (REST API); a skill that contains
the area as whole words offers it ("Product discovery - interviews" offers "Product discovery").
An area no mentor offers is a warning that names the closest topics.

Exit status: 0 when the pairs were produced, even with mentees left unpaired; 1 when a row of an
input file was rejected (the pairs of the other rows are still written; each rejected row is
reported with its row number); 2 for a usage problem (unknown option, missing file, --output
not writable); 3 for an internal error (please report it).

Checks on the input files:
${Object.entries(PAIRING_RULES)
  .map(([id, text]) => `  ${id.padEnd(29)} ${text}`)
  .join("\n")}
`,
};

class UsageError extends Error {}

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

function parse(command: string, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        format: { type: "string" },
        cache: { type: "string" },
        ...(command === "validate" ? { output: { type: "string", short: "o" }, timings: { type: "boolean" } } : {}),
        ...(command === "list" ? { mentors: { type: "boolean" } } : {}),
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
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
  const timings = values.timings === true || debugAsksForTimings();
  if (timings) startTimings();
  const report = await validateTeam(folders(positionals), cacheOptions(values.cache));
  const text = formatReport(format, report.diagnostics, report.summary, report.files);
  // The cache is written just after the answer; wait for it so that its time is in the report.
  if (timings) await new Promise((resolve) => setImmediate(resolve));
  const times = timings ? stopTimings() : undefined;
  if (times) process.stderr.write(`${times.format()}\n`);
  const output = values.output as string | undefined;
  if (output) {
    await writeOutput(output, text);
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
  const report = await validateTeam(folders(positionals), cacheOptions(values.cache));
  const directory = buildDirectory(report.members);
  const members = values.mentors ? selectMembers(directory, "mentor") : directory.members;
  const rows = members.map((m) => ({
    slug: m.slug,
    name: m.name,
    role: fragmentText(m.role),
    mentor: m.mentor,
    expertise: m.expertise.map((e) => e.label),
    skills: skillsOf(m).map((skill) => (skill.domainKey === undefined ? { label: skill.label } : { label: skill.label, domainKey: skill.domainKey })),
  }));
  if (format === "json") process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
  else {
    for (const r of rows) {
      const topics = r.skills.length ? ` — ${r.skills.map((skill) => skill.label).join("; ")}` : "";
      process.stdout.write(`${r.slug}\t${r.name}\t${r.role}${r.mentor ? "\t(mentor)" : ""}${topics}\n`);
    }
  }
  if (report.summary.errors > 0) process.stderr.write(`${formatSummary(report.summary)}; run \`mentor-directory validate\` for details\n`);
  return 0;
}

async function pairCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        team: { type: "string", multiple: true },
        mentors: { type: "string" },
        capacity: { type: "string" },
        exclude: { type: "string" },
        format: { type: "string" },
        output: { type: "string", short: "o" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP.pair as string);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? "pair needs the mentee applications file (see pair --help)" : `pair takes one mentee applications file, not ${positionals.length}`);
  }
  const format = (values.format ?? "markdown") as PairingFormat;
  if (!PAIRING_FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}"; use one of ${PAIRING_FORMATS.join(", ")}`);
  let capacity: number | undefined;
  if (values.capacity !== undefined) {
    capacity = parseCapacity(values.capacity);
    if (capacity === undefined) throw new UsageError(`--capacity must be a whole number from 0 to ${MAX_CAPACITY}, not "${values.capacity}"`);
  }
  const team = values.team ?? [];
  if (team.length === 0 && !existsSync(DEFAULT_FOLDER)) throw new UsageError(`no --team folder given and ${DEFAULT_FOLDER} does not exist here`);
  const result = await pairFromFiles({
    mentees: positionals[0] as string,
    team,
    ...(values.mentors !== undefined ? { mentors: values.mentors } : {}),
    ...(values.exclude !== undefined ? { exclusions: values.exclude } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
  });
  const text = formatPairing(result.pairing, format, { diagnostics: result.diagnostics });
  if (values.output) await writeOutput(values.output, text);
  else process.stdout.write(text);
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  const { pairing } = result;
  const mentees = pairing.pairs.length + pairing.unpaired.length;
  let summary = `${plural(mentees, "mentee")}, ${plural(pairing.mentors.length, "mentor")}: ${pairing.pairs.length} paired, ${pairing.unpaired.length} not paired`;
  if (result.rejected) summary += `; ${plural(result.rejected, "input row")} rejected`;
  process.stderr.write(`${summary}\n`);
  if (result.team.summary.errors > 0) process.stderr.write(`team: ${formatSummary(result.team.summary)}; run \`mentor-directory validate\` for details\n`);
  return result.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
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
      case "pair":
        return await pairCommand(rest);
      case "-v":
      case "--version":
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case undefined:
      case "-h":
      case "--help":
      case "help":
        process.stdout.write(HELP.main as string);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; use validate, list or pair (see --help)`);
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

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
