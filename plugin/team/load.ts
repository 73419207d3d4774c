/**
 * Discover and read team-member files. Reading never throws for a bad file: every problem becomes
 * a diagnostic, and the file is counted as rejected.
 */
// Synchronous file access on purpose: for thousands of small files it is several times faster
// than the promise API, whose every call is a round trip through the thread pool.
import type { FileStamp } from "./cache.js";
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";
import { formatPath, parseYaml, YamlLimitError, type YamlSyntaxError, type SourceNode, type YamlNotice } from "../yaml/parse.js";
import { valueText } from "../text/json.js";
import { O_NOFOLLOW, O_NONBLOCK } from "./open-flags.js";

/** One team-member file that parsed to a mapping. */
export interface LoadedEntry {
  /** Path as reported (relative to the working directory when inside it). */
  readonly file: string;
  /** File name without `.yml`. */
  readonly slug: string;
  /** Folder right under the type folder, e.g. `j` in `person/j/jdoe.yml`; "" when none. */
  readonly folder: string;
  /** `person`, from the folder layout `<type>/<letter>/<slug>.yml`. */
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly source: SourceNode | undefined;
}

export interface LoadOptions {
  /** Files larger than this are refused. Default 1 MiB (real entries are under 10 KiB). */
  readonly maxFileBytes?: number;
  /** Base for the paths in diagnostics. Default `process.cwd()`. */
  readonly cwd?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Where a handbook keeps its team-member files, relative to the project: the default of every entry point. */
export const DEFAULT_TEAM_FOLDER = "data/team_members";

/** A team folder is `…/team_members`; its members live in `<type>/<letter>/<slug>.yml` below it. */
function typeOf(root: string, file: string): { type: string; folder: string } {
  const parts = (
    file.startsWith(root) && file.charAt(root.length) === path.sep ? file.slice(root.length + 1) : path.relative(root, file)
  ).split(path.sep);
  // `team_members/person/j/jdoe.yml` or, when pointed at `person/` itself, `j/jdoe.yml`.
  if (parts.length >= 3) return { type: parts[0] ?? "person", folder: parts[parts.length - 2] ?? "" };
  if (parts.length === 2) {
    const base = path.basename(root);
    return base === "team_members" ? { type: parts[0] ?? "person", folder: "" } : { type: base, folder: parts[0] ?? "" };
  }
  return { type: path.basename(path.dirname(root)) === "team_members" ? path.basename(root) : "person", folder: "" };
}

export function display(cwd: string, file: string): string {
  // The common case, a file below the working directory, without path.relative's normalising.
  if (file.startsWith(cwd) && file.charAt(cwd.length) === path.sep && !file.includes(`${path.sep}..`)) {
    const rel = file.slice(cwd.length + 1);
    return path.sep === "/" ? rel : rel.split(path.sep).join("/");
  }
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}

export interface Found {
  readonly files: string[];
  readonly diagnostics: Diagnostic[];
}

/** What one folder holds, in name order: team files, subfolders, and entries refused. */
type ListingItem = { readonly file: string } | { readonly folder: string } | { readonly refused: Diagnostic };

interface Listing {
  readonly ino: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly listedAt: number;
  readonly items: readonly ListingItem[];
}

/** Folder listings kept between loads (watch mode), by folder path. */
export type Listings = Map<string, Listing>;

/**
 * Coarser than the clock of any file system in use (FAT: 2 s): a file or folder whose times are
 * this close to the moment it was read may have changed again since without its times showing it.
 */
export const RACY_MS = 2_000;

/** Whether times `mtimeMs` and `ctimeMs` are older than a read made at `readAt` by more than `RACY_MS`. */
export function settledBefore(times: { readonly mtimeMs: number; readonly ctimeMs: number }, readAt: number): boolean {
  return Math.max(times.mtimeMs, times.ctimeMs) < readAt - RACY_MS;
}

/**
 * List `*.yml` and `*.yaml` files below `root` in a stable order. Symbolic links are reported and
 * never followed: the data folder is a boundary, and a link could lead anywhere.
 *
 * With `listings`, a folder whose inode and times show that nothing was added, removed or renamed
 * in it since an earlier call is not read again (its subfolders are each looked at); the times
 * must be older than that listing by more than a clock step.
 */
export function discover(root: string, cwd: string, listings?: Listings): Found {
  const found: Found = { files: [], diagnostics: [] };
  const walk = (dir: string): void => {
    for (const item of listingOf(dir, cwd, listings)) {
      if ("file" in item) found.files.push(item.file);
      else if ("folder" in item) walk(item.folder);
      else found.diagnostics.push(item.refused);
    }
  };
  walk(root);
  return found;
}

function listingOf(dir: string, cwd: string, listings: Listings | undefined): readonly ListingItem[] {
  const stat = listings ? statSync(dir, { throwIfNoEntry: false }) : undefined;
  const known = listings?.get(dir);
  if (
    stat &&
    known &&
    known.ino === stat.ino &&
    known.mtimeMs === stat.mtimeMs &&
    known.ctimeMs === stat.ctimeMs &&
    settledBefore(stat, known.listedAt)
  ) {
    return known.items;
  }
  const listedAt = Date.now();
  const items: ListingItem[] = [];
  const names = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      if (/\.ya?ml$/i.test(entry.name) || !entry.name.includes(".")) {
        items.push({
          refused: {
            file: display(cwd, full),
            severity: "error",
            rule: "symlink",
            message: "this is a symbolic link; links are not followed, so that nothing outside the data folder is read",
            hint: "replace the link with the file itself",
          },
        });
      }
    } else if (entry.isDirectory()) {
      items.push({ folder: full });
    } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
      items.push({ file: full });
    } else if (/\.ya?ml$/i.test(entry.name)) {
      // A pipe or device would block or never end when read.
      items.push({
        refused: {
          file: display(cwd, full),
          severity: "error",
          rule: "not-a-file",
          message: "this is not a regular file (a pipe, socket or device), so it is not read",
          hint: "replace it with an ordinary YAML file",
        },
      });
    }
  }
  if (listings && stat) listings.set(dir, { ino: stat.ino, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, listedAt, items });
  return items;
}

