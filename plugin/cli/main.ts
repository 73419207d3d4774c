#!/usr/bin/env node
/**
 * `mentor-directory`: validate team-member files in CI and list the directory as the site shows it.
 * Exit codes: 0 no errors, 1 errors in the data, 2 a usage problem. Never a stack trace.
 */
import { isMainThread } from "node:worker_threads";
import { VERSION } from "../package.js";
import { TeamFolderError } from "../team/read/folder.js";
import {
  COMMANDS,
  commandNamed,
  helpText,
  mainHelpText,
  parseCommand,
  UsageError,
  type CommandDefinition,
  type CommandName,
  type ParsedCommand,
} from "./definitions.js";

type Runner = (args: ParsedCommand, command: CommandDefinition) => Promise<number>;

/**
 * Each command's code, loaded when it runs: the help and a report the parse cache kept whole
 * (`validate --cache` of an unchanged team) load no parser, check or pairing they do not use.
 */
const RUNNERS: Readonly<Record<CommandName, () => Promise<Runner>>> = {
  validate: async () => (await import("./validate-command.js")).validate,
  list: async () => (await import("./list-command.js")).list,
  pair: async () => (await import("./pair-command.js")).pair,
};

/** One command: its help when asked for, else the command with its checked options. */
async function run(name: CommandName, argv: readonly string[]): Promise<number> {
  const command = commandNamed(name);
  const args = parseCommand(command, argv);
  if (args.flag("help")) {
    process.stdout.write(helpText(command));
    return 0;
  }
  return (await RUNNERS[name]())(args, command);
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
    if (error instanceof UsageError || error instanceof TeamFolderError) {
      process.stderr.write(`mentor-directory: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mentor-directory: internal error: ${message.split("\n")[0]}\nPlease report this with the command you ran.\n`);
    return 3;
  }
}

// The check worker (`check-worker.ts`) starts the file its code is in, which a bundle may make this
// one (today it is a chunk of its own): a worker runs no command.
if (isMainThread) {
  // A reader that stops early (`… | head`) closes the pipe: what is left of the output has nowhere to
  // go, which is no error of the command's, and the command still ends with its own status.
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
    });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
