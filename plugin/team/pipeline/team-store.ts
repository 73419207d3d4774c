/**
 * The team as read from disk, kept between builds: in watch mode only the files that changed are
 * read and parsed again, and only their own checks run again. Cross-file rules always run over
 * the whole team (they are cheap next to parsing).
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../../diagnostics/index.js";
import { ParseCache } from "../cache/parse-cache.js";
import { DEFAULT_MAX_FILE_BYTES, readFileBytes, type LoadOptions } from "../read/file-bytes.js";
import { TeamFolderError, resolveFolder } from "../read/folder.js";
import { discover, type Listings } from "../read/listing.js";
import { displayPath, type LoadedEntry } from "../entry.js";
import { parseEntry, positionsFromDisk, restoreEntry } from "../read/parse-entry.js";
import { timed } from "../../diagnostics/timings.js";
import type { TeamSchema } from "../read/schema-file.js";
import { checkedEntry, validateEntries, type EntryMemo, type TeamReport, type TeamRulesMemo } from "../check/validate.js";

interface FileState {
  readonly root: string;
  /** Position in the folder listing. */
  readonly order?: number;
  /** Cache key of a file parsed (not restored) in this load, to store its results. */
  readonly key?: string;
  readonly shown: string;
  readonly entry?: LoadedEntry;
  /** Bytes of the file when read, to tell later whether it still holds what was parsed. */
  readonly size?: number;
  readonly diagnostics: readonly Diagnostic[];
}

export interface StoreOptions extends LoadOptions {
  /** Folder of the parse cache (see `ParseCache`); none when absent. */
  readonly cacheDir?: string;
  /** Told when the cache was ignored (damaged, unreadable) or could not be written. */
  readonly warn?: (message: string) => void;
  /** The schema entries are checked against (`readSchemaFile`). Default: the bundled one. */
  readonly schema?: TeamSchema;
  /**
   * Whether to build the members (default `true`). `false` gives a report only (diagnostics, roster
   * and counts; `members` empty), for which files the parse cache knows are not even read back
   * from it: only their diagnostics and roster lines are.
   */
  readonly members?: boolean;
}

/** The data of an entry restored for a report only, without `reports_to`: nothing else is read of it. */
const NO_DATA: Readonly<Record<string, unknown>> = Object.freeze({});

export class TeamStore {
  readonly #folders: readonly string[];
  readonly #options: StoreOptions;
  #cache: ParseCache | undefined;
  #files = new Map<string, FileState>();
  #roots: string[] | undefined;
  readonly #listings: Listings = new Map();
  readonly #memo: EntryMemo = new WeakMap();
  readonly #teamMemo: TeamRulesMemo = {};
  /** The parse cache's content key of each entry's data: what a member's kept cards are found under. */
  readonly #contentKeys = new WeakMap<object, string>();
  #counts = { read: 0, unchanged: 0 };