// Stateless between calls (no `stream` option), so one serves every file.
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** A file-level error that rejects the whole file. */
function rejecter(file: string) {
  return (rule: string, message: string, hint?: string, line?: number, column?: number): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ file, severity: "error", rule, message, ...(hint ? { hint } : {}), ...(line ? { line, column: column ?? 1 } : {}) }],
  });
}

/** Read and parse one file. Returns the entry or the diagnostics that rejected it. */
export function readEntry(root: string, file: string, options: LoadOptions = {}): { entry?: LoadedEntry; diagnostics: Diagnostic[] } {
  const read = readFileBytes(file, options);
  return "bytes" in read ? parseEntry(root, file, read.bytes, read.shown, options) : read;
}

/**
 * Read one file's bytes with the data folder's safety rules: no symbolic links, no pipes or
 * devices, nothing past the size limit. Returns the bytes or the diagnostics that rejected it.
 */
export function readFileBytes(
  file: string,
  options: LoadOptions = {},
): { bytes: Uint8Array; shown: string; stat: FileStamp } | { diagnostics: Diagnostic[] } {
  const cwd = options.cwd ?? process.cwd();
  const shown = display(cwd, file);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const reject = rejecter(shown);
  const tooLarge = (size: string) =>
    reject(
      "file-too-large",
      `the file is ${size} bytes; team-member files may be at most ${maxBytes} bytes`,
      "keep long text such as `story` short; real entries are a few kilobytes",
    );
  const link = () =>
    reject(
      "symlink",
      "this is a symbolic link; links are not followed, so that nothing outside the data folder is read",
      "replace the link with the file itself",
    );
  let bytes: Buffer;
  let stat: Stats;
  let fd: number | undefined;
  try {
    // The file may have been swapped for a link or a pipe since it was listed: refuse to follow
    // links when opening, and never block on a pipe.
    // O_NOFOLLOW makes opening a link fail with ELOOP, reported below as the link it is.
    fd = openSync(file, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    const info = fstatSync(fd);
    stat = info;
    if (!info.isFile())
      return reject(
        "not-a-file",
        "this is not a regular file (a pipe, socket or device), so it is not read",
        "replace it with an ordinary YAML file",
      );
    if (info.size > maxBytes) return tooLarge(String(info.size));
    // Read at most one byte past the limit, whatever the size said: the file may be growing.
    // Not zero-filled: only the bytes read are ever used (`subarray` below).
    bytes = Buffer.allocUnsafe(info.size + 1 > maxBytes ? maxBytes + 1 : info.size + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, bytes, length, bytes.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === bytes.length) {
        if (length > maxBytes) return tooLarge(`more than ${maxBytes}`);
        const grown = Buffer.allocUnsafe(Math.min(bytes.length * 2, maxBytes + 1));
        bytes.copy(grown);
        bytes = grown;
      }
    }
    bytes = bytes.subarray(0, length);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return link();
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
  return { bytes, shown, stat };
}

/**
 * Positions of a file read earlier, read again from disk (with the same safety rules) when a
 * diagnostic first asks for them: keeping every file's text for the rare diagnostic that comes
 * later would hold the whole team's text in memory. `undefined` when the file changed (its size
 * differs) or cannot be read: no place is better than a wrong one.
 */
export function positionsFromDisk(file: string, size: number, options: LoadOptions = {}): () => SourceNode | undefined {
  return () => {
    const read = readFileBytes(file, options);
    if (!("bytes" in read) || read.bytes.length !== size) return undefined;
    try {
      return parseYaml(UTF8.decode(read.bytes)).source;
    } catch {
      return undefined;
    }
  };
}

/**
 * An entry whose parsed data comes from the cache: the same as `parseEntry` would give, with
 * positions computed (by `positions`) only if a diagnostic asks for them.
 */
export function restoreEntry(
  root: string,
  file: string,
  shown: string,
  positions: () => SourceNode | undefined,
  data: Readonly<Record<string, unknown>>,
): LoadedEntry {
  const slug = path.basename(file).replace(/\.ya?ml$/i, "");
  const { type, folder } = typeOf(root, file);
  let source: SourceNode | undefined | null = null;
  return {
    file: shown,
    slug,
    folder,
    type,
    data,
    get source() {
      if (source === null) source = positions();
      return source;
    },
  };
}

/**
 * Whether a quoted value may continue on a line that starts at column 1 (the form newer YAML
 * parsers reject, reported as a warning): a line at column 1 that is not `key: …`, a comment or a
 * list item, or a value that opens a quote without closing it on its line. Only such files are
 * parsed with positions at once; anything this misses only loses the warning.
 */
function mayContinueAtColumnOne(text: string): boolean {
  let found = false;
  forEachLine(text, (start, end) => {
    found = isBareColumnOneLine(text, start, end) || opensUnclosedQuoteIn(text, start, end);
    return found;
  });
  return found;
}

/**
 * Call `visit(start, end)` for each line of `text` (a lone CR ends a line too, as in YAML) until it
 * returns true. One pass over the text: every check below looks only inside its line, so a file
 * with CR-only line ends or no comment costs what its length says.
 */
function forEachLine(text: string, visit: (start: number, end: number) => boolean): void {
  // The next LF and the next CR, each found again only once passed: every character is read once.
  let lf = -1;
  let cr = -1;
  for (let start = 0; start <= text.length;) {
    if (lf < start) lf = text.indexOf("\n", start) >>> 0;
    if (cr < start) cr = text.indexOf("\r", start) >>> 0;
    const end = Math.min(lf, cr, text.length);
    if (visit(start, end) || end === text.length) return;
    start = end + (end === cr && cr + 1 === lf ? 2 : 1);
  }
}

/** A non-empty line at column 1 that is not a comment, a list item or `key:` followed by a space or its end. */
function isBareColumnOneLine(text: string, start: number, end: number): boolean {
  if (start === end) return false;
  const first = text.charCodeAt(start);
  if (first === 0x20 || first === 0x09 || first === 0x23 || first === 0x2d) return false;
  if (first > 0x7f && /\s/.test(text.charAt(start))) return false;
  for (let at = text.indexOf(":", start); at !== -1 && at < end; at = text.indexOf(":", at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (at + 1 === end || next === 0x20 || next === 0x09) return false;
  }
  return true;
}

/**
 * Whether a line holds `key: 'text` (or `"`) without that quote again later on the line, the
 * colon not in a comment.
 */
export function opensUnclosedQuote(text: string): boolean {
  let found = false;
  forEachLine(text, (start, end) => (found = opensUnclosedQuoteIn(text, start, end)));
  return found;
}

function opensUnclosedQuoteIn(text: string, start: number, end: number): boolean {
  // Where each quote last occurs on the line: a quote opened before it is closed on the line.
  let lastSingle = -1;
  let lastDouble = -1;
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x27) lastSingle = at;
    else if (c === 0x22) lastDouble = at;
  }
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x23) return false;
    if (c !== 0x3a) continue;
    let value = at + 1;
    let v = text.charCodeAt(value);
    if (v !== 0x20 && v !== 0x09) continue;
    while (value < end && (v === 0x20 || v === 0x09)) v = text.charCodeAt(++value);
    if (value >= end || (v !== 0x27 && v !== 0x22)) continue;
    const last = v === 0x27 ? lastSingle : lastDouble;
    if (last <= value) return true;
  }
  return false;
}

