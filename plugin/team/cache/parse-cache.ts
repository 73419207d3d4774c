/**
 * A parse cache: for each team file, what parsing and its own checks produced. Unchanged files
 * cost a `stat` instead of a read, a YAML parse and a schema validation.
 *
 * Two keys lead to an entry. The file's content (path and bytes hashed) is the one that is always
 * right, and holds across machines: a CI job may restore the folder into a fresh clone and still
 * hit. The file's identity on this disk (inode, size, modification and change times) skips even
 * the read, and is trusted only when those times are safely older than the moment the file was
 * read: a file changed twice within the clock's resolution could otherwise keep its old entry.
 *
 * An entry also keeps the file's line of the roster (whether it gives a member, a mentor, and
 * `reports_to` as written), so that a report (`validate`) is made without reading back any data:
 * the data of all entries are one block, read only when a member is built from one.
 */
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { crc32 } from "node:zlib";
import type { Diagnostic } from "../../diagnostics/index.js";
import { areReportDiagnosticsOf, entryBudget, isEntryOf, isStringList, areNotesOf, Walk } from "./stored-check.js";
import { packRoster, unpackRoster, type PackedRoster } from "./packed-roster.js";
import { damagedFrame, readFrameStart, releaseFrame, writeFrame, type FrameRead } from "./frame-file.js";
import { displayPath, putStamp, STAMP_NUMBERS, type FileStamp, type RosterEntry, type RosterFacts } from "../entry.js";
import { settledBefore } from "../read/listing.js";
import { VERSION } from "../../package.js";
import { digest } from "../../text/hash.js";
import { codeHash } from "./code-hash.js";
import { timed } from "../../diagnostics/timings.js";
import { schemaText } from "../read/schema-file.js";

/**
 * What one file gave, apart from the rules that span files. The member is not stored: it is
 * rebuilt from `data` and `own`, which is cheap.
 */
interface CachedFile {
  readonly data: Readonly<Record<string, unknown>>;
  /** Diagnostics of parsing (notices). */
  readonly diagnostics: readonly Diagnostic[];
  /** Diagnostics of the entry's own checks (schema and per-file rules). */
  readonly own: readonly Diagnostic[];
}

/** The file's line of the roster apart from its place (file and slug), or none when it gives no member. */
export type CachedRoster = RosterFacts | undefined;

/** What a report needs of a file: its diagnostics and its line of the roster, without its data. */
interface CachedReport {
  readonly diagnostics: readonly Diagnostic[];
  readonly own: readonly Diagnostic[];
  readonly roster: CachedRoster;
}

/** An entry as this load used it; `data` is absent when only its report was asked for. */
interface UsedEntry extends CachedReport {
  readonly data?: Readonly<Record<string, unknown>>;
}

/** `roster` as one number of `Stored.roster`: none, a member, a mentor. */
const ROSTER_CODES = { none: 0, member: 1, mentor: 2 } as const;

interface IndexEntry extends FileStamp {
  /** As shown in diagnostics: the cached ones name it. */
  readonly shown: string;
  readonly key: string;
  /** When the file was read (ms since the epoch). */
  readonly readAt: number;
}

/** Whether the file's times are older than the read by more than a clock step. */
function trusted(stamp: IndexEntry): boolean {
  return settledBefore(stamp, stamp.readAt);
}

const FORMAT = 11;

/**
 * Anything that changes what a file gives invalidates every key: the cache's format, the package's
 * version, the code that runs (see `codeHash`) and the schema as read now (a schema edited since
 * the code was compiled is validated against, so it must key the cache too).
 */
export function cacheSalt(code: string, schemaText: string): string {
  return digest([String(FORMAT), VERSION, code, schemaText]);
}

function salt(text: string): string {
  return cacheSalt(codeHash(), text);
}

/**
 * The cache's index: parallel lists rather than one object per file, which `v8.deserialize` reads
 * back in about 60% of the time and `v8.serialize` writes in under half (20,000 entries). The
 * entries' data follow it in the file as a block of their own (see `cacheFileParts`), and its
 * per-file lists are serialized apart from the rest (see `StoredHead`).
 */
