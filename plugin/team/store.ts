/**
 * The team as read from disk, kept between builds: in watch mode only the files that changed are
 * read and parsed again, and only their own checks run again. Cross-file rules always run over
 * the whole team (they are cheap next to parsing).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { ParseCache } from "./cache.js";
import { discover, parseEntry, readFileBytes, resolveFolder, restoreEntry, type LoadedEntry, type LoadOptions } from "./load.js";
import { validateEntries, type EntryMemo, type TeamReport } from "./validate.js";

interface FileState {
  readonly root: string;
  /** Cache key of a file parsed (not restored) in this load, to store its results. */
  readonly key?: string;
  readonly shown: string;
  readonly entry?: LoadedEntry;
  readonly diagnostics: readonly Diagnostic[];
}

export interface StoreOptions extends LoadOptions {
  /** Folder of the parse cache (see `ParseCache`); none when absent. */
  readonly cacheDir?: string;
}

export class TeamStore {
  readonly #folders: readonly string[];
  readonly #options: StoreOptions;
  #cache: ParseCache | undefined;
  #files = new Map<string, FileState>();
  #roots: string[] | undefined;
  #links: Diagnostic[] = [];
  readonly #memo: EntryMemo = new WeakMap();

  constructor(folders: readonly string[], options: StoreOptions = {}) {
    this.#folders = folders;
    this.#options = options;
  }

  #read(root: string, file: string): FileState {
    const raw = readFileBytes(file, this.#options);
    if (!("bytes" in raw)) return { root, shown: raw.diagnostics[0]?.file ?? file, diagnostics: raw.diagnostics };
    const key = this.#cache?.key(raw.shown, raw.bytes);
    const hit = key === undefined ? undefined : this.#cache?.get(key);
    if (hit) {
      const entry = restoreEntry(root, file, raw.shown, raw.bytes, hit.data);
      this.#memo.set(entry, { own: hit.own, member: hit.member });
      return { root, shown: raw.shown, entry, diagnostics: hit.diagnostics };
    }
    const result = parseEntry(root, file, raw.bytes, raw.shown);
    return { root, shown: raw.shown, ...result, ...(key !== undefined && result.entry ? { key } : {}) };
  }

  /**
   * Read the team. With `changed` (absolute or working-directory-relative paths), files already
   * read are reused unless listed; new and deleted files are always noticed.
   */
  async load(changed?: readonly string[]): Promise<TeamReport> {
    const cwd = this.#options.cwd ?? process.cwd();
    this.#roots ??= await Promise.all(this.#folders.map((f) => resolveFolder(f, cwd)));
    if (this.#options.cacheDir && !this.#cache) this.#cache = new ParseCache(path.resolve(cwd, this.#options.cacheDir), this.#roots.join("\0"));
    const stale = changed ? new Set(changed.map((f) => path.resolve(cwd, f))) : undefined;
    let next: Map<string, FileState>;
    const linkDiagnostics: Diagnostic[] = [];
    const read = (root: string, file: string): FileState => this.#read(root, file);
    if (stale && this.#files.size > 0 && [...stale].every((f) => this.#files.has(f) && existsSync(f))) {
      // Only known files changed: read just those, without listing the whole folder again.
      next = new Map(this.#files);
      for (const file of stale) next.set(file, read((this.#files.get(file) as FileState).root, file));
      linkDiagnostics.push(...this.#links);
    } else {
      next = new Map();
      for (const root of this.#roots) {
        const found = discover(root, cwd);
        linkDiagnostics.push(...found.diagnostics);
        for (const file of found.files) {
          const previous = this.#files.get(file);
          next.set(file, previous && stale && !stale.has(file) ? previous : read(root, file));
        }
      }
      this.#links = linkDiagnostics.slice();
    }
    this.#files = next;

    const files: string[] = linkDiagnostics.map((d) => d.file);
    const entries: LoadedEntry[] = [];
    const diagnostics: Diagnostic[] = [...linkDiagnostics];
    for (const state of next.values()) {
      files.push(state.shown);
      diagnostics.push(...state.diagnostics);
      if (state.entry) entries.push(state.entry);
    }
    const report = validateEntries(files, entries, diagnostics, this.#memo);
    // Only a full load saw every file, so only it may rewrite the cache (which keeps what it saw).
    const cache = this.#cache;
    if (cache && !stale) {
      for (const state of next.values()) {
        const done = state.key !== undefined && state.entry ? this.#memo.get(state.entry) : undefined;
        if (done && state.entry && state.key !== undefined) {
          cache.set(state.key, { data: state.entry.data, diagnostics: state.diagnostics, own: done.own, member: done.member });
        }
      }
      // After the answer: writing the cache is for the next build, not this one.
      setImmediate(() => cache.save());
    }
    return report;
  }
}

/** Load and validate every team-member file under the given folders, once. */
export async function validateTeam(folders: readonly string[], options: StoreOptions = {}): Promise<TeamReport> {
  return new TeamStore(folders, options).load();
}
