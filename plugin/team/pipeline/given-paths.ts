/**
 * `validate` on paths as a user or a pre-commit hook gives them: folders are checked whole, files
 * are checked with the team folder they belong to (the rules across files need all of it) and
 * reported with the other files whose rules they break (`scopeReport`).
 */
import { spawnSync } from "node:child_process";
import { lstatSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { DEFAULT_TEAM_FOLDER, TeamFolderError, resolveFolder } from "../read/folder.js";
import { displayPath } from "../entry.js";
import { scopeReport } from "../check/report-scope.js";
import { validateTeam, type StoreOptions } from "./team-store.js";
import type { TeamReport } from "../check/team-report.js";

const TEAM_FILE = /\.ya?ml$/i;
const TEAM_FOLDER_NAME = path.basename(DEFAULT_TEAM_FOLDER);

interface PathOptions extends StoreOptions {
  /** Told about each path left out (not a YAML file, or removed); a hook passes such paths. */
  readonly note?: (message: string) => void;
  /** Ask git which team files were removed, so that a `reports_to` naming one is reported. Default true. */
  readonly git?: boolean;
}

/** The paths sorted out: folders as resolved, files as their real place, and what was left out. */
interface Targets {
  readonly folders: string[];
  readonly files: string[];
  readonly removed: string[];
}

/** The path with its folder's links resolved and not its own: a linked team file is reported as the link it is. */
function realPlace(absolute: string): string {
  return path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
}

function inside(folder: string, file: string): boolean {
  return file.startsWith(`${folder}${path.sep}`);
}

/**
 * The team folder of a file: the nearest folder named `team_members` above it, else the one the
 * layout `<team folder>/<type>/<letter>/<slug>.yml` gives (a one-character letter folder).
 */
export function teamFolderOf(file: string): string | undefined {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (path.basename(dir) === TEAM_FOLDER_NAME) return dir;
  }
  const letter = path.dirname(file);
  if (path.basename(letter).length !== 1) return undefined;
  const team = path.dirname(path.dirname(letter));
  return team === path.dirname(team) ? undefined : team;
}

function sortPaths(paths: readonly string[], cwd: string, note: (message: string) => void): Targets {
  const targets: Targets = { folders: [], files: [], removed: [] };
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const info = lstatSync(absolute, { throwIfNoEntry: false });
    const isFolder = info?.isDirectory() === true || (info?.isSymbolicLink() === true && statSync(absolute).isDirectory());
    if (isFolder || (!info && !TEAM_FILE.test(given))) {
      // A folder, or a path that is nowhere and no team file: the folder error, as before.
      targets.folders.push(resolveFolder(given, cwd));
    } else if (!TEAM_FILE.test(given)) {
      note(`skipped ${given}: not a .yml or .yaml file`);
    } else if (!info) {
      // A hook may pass the files a commit removes: nothing to read, but its slug is gone.
      targets.removed.push(absolute);
    } else {
      targets.files.push(realPlace(absolute));
    }
  }
  return targets;
}

/**
 * Team files under `root` that the working tree or the index lacks compared to the last commit
 * (removed or renamed away), from git; none when git or the commit is not there. The folder may
 * come from an archive with a `.git` of its own: nothing its configuration names is run (no
 * file-system monitor, external diff, text conversion or pager).
 */
function removedInGit(root: string): string[] {
  const args = ["--no-pager", "-c", "core.fsmonitor=false", "diff", "HEAD", "--no-ext-diff", "--no-textconv", "--no-renames"];
  const git = spawnSync("git", [...args, "--name-only", "--diff-filter=D", "--relative", "-z", "--", "."], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  if (git.status !== 0 || typeof git.stdout !== "string") return [];
  return git.stdout.split("\0").filter((file) => TEAM_FILE.test(file));
}

/** Check `paths` (folders and team files, mixed) and report as `scopeReport` says. */
export async function validatePaths(paths: readonly string[], options: PathOptions = {}): Promise<TeamReport> {
  const cwd = options.cwd ?? process.cwd();
  const note = options.note ?? (() => undefined);
  const targets = sortPaths(paths, cwd, note);
  for (const file of targets.removed) note(`skipped ${displayPath(cwd, file)}: no such file (removed?)`);

  const fileRoots: string[] = [];
  for (const file of targets.files) {
    if (targets.folders.some((folder) => inside(folder, file)) || fileRoots.some((root) => inside(root, file))) continue;
    const root = teamFolderOf(file);
    if (root === undefined || !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
      throw new TeamFolderError(
        `${displayPath(cwd, file)} is not in a team folder: give files laid out as ` +
          `${TEAM_FOLDER_NAME}/<type>/<letter>/<slug>.yml, or the folder that holds them`,
      );
    }
    fileRoots.push(realpathSync(root));
  }
  // The team folder of a removed file is read too, when it is still there: a file that names the
  // removed one in its `reports_to` is then reported.
  for (const file of targets.removed) {
    const root = teamFolderOf(file);
    const real = root !== undefined && statSync(root, { throwIfNoEntry: false })?.isDirectory() ? realpathSync(root) : undefined;
    if (real !== undefined && !targets.folders.some((folder) => inside(folder, real) || folder === real) && !fileRoots.includes(real))
      fileRoots.push(real);
  }
  // A folder given inside a file's team folder is read through that team folder, once.
  const folders = targets.folders.filter((folder) => !fileRoots.some((root) => inside(root, folder)));
  const roots = [...folders, ...fileRoots];
  if (roots.length === 0) {
    return {
      files: [],
      members: [],
      roster: [],
      diagnostics: [],
      summary: { files: 0, members: 0, rejected: 0, mentors: 0, errors: 0, warnings: 0 },
    };
  }
  const report = await validateTeam(roots, options);
  if (targets.files.length === 0 && targets.removed.length === 0) return report;

  const removed = new Set(targets.removed.map((file) => path.basename(file).replace(TEAM_FILE, "")));
  if (options.git !== false)
    for (const root of fileRoots) for (const file of removedInGit(root)) removed.add(path.basename(file).replace(TEAM_FILE, ""));
  return scopeReport(report, {
    folders: targets.folders.map((folder) => displayPath(cwd, folder)),
    files: targets.files.map((file) => displayPath(cwd, file)),
    removed: [...removed],
  });
}