interface Stored {
  readonly salt: string;
  /** The team folders it was written for: a file copied from another folder's cache is not used. */
  readonly folder: string;
  /** Per stamped file: its path, as shown, and its content key. */
  readonly files: string[];
  readonly shown: string[];
  readonly fileKeys: string[];
  /** `ino, size, mtimeMs, ctimeMs, readAt` of each stamped file, five numbers per file. */
  readonly times: Float64Array;
  /** Per entry: its content key. */
  readonly keys: string[];
  /** Per entry: its roster code (`ROSTER_CODES`) and its `reports_to` as written (null when not text). */
  readonly roster: Uint8Array;
  readonly reportsTo: (string | null)[];
  /** The diagnostics of the few entries that have any: `[parsing, own checks]`. */
  readonly notes: Map<string, readonly [readonly Diagnostic[], readonly Diagnostic[]]>;
  /** The last report without members, and the key of everything it was made from (`TeamStore`). */
  readonly report: StoredTeamReport | null;
}

/** The index's per-file lists: everything but its salt, folder and kept report. */
type StoredLists = Omit<Stored, "salt" | "folder" | "report">;

/**
 * The index's head: what a load reads first, and all that a report kept whole whose files all
 * stand where they stood (`TeamStamps`) needs. The per-file lists follow it in the file, read when
 * a file is first looked up: at 20,000 files they are 6 MB and ~100,000 strings, which a
 * collection would then copy.
 */
interface StoredHead {
  readonly salt: string;
  readonly folder: string;
  readonly report: StoredTeamReport | null;
}

/**
 * Where each file of a report kept whole stood when the report was made, each stamp trusted
 * (`trusted`): a load that lists the same files, with the same problems, each standing where it
 * stood, has the same report, known without a content key or a look at the per-file lists.
 */
interface TeamStamps {
  /** The files as the listing gives them (absolute paths, in its order), joined by NUL. */
  readonly files: string;
  /** `ino, size, mtimeMs, ctimeMs` of each file, four numbers per file. */
  readonly times: Float64Array;
  /** The listing's problems (links not followed), as JSON. */
  readonly links: string;
}

/**
 * A whole report without members, what `validate` prints when no file changed, apart from what the
 * listing gives (the files and the listing's own problems), which a load always has afresh.
 */
export interface KeptReport {
  /** The key of everything the report was made from (`TeamStore`). */
  readonly key: string;
  /** Every diagnostic about the team files, sorted as the report sorts them. */
  readonly diagnostics: readonly Diagnostic[];
  readonly roster: readonly RosterEntry[];
}