  /**
   * How the last load got its files: `read` from disk, or `unchanged` according to the parse
   * cache's file stamps (not read at all). Files kept from the previous load in watch mode are in
   * neither.
   */
  get lastLoad(): { readonly read: number; readonly unchanged: number } {
    return { ...this.#counts };
  }

  constructor(folders: readonly string[], options: StoreOptions = {}) {
    this.#folders = folders;
    this.#options = options;
  }

  #read(root: string, file: string): FileState {
    const cache = this.#cache;
    if (cache?.stamped(file)) {
      // A file whose inode, size and times say it is unchanged is not even read.
      const shown = displayPath(this.#options.cwd ?? process.cwd(), file);
      const stat = timed("read", () => lstatSync(file, { throwIfNoEntry: false }));
      const key =
        stat?.isFile() && stat.size <= (this.#options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES) ? cache.keyOf(file, shown, stat) : undefined;
      const hit = key === undefined || !stat ? undefined : this.#restore(root, file, shown, stat.size, key);
      if (hit) {
        this.#counts.unchanged += 1;
        return hit;
      }
    }
    this.#counts.read += 1;
    const readAt = Date.now();
    const raw = timed("read", () => readFileBytes(file, this.#options));
    if (!("bytes" in raw)) return { root, shown: raw.diagnostics[0]?.file ?? file, diagnostics: raw.diagnostics };
    const key = cache?.key(raw.shown, raw.bytes);
    if (cache && key !== undefined) {
      cache.stamp(file, raw.shown, raw.stat, key, readAt);
      const hit = this.#restore(root, file, raw.shown, raw.bytes.length, key);
      if (hit) return hit;
    }
    const result = timed("parse", () => parseEntry(root, file, raw.bytes, raw.shown, this.#options));
    if (key !== undefined && result.entry) this.#contentKeys.set(result.entry.data, key);
    return { root, shown: raw.shown, size: raw.bytes.length, ...result, ...(key !== undefined && result.entry ? { key } : {}) };
  }

  /**
   * The content key (the file's place and bytes) of the file a member's `data` came from, when the
   * parse cache knows it: with the member's type, file and invalid fields, it stands for all the
   * member is.
   */
  contentKeyOf(data: object): string | undefined {
    return this.#contentKeys.get(data);
  }

  /** The file's state from its parse cache entry of content `key`, or undefined when the cache has none to use. */
  #restore(root: string, file: string, shown: string, size: number, key: string): FileState | undefined {
    const cache = this.#cache as ParseCache;
    const positions = positionsFromDisk(file, size, this.#options);
    if (this.#options.members === false) {
      const hit = cache.report(key, shown, size);
      if (!hit) return undefined;
      const reportsTo = hit.roster?.reportsTo;
      const entry = restoreEntry(root, file, shown, positions, reportsTo === undefined ? NO_DATA : { reports_to: reportsTo });
      const roster = hit.roster && { file: entry.file, slug: entry.slug, ...hit.roster };
      this.#memo.set(entry, { own: hit.own, member: undefined, roster });
      return { root, shown, entry, size, diagnostics: hit.diagnostics };
    }
    const hit = cache.get(key, shown, size);
    if (!hit) return undefined;
    const entry = restoreEntry(root, file, shown, positions, hit.data);
    this.#contentKeys.set(entry.data, key);
    this.#memo.set(entry, checkedEntry(entry, hit.own));
    return { root, shown, entry, size, diagnostics: hit.diagnostics };
  }

  /**
   * Read the team. With `changed` (absolute or working-directory-relative paths), files already
   * read are reused unless listed; new and deleted files are always noticed.
   */
  load(changed?: readonly string[]): Promise<TeamReport> {
    // Asynchronous by contract, so that reading may become so without changing callers; a
    // problem of the folder is a rejection, as callers of a promise expect.
    return Promise.resolve(changed).then((list) => this.#loadNow(list));
  }

  #loadNow(changed: readonly string[] | undefined): TeamReport {
    const { next, links, full } = this.#collect(changed);
    const files: string[] = links.map((d) => d.file);
    const entries: LoadedEntry[] = [];
    const diagnostics: Diagnostic[] = [...links];
    for (const state of next.values()) {
      files.push(state.shown);
      diagnostics.push(...state.diagnostics);
      if (state.entry) entries.push(state.entry);
    }
    const report = validateEntries(files, entries, diagnostics, this.#memo, this.#teamMemo, this.#options.schema);
    this.#remember(next, full);
    return this.#options.members === false ? { ...report, members: [] } : report;
  }

  #collect(changed: readonly string[] | undefined): { next: Map<string, FileState>; links: Diagnostic[]; full: boolean } {
    this.#counts = { read: 0, unchanged: 0 };
    const cwd = this.#options.cwd ?? process.cwd();
    this.#roots ??= this.#folders.map((f) => resolveFolder(f, cwd));
    // In watch mode a folder found once may be gone since (removed to be restored): the same
    // one-line message as at the start, not a listing's failure with its stack.
    this.#roots.forEach((root, i) => {
      if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
        throw new TeamFolderError(`team folder not found: ${this.#folders[i]}`);
    });
    if (this.#options.cacheDir && !this.#cache) {
      const key = [...this.#roots, ""].join("\0");
      this.#cache = timed(
        "cache-load",
        () =>
          new ParseCache(path.resolve(cwd, this.#options.cacheDir as string), key, {
            cwd,
            ...(this.#options.warn ? { warn: this.#options.warn } : {}),
            ...(this.#options.schema ? { schemaText: this.#options.schema.text } : {}),
          }),
      );
    }
    const stale = changed ? new Set(changed.map((f) => realPath(path.resolve(cwd, f)))) : undefined;
    let next: Map<string, FileState>;
    const links: Diagnostic[] = [];
    // The folder is looked at on every load, even in watch mode: a deleted or moved file is not
    // always among the changed ones (Eleventy does not rebuild for a deletion). Subfolders whose
    // times show no change keep their listing, and unchanged files keep their parsed state.
    {
      next = new Map();
      let order = 0;
      for (const root of this.#roots) {
        const found = timed("list", () => discover(root, cwd, this.#listings));
        links.push(...found.diagnostics);
        for (const file of found.files) {
          order += 1;
          const previous = this.#files.get(file);
          const reuse = previous && stale && !stale.has(file);
          next.set(file, reuse && previous.order === order ? previous : { ...(reuse ? previous : this.#read(root, file)), order });
        }
      }
    }
    this.#files = next;
    return { next, links, full: !stale };
  }

  /** Store what a full load parsed; only a full load saw every file, so only it rewrites the cache. */
  #remember(next: ReadonlyMap<string, FileState>, full: boolean): void {
    const cache = this.#cache;
    if (!cache || !full) return;
    for (const state of next.values()) {
      const done = state.key !== undefined && state.entry ? this.#memo.get(state.entry) : undefined;
      if (done && state.entry && state.key !== undefined && state.size !== undefined) {
        const roster = done.roster && {
          mentor: done.roster.mentor,
          ...(done.roster.reportsTo === undefined ? {} : { reportsTo: done.roster.reportsTo }),
        };
        cache.set(state.key, { data: state.entry.data, diagnostics: state.diagnostics, own: done.own, roster }, state.shown, state.size);
      }
    }
    // After the answer: writing the cache is for the next build, not this one.
    setImmediate(() => timed("cache-write", () => cache.save()));
  }
}

/** The path as the folder listing shows it (links resolved), so changed paths match it. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file; // deleted: nothing to resolve
  }
}

/** Load and validate every team-member file under the given folders, once. */
export async function validateTeam(folders: readonly string[], options: StoreOptions = {}): Promise<TeamReport> {
  return new TeamStore(folders, options).load();
}
