/**
 * The commands and their options, written once: the parser (`parseCommand`) and the help text
 * (`helpText`) are both made from these tables, so an option cannot be accepted without being
 * documented, or documented without being accepted.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { REPORT_FORMATS, type ReportFormat } from "../diagnostics/index.js";
import { PAIRING_FORMATS, type PairingFormat } from "../pairing/format.js";
import { DEFAULT_CAPACITY, PAIRING_RULES } from "../pairing/pairing-rules.js";
import { DEFAULT_TEAM_FOLDER } from "../team/read/folder.js";
import { TEAM_RULES } from "../team/rule-list.js";

/** One option of a command. */
interface OptionDefinition {
  /** The long name, without `--`. */
  readonly name: string;
  readonly short?: string;
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  /** How the value is shown in the help (`<dir>`); string options only. */
  readonly value?: string;
  /** What the option does; each further line of the help is a further entry. */
  readonly help: readonly string[];
  /** The values allowed, each with what it gives; the first is the default. */
  readonly choices?: Readonly<Record<string, string>>;
}

export type CommandName = "validate" | "list" | "pair";

export interface CommandDefinition {
  readonly name: CommandName;
  /** The operands, as shown after the command in the usage line. */
  readonly operands: string;
  /** One line for the list of commands. */
  readonly summary: string;
  /** The paragraphs between the usage line and the options. */
  readonly description: string;
  readonly options: readonly OptionDefinition[];
  /** The text after the options (exit status, rules); made when the help is shown. */
  readonly epilogue?: () => string;
}

const HELP_OPTION: OptionDefinition = { name: "help", short: "h", type: "boolean", help: ["show this help"] };

const CACHE_OPTION: OptionDefinition = {
  name: "cache",
  type: "string",
  value: "<dir>",
  help: ["keep a parse cache there (keyed by file content; README, Security)"],
};

const SCHEMA_OPTION: OptionDefinition = {
  name: "schema",
  type: "string",
  value: "<file>",
  help: [
    "check the files against this JSON Schema (2020-12) instead of the bundled one;",
    "it may extend the bundled one (README, Your own fields)",
  ],
};

const OUTPUT_OPTION: OptionDefinition = {
  name: "output",
  short: "o",
  type: "string",
  value: "<file>",
  help: ["write the result to a file; the summary still goes to the terminal"],
};

const REPORT_CHOICES: Readonly<Record<ReportFormat, string>> = {
  text: "file:line:col: error|warning rule: message, then a hint line",
  json: "{ summary, diagnostics }",
  junit: "JUnit XML, one test case per file",
  codequality: "GitLab Code Quality report (shown inline in merge requests)",
};

const PAIRING_CHOICES: Readonly<Record<PairingFormat, string>> = {
  markdown: "ready to paste in the announcement",
  csv: "one row per mentee, paired or not",
  json: "{ summary, pairs, unpaired, mentors, diagnostics }",
};

/** The choices in the order of the list the code validates against, so both name the same values. */
function ordered<T extends string>(values: readonly T[], words: Readonly<Record<T, string>>): Record<string, string> {
  return Object.fromEntries(values.map((value) => [value, words[value]]));
}

const EXIT_STATUS_TEAM = `Exit status: 0 when there is no error (warnings allowed), 1 when there is an error,
2 for a usage problem (unknown option, missing folder, --output not writable),
3 for an internal error (please report it).`;