/** A kept report as stored: its roster packed, each line naming its file by its place. */
interface StoredTeamReport extends PackedRoster {
  readonly key: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Absent when a file's stamp was not trusted, or not taken, when the report was made. */
  readonly unchanged?: TeamStamps;
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

/** The files of a load as listed (absolute paths, in order) and the listing's problems (as JSON). */
interface TeamListing {
  readonly files: readonly string[];
  readonly links: string;
}

/** Whether two loads found the same files with the same problems, each standing in the same place. */
function sameStamps(a: TeamStamps | undefined, b: TeamStamps | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.files === b.files && a.links === b.links && a.times.length === b.times.length && a.times.every((n, at) => n === b.times[at]);
}

/** Whether `value` has the shape of `StoredHead`, written with `salt` for `folder` (its lists are checked when read). */
function isHead(value: unknown, salt: string, folder: string): value is StoredHead {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<Record<keyof StoredHead, unknown>>;
  return v.salt === salt && v.folder === folder && (v.report === null || typeof v.report === "object");
}

/** Whether `value` has the shape of `StoredLists` (entries are checked when used). */
function isLists(value: unknown): value is StoredLists {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<Record<keyof StoredLists, unknown>>;
  if (!isStringList(v.files)) return false;
  const files = v.files.length;
  return (
    isStringList(v.shown, files) &&
    isStringList(v.fileKeys, files) &&
    v.times instanceof Float64Array &&
    v.times.length === files * 5 &&
    isStringList(v.keys) &&
    v.roster instanceof Uint8Array &&
    v.roster.length === v.keys.length &&
    Array.isArray(v.reportsTo) &&
    v.reportsTo.length === v.keys.length &&
    v.notes instanceof Map
  );
}

/**
 * `index` as the file holds it: its head (salt, folder and kept report, see `StoredHead`) and the
 * rest (the per-file lists), each serialized on its own.
 */
function indexParts(index: unknown): { readonly head: Buffer; readonly lists: Buffer } {
  if (typeof index !== "object" || index === null || Array.isArray(index)) return { head: serialize(index), lists: Buffer.alloc(0) };
  const { salt, folder, report, ...lists } = index as Partial<Stored>;
  const own = { ...(salt === undefined ? {} : { salt }), ...(folder === undefined ? {} : { folder }) };
  return { head: serialize({ ...own, ...(report === undefined ? {} : { report }) }), lists: serialize(lists) };
}

/** The per-file lists as `indexParts` wrote them, deserialized; undefined when they are not a mapping. */
function listsOf(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const lists: unknown = deserialize(bytes);
    return typeof lists === "object" && lists !== null && !Array.isArray(lists) ? (lists as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Bytes before the index's head in the file: its length and CRC-32, then those of the per-file lists. */
const INDEX_HEAD_BYTES = 16;

/**
 * Entries serialized together in the data block. Serialized whole, the data of 100,000 members
 * were one buffer of ~100 MB, grown by doubling, whose memory the allocator kept after it was
 * written (a fresh build's peak was ~60 MB higher); a chunk's buffer is used again by the next.
 */
const DATA_CHUNK = 1000;

/** Bytes before each chunk of the data block: its length. */
const CHUNK_HEAD_BYTES = 4;

/**
 * A cache file's payload, written a part at a time: the lengths and CRC-32s of the index's head and
 * of its per-file lists (see `indexParts`), the head, the lists, then the data block: the entries'
 * data (one list in the order of the index's keys) serialized a chunk of `DATA_CHUNK` at a time,
 * each after its length. Or `data` as bytes: a data block as `cacheFileOf` gives it. Each part is
 * read only when needed, vouched for by its own CRC: a report kept whole reads the head alone, a
 * report of files looked up the lists too, a build the data block as well.
 */
export function cacheFileParts(index: unknown, data: readonly unknown[] | Uint8Array): (write: (bytes: Uint8Array) => void) => void {
  return (write) => {
    const parts = indexParts(index);
    const head = Buffer.alloc(INDEX_HEAD_BYTES);
    head.writeUInt32LE(parts.head.length);
    head.writeUInt32LE(crc32(parts.head), 4);
    head.writeUInt32LE(parts.lists.length, 8);
    head.writeUInt32LE(crc32(parts.lists), 12);
    write(head);
    write(parts.head);
    write(parts.lists);
    if (data instanceof Uint8Array) {
      write(data);
      return;
    }
    for (let at = 0; at < data.length; at += DATA_CHUNK) {
      const chunk = serialize(data.slice(at, at + DATA_CHUNK));
      const length = Buffer.alloc(CHUNK_HEAD_BYTES);
      length.writeUInt32LE(chunk.length);
      write(length);
      write(chunk);
    }
  };
}

/** The entries' data of a data block (see `cacheFileParts`), one list; undefined when it is not one. */
export function cacheDataOf(block: Uint8Array): unknown[] | undefined {
  const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const data: unknown[] = [];
  try {
    for (let at = 0; at < bytes.length;) {
      if (at + CHUNK_HEAD_BYTES > bytes.length) return undefined;
      const end = at + CHUNK_HEAD_BYTES + bytes.readUInt32LE(at);
      if (end > bytes.length) return undefined;
      const chunk: unknown = deserialize(bytes.subarray(at + CHUNK_HEAD_BYTES, end));
      if (!Array.isArray(chunk)) return undefined;
      for (const entry of chunk) data.push(entry);
      at = end;
    }
  } catch {
    return undefined; // not written by this version's Node.js
  }
  return data;
}

/** How many bytes of a payload starting with `head` the lengths and the index's head take (see `cacheFileParts`). */
function indexEnd(head: Buffer): number {
  return INDEX_HEAD_BYTES + head.readUInt32LE(0);
}

/** The length and CRC-32 of the per-file lists, which follow the index's head (see `cacheFileParts`). */
function listsPlace(head: Buffer): { readonly length: number; readonly crc: number } {
  return { length: head.readUInt32LE(8), crc: head.readUInt32LE(12) };
}

/** Stands for an index whose bytes are not those its CRC-32 was taken of. */
const DAMAGED = Symbol("damaged");

/** The index's head of a payload's start (lengths and head), deserialized; undefined when it is not one. */
function indexOf(start: Buffer): unknown {
  if (start.length < INDEX_HEAD_BYTES || indexEnd(start) > start.length) return undefined;
  const bytes = start.subarray(INDEX_HEAD_BYTES, indexEnd(start));
  if (crc32(bytes) !== start.readUInt32LE(4)) return DAMAGED;
  try {
    return deserialize(bytes);
  } catch {
    // A whole frame that does not deserialize was written by another Node.js: start empty.
    return undefined;
  }
}

/**
 * The index (deserialized, its per-file lists too: as `cacheFileParts` takes it) and the data block
 * (not) of a cache file's whole payload; undefined when it is not one.
 */
export function cacheFileOf(bytes: Uint8Array): { index: unknown; data: Uint8Array } | undefined {
  const payload = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = indexOf(payload);
  if (head === undefined || head === DAMAGED) return undefined;
  const { length, crc } = listsPlace(payload);
  const lists = payload.subarray(indexEnd(payload), indexEnd(payload) + length);
  if (lists.length !== length || crc32(lists) !== crc) return undefined;
  const index = length > 0 && typeof head === "object" ? { ...head, ...listsOf(lists) } : head;
  return { index, data: payload.subarray(indexEnd(payload) + length) };
}

/**
 * `report` with each typed array of it (and of its stamps) copied out of the file's bytes: Node's
 * deserializer makes them views of the bytes it reads, which are given back (`releaseFrame`).
 */
function ownReport(report: StoredTeamReport | null): StoredTeamReport | null {
  if (report === null || typeof report !== "object") return report;
  const { unchanged } = report as { unchanged?: unknown };
  const own = copiedViews(report);
  return typeof unchanged === "object" && unchanged !== null ? { ...own, unchanged: copiedViews(unchanged as TeamStamps) } : own;
}

function copiedViews<T extends object>(value: T): T {
  const copy = { ...value } as Record<string, unknown>;
  for (const [key, item] of Object.entries(copy)) {
    const slice = ArrayBuffer.isView(item) ? (item as { slice?: unknown }).slice : undefined;
    if (typeof slice === "function") copy[key] = slice.call(item) as unknown;
  }
  return copy as T;
}

interface ParseCacheOptions {
  /** Told, at most once per build, that the cache was ignored or could not be written. */
  readonly warn?: (message: string) => void;
  /** Base of the cache's path in those messages. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Text of the schema the entries are checked against, which keys every entry. Default: the bundled schema's. */
  readonly schemaText?: string;
}

/** The cache file of the team folders `key` stands for (see `ParseCache`), in `dir`. */
export function cacheFileFor(dir: string, key: string): string {
  return path.join(dir, `team-${digest([key]).slice(0, 16)}.v8`);
}

export class ParseCache {
  readonly #file: string;
  readonly #shown: string;
  readonly #folder: string;
  readonly #warn: ((message: string) => void) | undefined;
  /** Whether this build has warned already: one warning per build is enough. */
  #warned = false;
  readonly #salt: string;
  #lists: StoredLists | undefined;
  /**
   * Where the file's per-file lists are (their length and CRC-32) and the reader of what follows the
   * file's start: the lists, then the data block. Undefined once the lists are read, or when the
   * file has none to give.
   */
  #unread: { readonly lists: { readonly length: number; readonly crc: number }; readonly rest: (length?: number) => FrameRead } | undefined;
  /** The entries' data block, read from the file when first needed (a report never needs it). */
  #dataBlock: (() => FrameRead) | undefined;
  /** The data block deserialized, once asked for; null when it is not a list of as many entries. */
  #data: readonly unknown[] | null | undefined;
  /** Place of each stamped file in `#stored`. */
  #fileIndex = new Map<string, number>();
  /** Built when an entry is first looked up: a report kept whole (`teamReport`) needs none. */
  #keyIndex: Map<string, number> | undefined;
  #used = new Map<string, UsedEntry>();
  #usedIndex = new Map<string, IndexEntry>();
  #dirty = false;
  #lastReport: StoredTeamReport | null = null;

  /**
   * `dir` holds one file per team folder set (`key` tells them apart). A cache that is missing,
   * of another version or folder, damaged or unreadable is ignored: the build is the same as
   * without it, only slower.
   */
  constructor(dir: string, key: string, options: ParseCacheOptions = {}) {
    this.#file = cacheFileFor(dir, key);
    this.#shown = displayPath(options.cwd ?? process.cwd(), this.#file);
    this.#folder = key;
    this.#warn = options.warn;
    this.#salt = salt(options.schemaText ?? schemaText());
    const read = readFrameStart(this.#file, this.#shown, INDEX_HEAD_BYTES, indexEnd);
    if ("problem" in read) this.#warnOnce(read.problem);
    if (!("start" in read)) return;
    const head = indexOf(read.start);
    if (head === DAMAGED) this.#warnOnce(damagedFrame(this.#shown).problem);
    else if (isHead(head, this.#salt, this.#folder)) {
      this.#lastReport = ownReport(head.report);
      this.#unread = { lists: listsPlace(read.start), rest: read.rest };
    }
    releaseFrame(read.start);
  }

  /** The index's per-file lists, read from the file when first asked for. */
  get #stored(): StoredLists | undefined {
    this.#readLists();
    return this.#lists;
  }

  /** Place of each stamped file in `#stored`. */
  get #fileAt(): Map<string, number> {
    this.#readLists();
    return this.#fileIndex;
  }

  #readLists(): void {
    const unread = this.#unread;
    if (unread === undefined) return;
    this.#unread = undefined;
    const read = timed("cache-load", () => unread.rest(unread.lists.length));
    if ("problem" in read) this.#warnOnce(read.problem);
    if (!("payload" in read)) return;
    if (crc32(read.payload) !== unread.lists.crc) this.#warnOnce(damagedFrame(this.#shown).problem);
    else {
      const lists = listsOf(read.payload);
      // The data block follows the lists: read from where they end.
      if (isLists(lists)) this.#adopt(copiedViews(lists), { block: () => unread.rest() });
    }
    releaseFrame(read.payload);
  }

  #warnOnce(message: string): void {
    if (this.#warned) return;
    this.#warned = true;
    this.#warn?.(message);
  }

  /** Place of each entry in `#stored`, by content key. */
  get #keyAt(): Map<string, number> {
    this.#keyIndex ??= new Map(this.#stored?.keys.map((key, at) => [key, at]));
    return this.#keyIndex;
  }

  /** Take `lists` as the cache's per-file lists, its entries' data as a block to read or as read already. */
  #adopt(lists: StoredLists, data: { readonly block: () => FrameRead } | { readonly list: readonly unknown[] }): void {
    this.#lists = lists;
    // Entries in memory replace the file's: its data block is not read.
    this.#dataBlock = "block" in data ? data.block : undefined;
    this.#data = "list" in data ? data.list : undefined;
    this.#fileIndex = new Map();
    for (const [at, file] of lists.files.entries()) this.#fileIndex.set(file, at);
    this.#keyIndex = undefined;
  }

