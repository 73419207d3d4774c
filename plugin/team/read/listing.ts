/** Listing a team folder: which files to read, and which entries to refuse without reading. */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../../diagnostics/index.js";
import { Problems } from "../../diagnostics/problems.js";
import { TEAM_RULES } from "../rule-list.js";
import { displayPath } from "../entry.js";

interface Found {
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
  const problems = new Problems(TEAM_RULES);
  const names = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    // `dir` is normalized (a resolved folder, or made here) and a name holds no separator: what
    // `path.join` would give, without normalizing 20,000 paths again.
    const full = dir.endsWith(path.sep) ? dir + entry.name : dir + path.sep + entry.name;
    if (entry.isSymbolicLink()) {
      if (/\.ya?ml$/i.test(entry.name) || !entry.name.includes(".")) {
        items.push({
          refused: problems.report(
            "symlink",
            { file: displayPath(cwd, full) },
            "this is a symbolic link; links are not followed, so that nothing outside the data folder is read",
            { hint: "replace the link with the file itself" },
          ),
        });
      }
    } else if (entry.isDirectory()) {
      items.push({ folder: full });
    } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
      items.push({ file: full });
    } else if (/\.ya?ml$/i.test(entry.name)) {
      // A pipe or device would block or never end when read.
      items.push({
        refused: problems.report(
          "not-a-file",
          { file: displayPath(cwd, full) },
          "this is not a regular file (a pipe, socket or device), so it is not read",
          { hint: "replace it with an ordinary YAML file" },
        ),
      });
    }
  }
  if (listings && stat) listings.set(dir, { ino: stat.ino, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, listedAt, items });
  return items;
}