export const COMMANDS: readonly CommandDefinition[] = [
  {
    name: "validate",
    operands: "[dir|file…]",
    summary: "check team-member YAML files; exit 1 when any has an error",
    description: `Checks every *.yml file below each folder (default: ${DEFAULT_TEAM_FOLDER}) against the team-member
schema and the handbook's rules, and reports each problem as file:line:col.

Files, as pre-commit hooks pass them, are checked with the rest of their team folder (found from
the layout team_members/<type>/<letter>/<slug>.yml); the report covers those files and any other
file whose rules they break (a duplicate slug, a reporting cycle, a reports_to naming a removed
file). Paths that are not .yml or .yaml files, and files that no longer exist, are skipped with a note.`,
    options: [
      { name: "format", type: "string", value: "<f>", help: ["report format"], choices: ordered(REPORT_FORMATS, REPORT_CHOICES) },
      { ...OUTPUT_OPTION, help: ["write the report to a file; a one-line summary still goes to the terminal"] },
      {
        ...CACHE_OPTION,
        help: [
          "keep a parse cache there (keyed by file content). Without it no cache is read:",
          "give it only a folder that no less trusted job can write (a cache can make",
          "an invalid file pass; README, Security)",
        ],
      },
      SCHEMA_OPTION,
      { name: "timings", type: "boolean", help: ["print how long each phase took to stderr (or DEBUG=Eleventy:MentorDirectory*)"] },
      HELP_OPTION,
    ],
    epilogue: () => `${EXIT_STATUS_TEAM}

Rules (the id of each problem reported; an error fails the run, a warning does not):
${TEAM_RULES.help()}`,
  },
  {
    name: "list",
    operands: "[dir…]",
    summary: "print the members (or mentors) as the site shows them",
    description: `Prints the team members (default folder: ${DEFAULT_TEAM_FOLDER}) in the order and form the site shows.`,
    options: [
      { name: "mentors", type: "boolean", help: ["only the members available as mentors (as the directory lists them)"] },
      CACHE_OPTION,
      SCHEMA_OPTION,
      {
        name: "field",
        type: "string",
        multiple: true,
        value: "<name>",
        help: ["a further field of the team files for the JSON output to carry (under `fields`);", "may be repeated"],
      },
      {
        name: "format",
        type: "string",
        value: "<f>",
        help: ["output format"],
        choices: {
          text: "slug, name, role and skills, one member a line",
          json: "[{ slug, name, role, mentor, expertise: [labels], skills: [{ label, domainKey? }], fields? }]",
        },
      },
      HELP_OPTION,
    ],
  },
  {
    name: "pair",
    operands: "<mentees.csv|yaml>",
    summary: "suggest mentor–mentee pairs from program applications",
    description: `Suggests mentor–mentee pairs for an organized mentorship program from the mentee applications
and the directory's mentors (or a mentor applications file), and says why for each.

A pair is never suggested when it would put a mentor over capacity, pair someone with themself,
pair people in one reporting line (a manager or anyone above or below, through reports_to), pair
an excluded couple, or pair people without a shared focus area. Among the pairings left, the one
chosen is optimal in this order: most mentees paired, most shared focus areas, closest time
zones, different departments. The same files always give the same pairs.`,
    options: [
      {
        name: "team",
        type: "string",
        multiple: true,
        value: "<dir>",
        help: [`team-member folder (default: ${DEFAULT_TEAM_FOLDER}); may be repeated`],
      },
      {
        name: "mentors",
        type: "string",
        value: "<file>",
        help: [
          "mentor applications: slug or name, capacity, focus_areas, time_zone or",
          "location (default: the directory's mentors, with their skills:",
          "expertise and domain_expertise)",
        ],
      },
      {
        name: "capacity",
        type: "string",
        value: "<n>",
        help: [`mentees per mentor when the mentor file gives none (default ${DEFAULT_CAPACITY})`],
      },
      { name: "exclude", type: "string", value: "<file>", help: ["pairs never to suggest: columns mentee, mentor (slug or name), reason"] },
      { name: "format", type: "string", value: "<f>", help: ["output format"], choices: ordered(PAIRING_FORMATS, PAIRING_CHOICES) },
      { ...OUTPUT_OPTION, help: ["write the pairs to a file; the summary still goes to the terminal"] },
      HELP_OPTION,
    ],
    epilogue: () => `Mentee file (CSV with a header row, or a YAML list of mappings): slug or name; focus_areas
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
${PAIRING_RULES.help()}`,
  },
];

/** A command line the command cannot take: shown to the user with exit status 2. */
export class UsageError extends Error {}