/**
 * Parse the bytes of one team-member file (exported for workers and tests). The entry's positions,
 * when not parsed already, are read from `file` on disk when first asked for (`positionsFromDisk`):
 * bytes that are not the file's give an entry without positions.
 */
export function parseEntry(
  root: string,
  file: string,
  bytes: Uint8Array,
  shown: string,
  options: LoadOptions = {},
): { entry?: LoadedEntry; diagnostics: Diagnostic[] } {
  const reject = rejecter(shown);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return reject("encoding", "the file is not valid UTF-8", "save the file as UTF-8", at.line, at.column);
  }
  const nul = text.indexOf("\0");
  if (nul !== -1) {
    const before = text.slice(0, nul);
    const line = before.split("\n").length;
    return reject(
      "encoding",
      "the file contains a NUL byte",
      "remove the NUL character; YAML files are plain text",
      line,
      nul - before.lastIndexOf("\n"),
    );
  }

  // Positions cost about as much as the parse itself and matter only where there is a problem:
  // parse without them, and again with them when a diagnostic asks for a place (`source` below).
  // A file that may continue quoted text at column 1 is parsed again, noting the places of quoted
  // text that spans lines, which the warning needs: a valid file pays for them only then.
  const eager = mayContinueAtColumnOne(text);
  let parsed;
  try {
    try {
      parsed = parseYaml(text, { positions: false });
      if (parsed.notices.length > 0) parsed = parseYaml(text);
      else if (eager) parsed = parseYaml(text, { positions: "notices" });
    } catch {
      // Parsing again, noting where each value opens, gives the precise place (an unclosed quote's
      // opening, the alias that expands the most) without the cost of every value's position.
      parsed = parseYaml(text, { positions: "errors" });
    }
  } catch (error) {
    if (error instanceof YamlLimitError) {
      return error.limit === "depth"
        ? reject(
            "yaml-depth",
            `the file is refused: its ${error.message}`,
            "team-member fields need a few levels at most; flatten the structure",
            error.point?.line ?? 1,
            error.point?.column,
          )
        : reject(
            "yaml-aliases",
            `the file is refused: its ${error.message}`,
            "write the values out instead of repeating them through anchors (`&name`) and aliases (`*name`)",
            error.point?.line ?? 1,
            error.point?.column,
          );
    }
    const e = error as YamlSyntaxError;
    return reject("yaml-syntax", e.message, e.hint, e.point?.line ?? 1, e.point?.column);
  }
  const { value, notices } = parsed;
  if (value === null || value === undefined) {
    return reject("not-a-mapping", "the file is empty (or holds only comments)", "write at least `name: Your Name`", 1, 1);
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    const start = (parsed.source ?? parseYaml(text).source)?.start;
    return reject(
      "not-a-mapping",
      `the file holds ` +
        `${Array.isArray(value) ? "a list (lines starting with `- `)" : `only the value \`${valueText(value).slice(0, 40)}\``}, ` +
        `but a team-member file holds fields, one \`key: value\` per line`,
      // `name:Jane` alone reads as one word: the colon without a space is the likely mistake.
      typeof value === "string" && /^[A-Z_][\w.-]*:[^\s/]/i.test(value)
        ? `put a space after each colon: write \`${value.replace(/:/, ": ").split(" ").slice(0, 2).join(" ")}\`, ` +
            `not \`${value.split(" ")[0]}\``
        : "start the file with `name: Your Name` at column 1",
      start?.line ?? 1,
      start?.column ?? 1,
    );
  }

  const diagnostics: Diagnostic[] = notices.map((n) => noticeDiagnostic(shown, n));
  // Positions parsed already are kept; others are read from disk when asked for, so that the
  // entry does not keep the file's text (see `positionsFromDisk`).
  const known = parsed.source ?? null;
  const positions = known === null ? positionsFromDisk(file, bytes.length, options) : () => known;
  return { entry: restoreEntry(root, file, shown, positions, value as Record<string, unknown>), diagnostics };
}

