/**
 * The team as read from disk, kept between builds: in watch mode only the files that changed are
 * read and parsed again, and only their own checks run again. Cross-file rules always run over
 * the whole team (they are cheap next to parsing).
 */
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { discover, readEntry, resolveFolder, type LoadedEntry, type LoadOptions } from "./load.js";
import { validateEntries, type EntryMemo, type TeamReport } from "./validate.js";

interface FileState {
  readonly shown: string;
  readonly entry?: LoadedEntry;
  readonly diagnostics: readonly Diagnostic[];
}

export class TeamStore {
  readonly #folders: readonly string[];
  readonly #options: LoadOptions;
  #files = new Map<string, FileState>();
  #roots: string[] | undefined;
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
    const next = new Map<string, FileState>();
    const linkDiagnostics: Diagnostic[] = [];
    for (const root of this.#roots) {
      const found = discover(root, cwd);
      linkDiagnostics.push(...found.diagnostics);
      for (const file of found.files) {
        const previous = this.#files.get(file);
        if (previous && stale && !stale.has(file)) {
          next.set(file, previous);
          continue;
        }
        const result = readEntry(root, file, this.#options);
        next.set(file, { shown: result.entry?.file ?? result.diagnostics[0]?.file ?? file, ...result });
      }
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