/** The definition of `name`. */
export function commandNamed(name: CommandName): CommandDefinition {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name}`);
  return command;
}

/** `parseArgs`'s option table for a command: the same entries the help lists. */
export function parserOptions(command: CommandDefinition): NonNullable<ParseArgsConfig["options"]> {
  return Object.fromEntries(
    command.options.map((o) => [
      o.name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
}

/** A parsed command line, read by option name and kind. */
export class ParsedCommand {
  constructor(
    readonly values: Readonly<Record<string, unknown>>,
    readonly positionals: readonly string[],
    /** The command's option names: reading any other is a mistake in the code, not in the command line. */
    private readonly known: ReadonlySet<string>,
  ) {}

  #value(name: string): unknown {
    if (!this.known.has(name)) throw new Error(`--${name} is not an option of this command`);
    return this.values[name];
  }

  /** A string option's value, if given (the last one, for a repeated option). */
  string(name: string): string | undefined {
    const value = this.#value(name);
    return typeof value === "string" ? value : Array.isArray(value) ? this.strings(name).at(-1) : undefined;
  }

  /** Every value of a repeatable string option, in order. */
  strings(name: string): string[] {
    const value = this.#value(name);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];
  }

  /** Whether a boolean option is given. */
  flag(name: string): boolean {
    return this.#value(name) === true;
  }
}

/**
 * The command line of `command`, checked: an unknown option, a missing value or a value outside an
 * option's choices is a `UsageError` naming the option and what it takes.
 */
export function parseCommand(command: CommandDefinition, argv: readonly string[]): ParsedCommand {
  let parsed: ParsedCommand;
  try {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: parserOptions(command) });
    parsed = new ParsedCommand(values, positionals, new Set(command.options.map((o) => o.name)));
  } catch (error) {
    throw new UsageError(parseProblem(command, error));
  }
  // Asking for the help is answered whatever else the line holds.
  if (parsed.values.help === true) return parsed;
  for (const option of command.options) {
    const value = parsed.values[option.name];
    if (option.choices && typeof value === "string" && !Object.hasOwn(option.choices, value)) {
      throw new UsageError(`unknown ${option.name} "${value}"; use one of ${Object.keys(option.choices).join(", ")}`);
    }
  }
  return parsed;
}

/** What `parseArgs` refused, in the command's own words, with the way to its help. */
function parseProblem(command: CommandDefinition, error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : String(error);
  const help = `see mentor-directory ${command.name} --help`;
  // Node names the option in quotes: `Unknown option '--colour'`, `Option '-o, --output <value>' argument missing`.
  const named = /'(-[^']*)'/.exec(text)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const known = command.options.map((o) => `--${o.name}`).join(", ");
    return `unknown option ${named.split(" ")[0] ?? named} for ${command.name}; it takes ${known} (${help})`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = command.options.find((o) => new RegExp(`--${o.name}\\b`).test(named));
    if (option?.type === "string") return `--${option.name} needs a value: ${signature(option)} (${help})`;
    if (option) return `--${option.name} takes no value (${help})`;
  }
  return `${text.split("\n")[0] ?? "invalid command line"} (${help})`;
}

/** The default of an option with choices: its first choice. */
export function defaultChoice(command: CommandDefinition, name: string): string {
  const choices = command.options.find((o) => o.name === name)?.choices;
  const first = choices ? Object.keys(choices)[0] : undefined;
  if (first === undefined) throw new Error(`${command.name} --${name} has no choices`);
  return first;
}

const INDENT = 2;

/** How an option is written in the help: `-o, --output <file>`. */
function signature(option: OptionDefinition): string {
  const long = `--${option.name}${option.value ? ` ${option.value}` : ""}`;
  return option.short ? `-${option.short}, ${long}` : long;
}

/** The option lines of a help text, the descriptions in one column. */
function optionLines(options: readonly OptionDefinition[]): string[] {
  const width = Math.max(...options.map((o) => signature(o).length)) + 2;
  const pad = " ".repeat(INDENT + width);
  const lines: string[] = [];
  for (const option of options) {
    const [first = "", ...rest] = option.help;
    lines.push(`${" ".repeat(INDENT)}${signature(option).padEnd(width)}${first}${option.choices ? ":" : ""}`);
    for (const line of rest) lines.push(pad + line);
    if (option.choices) {
      const entries = Object.entries(option.choices);
      const choiceWidth = Math.max(...entries.map(([value]) => value.length)) + 2;
      entries.forEach(([value, words], index) =>
        lines.push(`${pad}  ${value.padEnd(choiceWidth)}${words}${index === 0 ? " (default)" : ""}`),
      );
    }
  }
  return lines;
}

/** The usage line of a command. */
function usageLine(command: CommandDefinition): string {
  return `Usage: mentor-directory ${command.name} ${command.operands} [options]`;
}

/** The whole `--help` text of a command. */
export function helpText(command: CommandDefinition): string {
  const parts = [usageLine(command), command.description, ["Options:", ...optionLines(command.options)].join("\n")];
  if (command.epilogue) parts.push(command.epilogue());
  return `${parts.join("\n\n")}\n`;
}

/** The `mentor-directory --help` text: the commands, from the same table. */
export function mainHelpText(): string {
  const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.operands}`.length)) + 3;
  const commands = COMMANDS.map((c) => `  ${`${c.name} ${c.operands}`.padEnd(width)}${c.summary}`);
  return `Usage: mentor-directory <command> [options]

Commands:
${commands.join("\n")}

Run \`mentor-directory <command> --help\` for the options of a command, and
\`mentor-directory --version\` for the version.
`;
}