  /** The stamp of `file` as last written, if any. */
  #known(file: string): IndexEntry | undefined {
    const at = this.#fileAt.get(file);
    const stored = this.#stored;
    if (at === undefined || !stored) return undefined;
    const t = stored.times;
    return {
      shown: stored.shown[at] as string,
      key: stored.fileKeys[at] as string,
      ino: t[at * 5] as number,
      size: t[at * 5 + 1] as number,
      mtimeMs: t[at * 5 + 2] as number,
      ctimeMs: t[at * 5 + 3] as number,
      readAt: t[at * 5 + 4] as number,
    };
  }

  /** The key of a file: where it is (slug, folder and type come from it) and what it holds. */
  key(shown: string, bytes: Uint8Array): string {
    return digest([shown, bytes], "base64url");
  }

  /** Whether `file` has a stamp at all: without one, `keyOf` needs no `stat` of it. */
  stamped(file: string): boolean {
    return this.#fileAt.has(file);
  }

  /**
   * The content key recorded for `file` when it was last read, if the file has provably not
   * changed since: same inode, size and times, and those times older than that read.
   */
  keyOf(file: string, shown: string, stat: FileStamp): string | undefined {
    const known = this.#known(file);
    if (
      !known ||
      known.shown !== shown ||
      known.ino !== stat.ino ||
      known.size !== stat.size ||
      known.mtimeMs !== stat.mtimeMs ||
      known.ctimeMs !== stat.ctimeMs ||
      !trusted(known)
    ) {
      return undefined;
    }
    this.#usedIndex.set(file, known);
    return known.key;
  }

  /** Record that `file`, as `stat` describes it, had content `key` when read at `readAt`. */
  stamp(file: string, shown: string, stat: FileStamp, key: string, readAt: number): void {
    const { ino, size, mtimeMs, ctimeMs } = stat;
    const known = this.#known(file);
    // The same stamp again keeps its read time, unless that was too close to the file's times:
    // then this later read is what makes the stamp trustworthy for the next build.
    if (
      known &&
      known.key === key &&
      known.ino === ino &&
      known.size === size &&
      known.mtimeMs === mtimeMs &&
      known.ctimeMs === ctimeMs &&
      known.shown === shown &&
      trusted(known)
    ) {
      this.#usedIndex.set(file, known);
      return;
    }
    this.#usedIndex.set(file, { shown, key, ino, size, mtimeMs, ctimeMs, readAt });
    this.#dirty = true;
  }

  /**
   * What the file shown as `shown`, with content key `key` and `bytes` bytes long, gave when it was
   * parsed. An entry that is not what loading that file could give, or costs more to check than
   * such a file could (see `cache-check`), is dropped without a word, like any other forged or
   * foreign entry, and the file parsed: nothing a build shows depends on the cache.
   */
  get(key: string, shown: string, bytes: number): CachedFile | undefined {
    const used = this.#used.get(key);
    if (used?.data) return used as CachedFile;
    const at = this.#keyAt.get(key);
    if (at === undefined) return undefined;
    const report = used ?? this.#report(key, at, shown, bytes);
    const entry = report && { ...report, data: this.#storedData()?.[at] };
    if (!entry || !isEntryOf(entry, shown, new Walk(entryBudget(bytes)))) {
      this.#drop(key);
      return undefined;
    }
    this.#used.set(key, entry);
    return entry;
  }

  /**
   * What a report needs of the file shown as `shown`, with content key `key` and `bytes` bytes
   * long: its diagnostics and line of the roster, checked as `get` checks them, its data not read.
   */
  report(key: string, shown: string, bytes: number): CachedReport | undefined {
    const used = this.#used.get(key);
    if (used) return used;
    const at = this.#keyAt.get(key);
    if (at === undefined) return undefined;
    const report = this.#report(key, at, shown, bytes);
    if (!report) {
      this.#drop(key);
      return undefined;
    }
    this.#used.set(key, report);
    return report;
  }

  #report(key: string, at: number, shown: string, bytes: number): CachedReport | undefined {
    const stored = this.#stored as StoredLists;
    const notes: unknown = stored.notes.get(key);
    const pair: readonly unknown[] =
      notes === undefined ? [NO_DIAGNOSTICS, NO_DIAGNOSTICS] : Array.isArray(notes) && notes.length === 2 ? (notes as unknown[]) : [];
    const [diagnostics, own] = pair;
    const code = stored.roster[at];
    const reportsTo = stored.reportsTo[at];
    if (code === undefined || code > ROSTER_CODES.mentor || (reportsTo !== null && typeof reportsTo !== "string")) return undefined;
    if (!areNotesOf(diagnostics, own, shown, new Walk(entryBudget(bytes)))) return undefined;
    const roster: CachedRoster =
      code === ROSTER_CODES.none ? undefined : { mentor: code === ROSTER_CODES.mentor, ...(reportsTo === null ? {} : { reportsTo }) };
    return { diagnostics: diagnostics as readonly Diagnostic[], own: own as readonly Diagnostic[], roster };
  }

  /** Forget the entry of `key`, which failed its check: the file is parsed again and its entry rewritten. */
  #drop(key: string): void {
    this.#keyAt.delete(key);
    this.#used.delete(key);
    this.#dirty = true;
  }

  /** The stored entries' data, deserialized on first use; undefined when the block is not what was written. */
  #storedData(): readonly unknown[] | undefined {
    const stored = this.#stored;
    const readBlock = this.#dataBlock;
    if (this.#data === undefined && stored && readBlock) {
      this.#dataBlock = undefined;
      const read = timed("cache-load", readBlock);
      if ("problem" in read) this.#warnOnce(read.problem);
      const block = "payload" in read ? read.payload : undefined;
      const data = block && cacheDataOf(block);
      this.#data = data?.length === stored.keys.length ? data : null;
      // Nothing is read from the bytes any more: their memory goes now, not at a full collection.
      if (block) releaseFrame(block);
    }
    return this.#data ?? undefined;
  }

  /**
   * Keep what parsing the file shown as `shown`, `bytes` bytes long, gave. An entry that `get`
   * would refuse is not kept: a file whose aliases share values is parsed on every build, rather
   * than written to the cache and refused on every build.
   */
  set(key: string, value: CachedFile & { readonly roster: CachedRoster }, shown: string, bytes: number): void {
    if (!isEntryOf(value, shown, new Walk(entryBudget(bytes)))) return;
    this.#used.set(key, value);
    this.#dirty = true;
  }

  /**
   * The report without members stored under `key` (see `TeamStore`) for the team files `files` (as
   * shown, as this load listed them), if it is one: every diagnostic of the usual shape about one of
   * them, at most one roster line per file. Checking it costs what reading it did: nothing in it nests.
   */
  teamReport(key: string, files: readonly string[]): KeptReport | undefined {
    const report: unknown = this.#lastReport;
    if (typeof report !== "object" || report === null) return undefined;
    const r = report as Partial<Record<keyof StoredTeamReport, unknown>>;
    if (r.key !== key || !areReportDiagnosticsOf(r.diagnostics, files)) return undefined;
    const roster = unpackRoster(r, files);
    return roster && { key, diagnostics: r.diagnostics, roster };
  }

  /**
   * The key of the report kept whole (for `teamReport`), when the listing is the one it was made
   * from (`listing`: the files as listed and the listing's problems as JSON) and each file stands
   * where it stood then (`stamps()`: where each file stands now, as `TeamStamps.times` says it, not
   * numbers for one that is not a file). Asks for the stamps only when the files are the same;
   * needs none of the per-file lists.
   */
  unchangedReportKey(listing: TeamListing, stamps: () => Float64Array): string | undefined {
    const r = this.#lastReport as Partial<Record<keyof StoredTeamReport, unknown>> | null;
    // As read from the file: anything.
    const unchanged: unknown = r?.unchanged;
    if (typeof unchanged !== "object" || unchanged === null) return undefined;
    const then = unchanged as Partial<Record<keyof TeamStamps, unknown>>;
    const { times } = then;
    if (!(times instanceof Float64Array)) return undefined;
    if (times.length !== listing.files.length * STAMP_NUMBERS || then.links !== listing.links) return undefined;
    if (then.files !== listing.files.join("\0")) return undefined;
    const now = stamps();
    // A file that is none now has no numbers, which equal nothing.
    if (now.length !== times.length || !now.every((n, at) => n === times[at])) return undefined;
    return typeof r?.key === "string" ? r.key : undefined;
  }

  /**
   * Keep `report`, made from the team files `files` (as shown), for the next load that gives
   * `report.key`, or that finds `listing`'s files where this load found them (when every one of
   * them had a trusted stamp in this load).
   */
  setTeamReport(report: KeptReport, files: readonly string[], listing: TeamListing): void {
    const unchanged = this.#teamStamps(listing);
    // The same report again is not written again, unless the one kept was refused or its stamps differ.
    if (this.teamReport(report.key, files) && sameStamps(this.#lastReport?.unchanged, unchanged)) return;
    const packed = packRoster(report.roster, files);
    this.#lastReport = packed ? { key: report.key, diagnostics: report.diagnostics, ...packed, ...(unchanged ? { unchanged } : {}) } : null;
    this.#dirty = true;
  }

  /** Where each of `listing`'s files stood in this load, if every one had a trusted stamp. */
  #teamStamps(listing: TeamListing): TeamStamps | undefined {
    const times = new Float64Array(listing.files.length * STAMP_NUMBERS);
    for (const [at, file] of listing.files.entries()) {
      const stamp = this.#usedIndex.get(file);
      if (stamp === undefined || !trusted(stamp)) return undefined;
      putStamp(times, at, stamp);
    }
    return { files: listing.files.join("\0"), times, links: listing.links };
  }

  /** Write what this load used (dropping entries of files that changed or went away). */
  save(): void {
    try {
      if (!this.#dirty && this.#used.size === this.#keyAt.size && this.#usedIndex.size === this.#fileAt.size) return;
      this.#write();
    } finally {
      this.#warned = false; // the next build may warn again
    }
  }

  #write(): void {
    const stored: Stored = {
      salt: this.#salt,
      folder: this.#folder,
      files: [],
      shown: [],
      fileKeys: [],
      times: new Float64Array(this.#usedIndex.size * 5),
      keys: [],
      roster: new Uint8Array(this.#used.size),
      reportsTo: [],
      notes: new Map(),
      report: this.#lastReport,
    };
    const data: unknown[] = [];
    for (const [file, stamp] of this.#usedIndex) {
      stored.times.set([stamp.ino, stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.readAt], stored.files.length * 5);
      stored.files.push(file);
      stored.shown.push(stamp.shown);
      stored.fileKeys.push(stamp.key);
    }
    for (const [key, entry] of this.#used) {
      // An entry used for its report only has its data in the stored block still.
      const at = this.#keyAt.get(key);
      const value = entry.data ?? (at === undefined ? undefined : this.#storedData()?.[at]);
      if (value === undefined) continue;
      const { diagnostics, own, roster } = entry;
      stored.roster[stored.keys.length] = roster ? (roster.mentor ? ROSTER_CODES.mentor : ROSTER_CODES.member) : ROSTER_CODES.none;
      stored.reportsTo.push(roster?.reportsTo ?? null);
      stored.keys.push(key);
      data.push(value);
      if (diagnostics.length > 0 || own.length > 0) stored.notes.set(key, [diagnostics, own]);
    }
    const written: Stored = { ...stored, roster: stored.roster.subarray(0, stored.keys.length) };
    const problem = writeFrame(this.#file, this.#shown, cacheFileParts(written, data));
    // A cache that cannot be written only costs time on the next build: one warning, and the
    // entries stay in memory for the next save (watch mode).
    if (problem) {
      this.#warnOnce(problem);
      return;
    }
    // The entries' data stay as they are in memory: their serialized block, as large as the data
    // again, is for the file only.
    this.#adopt(written, { list: data });
    this.#used = new Map();
    this.#usedIndex = new Map();
    this.#dirty = false;
  }
}
