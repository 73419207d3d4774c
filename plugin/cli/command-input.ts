/** What the commands share: the team folders, the parse cache and schema they are given, and where a report goes. */
import { existsSync } from "node:fs";
import { lstat, unlink, writeFile } from "node:fs/promises";
import { describeCause } from "../diagnostics/fs-errors.js";
import { DEFAULT_TEAM_FOLDER } from "../team/read/folder.js";
import { SchemaFileError, type TeamSchema } from "../team/read/schema-file.js";
import { UsageError, type ParsedCommand } from "./definitions.js";

/**
 * Write a report; a path that cannot be written is the user's to fix, not an internal error. A
 * report cut short (no space left) is removed: CI must not show half a report as the whole.
 */
export async function writeOutput(file: string, text: string): Promise<void> {
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
export function cacheOptions(cache: string | boolean | undefined): { cacheDir?: string; warn?: (message: string) => void } {
  if (typeof cache !== "string" || cache === "") return {};
  return { cacheDir: cache, warn: (message) => process.stderr.write(`mentor-directory: warning: ${message}\n`) };
}

/**
 * The `--schema` file, read and compiled: a schema that cannot be used is a usage problem naming the
 * file. The schema compiler is loaded only then (a report the parse cache kept needs none).
 */
export async function schemaOptions(args: ParsedCommand): Promise<{ schema?: TeamSchema }> {
  const file = args.string("schema");
  if (file === undefined) return {};
  const { readSchemaFile } = await import("../team/check/schema.js");
  try {
    return { schema: readSchemaFile(file) };
  } catch (error) {
    if (error instanceof SchemaFileError) throw new UsageError(`--schema: ${error.message}`);
    throw error;
  }
}

/** The folders to read: those given, else the default one when it is here. */
export function folders(positionals: readonly string[]): string[] {
  if (positionals.length) return [...positionals];
  if (!existsSync(DEFAULT_TEAM_FOLDER)) throw new UsageError(`no folder given and ${DEFAULT_TEAM_FOLDER} does not exist here`);
  return [DEFAULT_TEAM_FOLDER];
}

/**
 * End the process with `code` once what it wrote has reached its readers, for a command that left
 * nothing running: the runtime would otherwise first finish a collection nobody needs (~25 ms after
 * a kept report of 20,000 files is written; the command took 0.97–0.98 × as long without it).
 */
export function exitOnceWritten(code: number): Promise<never> {
  return new Promise(() => {
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
  });
}