function noticeDiagnostic(file: string, n: YamlNotice): Diagnostic {
  const place = { file, line: n.point.line, column: n.point.column, severity: "warning" as const };
  if (n.kind === "unsafe-key") {
    const key = String(n.path.at(-1));
    return {
      ...place,
      rule: "unsafe-key",
      field: formatPath(n.path),
      message: `\`${key}\` is not a field; it is ignored, because copying it could change how every object in the program behaves`,
      hint: `remove the \`${key}:\` key`,
    };
  }
  // The line to change is the one at column 1, not the line where the text opens.
  const line = n.continuationLine;
  return {
    ...place,
    line,
    column: 1,
    rule: "yaml-continuation-indent",
    message:
      `line ${line} continues the quoted text that opens on line ${n.point.line}, but starts at column 1; ` +
      `newer YAML parsers reject text continued without indentation`,
    hint: `indent line ${line}, and the lines after it that belong to the same text, by two spaces`,
  };
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // Bisect on prefixes: the longest decodable prefix ends just before the bad byte.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  const text = new TextDecoder().decode(bytes.subarray(0, low));
  const lines = text.split("\n");
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** A folder given to the loader does not exist: a usage problem, not a data problem. */
export class TeamFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TeamFolderError";
  }
}

/** Resolve a team folder given by the user; throws `TeamFolderError` when it is not a folder. */
export function resolveFolder(folder: string, cwd: string): string {
  const root = path.resolve(cwd, folder);
  let info;
  try {
    // The folder the user names is followed even when it is a link (`data -> ../handbook/data`):
    // it is their choice. Links found inside it are not (see `discover`).
    info = statSync(root);
  } catch {
    throw new TeamFolderError(`team folder not found: ${folder}`);
  }
  if (!info.isDirectory()) throw new TeamFolderError(`not a folder: ${folder} (give the folder that holds the team-member files)`);
  return realpathSync(root);
}
