/**
 * The team as read from disk, kept between builds: in watch mode only the files that changed are
 * read and parsed again, and only their own checks run again. Cross-file rules always run over
 * the whole team (they are cheap next to parsing).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { discover, readEntry, resolveFolder, type LoadedEntry, type LoadOptions } from "./load.js";
import { validateEntries, type EntryMemo, type TeamReport } from "./validate.js";

interface FileState {
  readonly root: string;
  readonly shown: string;
  readonly entry?: LoadedEntry;
  readonly diagnostics: readonly Diagnostic[];
}

export class TeamStore {
  readonly #folders: readonly string[];
  readonly #options: LoadOptions;
  #files = new Map<string, FileState>();
  #roots: string[] | undefined;
  #links: Diagnostic[] = [];
  readonly #memo: EntryMemo = new WeakMap();

  constructor(folders: readonly string[], options: LoadOptions = {}) {
    this.#folders = folders;
    this.#options = options;
  }

  /**
   * Read the team. With `changed` (absolute or working-directory-relative paths), files already
   * read are reused unless listed; new and deleted files are always noticed.
   */
  async load(changed?: readonly string[]): Promise<TeamReport> {
    const cwd = this.#options.cwd ?? process.cwd();
    this.#roots ??= await Promise.all(this.#folders.map((f) => resolveFolder(f, cwd)));
    const stale = changed ? new Set(changed.map((f) => path.resolve(cwd, f))) : undefined;
    let next: Map<string, FileState>;
    const linkDiagnostics: Diagnostic[] = [];
    const read = (root: string, file: string): FileState => {
      const result = readEntry(root, file, this.#options);
      return { root, shown: result.entry?.file ?? result.diagnostics[0]?.file ?? file, ...result };
    };
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
    return validateEntries(files, entries, diagnostics, this.#memo);
  }
}

/** Load and validate every team-member file under the given folders, once. */
export async function validateTeam(folders: readonly string[], options: LoadOptions = {}): Promise<TeamReport> {
  return new TeamStore(folders, options).load();
}
