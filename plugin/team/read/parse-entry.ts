/** Parsing one team file into an entry, or into the diagnostics that reject it. */
import path from "node:path";
import type { Diagnostic } from "../../diagnostics/index.js";
import { Problems } from "../../diagnostics/problems.js";
import { TEAM_RULES, type TeamRuleId } from "../rule-list.js";
import { valueText } from "../../text/json.js";
import { formatPath, parseYaml, YamlLimitError, type ParsedYaml, type YamlSyntaxError, type YamlNotice } from "../../yaml/parse.js";
import type { SourceNode } from "../../yaml/source.js";
import { mayContinueAtColumnOne } from "../../yaml/unindented-continuation.js";
import { slugOfFile, type LoadedEntry } from "../entry.js";
import { readFileBytes, rejecter, type LoadOptions } from "./file-bytes.js";

type Placement = { readonly type: string; readonly folder: string };

// Files are read folder by folder: the last folder's answer serves nearly every file.
let lastFolder: { readonly root: string; readonly dir: string; readonly placement: Placement } | undefined;

/** A team folder is `…/team_members`; its members live in `<type>/<letter>/<slug>.yml` below it. */
function typeOf(root: string, file: string): Placement {
  // What the answer depends on: the root and the file's folder.
  const cut = file.lastIndexOf(path.sep);
  const known = lastFolder;
  if (known !== undefined && known.root === root && cut === known.dir.length && file.startsWith(known.dir)) return known.placement;
  const placement = placementOf(root, file);
  if (cut > 0) lastFolder = { root, dir: file.slice(0, cut), placement };
  return placement;
}

function placementOf(root: string, file: string): Placement {
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

// Stateless between calls (no `stream` option), so one serves every file.
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Read and parse one file. Returns the entry or the diagnostics that rejected it. */
export function readEntry(root: string, file: string, options: LoadOptions = {}): { entry?: LoadedEntry; diagnostics: Diagnostic[] } {
  const read = readFileBytes(file, options);
  return "bytes" in read ? parseEntry(root, file, read.bytes, read.shown, options) : read;
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

/** The getter of every entry's `source`, made where it may read the entry's private fields. */
let source: (this: Entry) => SourceNode | undefined;

/**
 * An entry whose positions are worked out (by `positions`) when first asked for. `source` is an
 * own, enumerable property, as in a plain entry, through one getter shared by every entry, so
 * that entries share their shape; the way to the positions is a private field, not a look-up in
 * a table beside them (a weak map's entries cost every load and every collection).
 */
class Entry implements LoadedEntry {
  declare readonly source: SourceNode | undefined;
  #positions: (() => SourceNode | undefined) | undefined;
  #source: SourceNode | undefined;

  constructor(
    readonly file: string,
    readonly slug: string,
    readonly folder: string,
    readonly type: string,
    readonly data: Readonly<Record<string, unknown>>,
    positions: () => SourceNode | undefined,
  ) {
    this.#positions = positions;
    Object.defineProperty(this, "source", SOURCE);
  }

  static {
    source = function (this: Entry): SourceNode | undefined {
      const positions = this.#positions;
      if (positions !== undefined) {
        this.#positions = undefined;
        this.#source = positions();
      }
      return this.#source;
    };
  }
}

const SOURCE: PropertyDescriptor = Object.freeze({ enumerable: true, get: source });

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
  const { type, folder } = typeOf(root, file);
  return new Entry(shown, slugOfFile(file), folder, type, data, positions);
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

  let parsed;
  try {
    parsed = parseWithNeededPositions(text);
  } catch (error) {
    return yamlFailure(reject, error);
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

  const problems = new Problems(TEAM_RULES, shown);
  for (const notice of notices) reportNotice(notice, problems);
  const diagnostics = problems.diagnostics;
  // Positions parsed already are kept; others are read from disk when asked for, so that the
  // entry does not keep the file's text (see `positionsFromDisk`).
  const known = parsed.source ?? null;
  const positions = known === null ? positionsFromDisk(file, bytes.length, options) : () => known;
  return { entry: restoreEntry(root, file, shown, positions, value as Record<string, unknown>), diagnostics };
}

/** V8 makes a string cut from another one of at least this length a view of it, not a copy. */
const VIEW_LENGTH = 13;

/**
 * Make each string in `value` (parsed data, changed in place) a string of its own, for data kept
 * after the load (a build's members). The parser cuts values out of the file's text, and V8 keeps
 * such a cut as a view of the whole text: one kept value kept the whole file, and a team's data
 * held every file's text besides its values. A report only (`validate`) keeps no data: no copy.
 */
export function detachStrings(value: object, depth = 0): void {
  // Deeper than the loader nests; past it strings stay views, which only costs memory.
  if (depth > 128) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === "string") {
      // Joined to one character and cut again, the value is copied, and the copy is what is kept.
      if (item.length >= VIEW_LENGTH) record[key] = ` ${item}`.slice(1);
    } else if (typeof item === "object" && item !== null) {
      detachStrings(item, depth + 1);
    }
  }
}

/**
 * `text` parsed with only the positions it needs. Positions cost about as much as the parse itself
 * and matter only where there is a problem: parse without them, and again with them when a
 * diagnostic asks for a place (the entry's `source`). A file that may continue quoted text at
 * column 1 is parsed noting the places of quoted text that spans lines, which the warning needs: a
 * valid file pays for them only then. Throws as `parseYaml` does.
 */
function parseWithNeededPositions(text: string): ParsedYaml {
  try {
    const parsed = parseYaml(text, { positions: mayContinueAtColumnOne(text) ? "notices" : false });
    if (parsed.notices.some((notice) => notice.kind === "unsafe-key")) return parseYaml(text);
    return parsed;
  } catch {
    // Parsing again, noting where each value opens, gives the precise place (an unclosed quote's
    // opening, the alias that expands the most) without the cost of every value's position.
    return parseYaml(text, { positions: "errors" });
  }
}

/** The rejection of a file the YAML parser refused: too deep, too many aliases, or not YAML. */
function yamlFailure(reject: ReturnType<typeof rejecter>, error: unknown): { diagnostics: Diagnostic[] } {
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

function reportNotice(n: YamlNotice, problems: Problems<TeamRuleId>): void {
  if (n.kind === "unsafe-key") {
    const key = String(n.path.at(-1));
    problems.report(
      "unsafe-key",
      n.point,
      `\`${key}\` is not a field; it is ignored, because copying it could change how every object in the program behaves`,
      { field: formatPath(n.path), hint: `remove the \`${key}:\` key` },
    );
    return;
  }
  // The line to change is the one at column 1, not the line where the text opens.
  const line = n.continuationLine;
  problems.report(
    "yaml-continuation-indent",
    { line, column: 1 },
    `line ${line} continues the quoted text that opens on line ${n.point.line}, but starts at column 1; ` +
      `newer YAML parsers reject text continued without indentation`,
    { hint: `indent line ${line}, and the lines after it that belong to the same text, by two spaces` },
  );
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
