/**
 * Reading one team file's bytes with the data folder's safety rules. Reading never throws for a
 * bad file: every problem becomes a diagnostic, and the file is counted as rejected.
 */
// Synchronous file access on purpose: for thousands of small files it is several times faster
// than the promise API, whose every call is a round trip through the thread pool.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import type { Diagnostic } from "../../diagnostics/index.js";
import { Problems } from "../../diagnostics/problems.js";
import { TEAM_RULES, type TeamRuleId } from "../rule-list.js";
import { displayPath, type FileStamp } from "../entry.js";
import { O_NOFOLLOW, O_NONBLOCK } from "./open-flags.js";
import { ONE_CALL_BYTES, readInOneCall } from "./one-call-read.js";

export interface LoadOptions {
  /** Files larger than this are refused. Default 1 MiB (real entries are under 10 KiB). */
  readonly maxFileBytes?: number;
  /** Base for the paths in diagnostics. Default `process.cwd()`. */
  readonly cwd?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** A file-level error that rejects the whole file. */
export function rejecter(file: string) {
  return (rule: TeamRuleId, message: string, hint?: string, line?: number, column?: number): { diagnostics: Diagnostic[] } => {
    const problems = new Problems(TEAM_RULES, file);
    problems.report(rule, line ? { line, column: column ?? 1 } : {}, message, { hint: hint || undefined });
    return { diagnostics: problems.diagnostics };
  };
}

/**
 * Short files are read with one call (`readInOneCall`) into a buffer kept for all of them, without
 * asking their size first (unless the parse cache needs the file's stamp): open, read and close,
 * where the careful way also asks the size and reads again to find the end. A longer one, or one
 * that read does not settle, is read the careful way.
 */
let scratch: Buffer | undefined;

/**
 * Read one file's bytes with the data folder's safety rules: no symbolic links, no pipes or
 * devices, nothing past the size limit. Returns the bytes or the diagnostics that rejected it;
 * with `withStat`, the bytes come with where the file stood (its inode, size and times).
 */
export function readFileBytes(
  file: string,
  options: LoadOptions = {},
  withStat = false,
): { bytes: Uint8Array; shown: string; stat?: FileStamp } | { diagnostics: Diagnostic[] } {
  const cwd = options.cwd ?? process.cwd();
  const shown = displayPath(cwd, file);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let fd: number | undefined;
  try {
    // The file may have been swapped for a link or a pipe since it was listed: refuse to follow
    // links when opening, and never block on a pipe.
    // O_NOFOLLOW makes opening a link fail with ELOOP, reported below as the link it is.
    fd = openSync(file, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    // Where the file stands is asked before it is read: a change after that read shows in its times.
    const stat = withStat ? fstatSync(fd) : undefined;
    const buffer = (scratch ??= Buffer.allocUnsafe(ONE_CALL_BYTES));
    const read = readInOneCall(fd, buffer, Math.min(buffer.length, maxBytes + 1), stat);
    if (read !== undefined) return { bytes: Buffer.from(read), shown, ...(stat === undefined ? {} : { stat }) };
    return readWhole(fd, shown, maxBytes, stat);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reject = rejecter(shown);
    if (code === "ELOOP") return reject("symlink", LINK.message, LINK.hint);
    return reject("file-unreadable", `the file cannot be read (${code ?? "unknown error"})`);
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing useful to do: the file was read or reported already.
      }
    }
  }
}

const LINK = {
  message: "this is a symbolic link; links are not followed, so that nothing outside the data folder is read",
  hint: "replace the link with the file itself",
};

/**
 * The careful read of an open file: its size and kind asked first (`asked`, when asked already),
 * and at most one byte past the limit read, from its start.
 */
function readWhole(
  fd: number,
  shown: string,
  maxBytes: number,
  asked?: Stats,
): { bytes: Uint8Array; shown: string; stat: FileStamp } | { diagnostics: Diagnostic[] } {
  const reject = rejecter(shown);
  const tooLarge = (size: string) =>
    reject(
      "file-too-large",
      `the file is ${size} bytes; team-member files may be at most ${maxBytes} bytes`,
      "keep long text such as `story` short; real entries are a few kilobytes",
    );
  const stat: Stats = asked ?? fstatSync(fd);
  if (!stat.isFile())
    return reject(
      "not-a-file",
      "this is not a regular file (a pipe, socket or device), so it is not read",
      "replace it with an ordinary YAML file",
    );
  if (stat.size > maxBytes) return tooLarge(String(stat.size));
  // Read at most one byte past the limit, whatever the size said: the file may be growing.
  // Not zero-filled: only the bytes read are ever used (`subarray` below).
  let bytes = Buffer.allocUnsafe(stat.size + 1 > maxBytes ? maxBytes + 1 : stat.size + 1);
  let length = 0;
  for (;;) {
    const bytesRead = readSync(fd, bytes, length, bytes.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length === bytes.length) {
      if (length > maxBytes) return tooLarge(`more than ${maxBytes}`);
      const grown = Buffer.allocUnsafe(Math.min(bytes.length * 2, maxBytes + 1));
      bytes.copy(grown);
      bytes = grown;
    }
  }
  return { bytes: bytes.subarray(0, length), shown, stat };
}
