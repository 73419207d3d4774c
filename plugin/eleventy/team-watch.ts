/**
 * Deletions in the team folder, brought into watch mode. Eleventy 3 starts no build when a watched
 * file is deleted (its watcher's `unlink` handler only logs "File deleted"), so a deleted member
 * stayed on the pages until something else was saved. Every build lists the team folder again, so
 * any build shows the deletion: the plugin watches the folder for files and folders that go away,
 * and asks Eleventy for a build the one way Eleventy 3 offers, by changing a file it watches.
 *
 * That file is the plugin's own, in a private temporary folder: a watch target registered with
 * the configuration, created before Eleventy's watcher starts and removed when the process ends.
 * Nothing of this exists in a build that does not watch: no folder, no file, no watcher.
 */
import { randomBytes } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, rmSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describeCause } from "../diagnostics/fs-errors.js";

/** Names the folder listing reads as team files (see `discover`); other names may come and go. */
const TEAM_FILE = /\.ya?ml$/i;

/** Time for a build Eleventy starts anyway to begin, beyond its watcher's own waits. */
const MARGIN_MS = 100;

/**
 * The watchers of a folder and every folder below it, told when a team file or a folder goes
 * away. One non-recursive watcher per folder: a recursive watch on Linux cannot be told not to keep
 * the process alive, and `eleventy --serve` ends on Ctrl-C only once nothing else holds it.
 */
export class FolderWatch {
  readonly #root: string;
  readonly #onDeleted: (file: string) => void;
  readonly #watchers = new Map<string, FSWatcher>();

  constructor(root: string, onDeleted: (file: string) => void) {
    this.#root = root;
    this.#onDeleted = onDeleted;
  }

  /** Folders watched now. */
  get folders(): number {
    return this.#watchers.size;
  }

  /** Watch the folder and every folder below it not watched yet (one restored since, too). */
  refresh(): void {
    this.#add(this.#root);
  }

  close(): void {
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
  }

  #add(dir: string): void {
    if (!lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) return;
    if (!this.#watchers.has(dir)) {
      let watcher: FSWatcher;
      try {
        // Not persistent: the watch never keeps the process alive once Eleventy's own has ended.
        watcher = watch(dir, { persistent: false }, (_event, name) => this.#changed(dir, name));
      } catch {
        return; // gone already, or not readable: the listing reports what matters
      }
      watcher.on("error", () => this.#gone(dir));
      this.#watchers.set(dir, watcher);
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // Links are not followed, as the listing does not follow them.
    for (const entry of entries) if (entry.isDirectory()) this.#add(path.join(dir, entry.name));
  }

  #changed(dir: string, name: string | Buffer | null): void {
    if (!lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      this.#gone(dir);
      return;
    }
    // Without a name the platform does not say what changed: a build costs less than a stale page.
    if (name === null) {
      this.#onDeleted(dir);
      return;
    }
    const full = path.join(dir, name.toString());
    const now = lstatSync(full, { throwIfNoEntry: false });
    if (now === undefined) {
      if (this.#watchers.has(full)) this.#gone(full);
      else if (TEAM_FILE.test(full)) this.#onDeleted(full);
    } else if (now.isDirectory()) {
      this.#add(full); // a new folder: its files may be deleted later
    }
  }

  /** `dir` went away: stop watching it and every folder below it, and say so. */
  #gone(dir: string): void {
    const below = dir + path.sep;
    for (const [folder, watcher] of this.#watchers) {
      if (folder !== dir && !folder.startsWith(below)) continue;
      watcher.close();
      this.#watchers.delete(folder);
    }
    this.#onDeleted(dir);
  }
}

/**
 * A file Eleventy watches that the plugin writes to ask for a build. Its path is chosen when the
 * plugin is registered (watch targets are read with the configuration), at random in the system's
 * temporary folder, and nothing is created until `prepare`.
 */
export class BuildRequest {
  readonly file: string;
  #made = false;
  #tried = false;
  #count = 0;

  constructor(dir: string = tmpdir()) {
    this.file = path.join(dir, `${FOLDER_PREFIX}${process.pid}-${randomBytes(9).toString("hex")}`, "team-file-deleted");
  }

  /**
   * Create the file, before Eleventy's watcher starts: its watcher does not see a file appear in
   * a folder that did not exist when it started. Returns a problem for the log, or `undefined`.
   */
  prepare(): string | undefined {
    if (this.#tried) return undefined;
    this.#tried = true;
    const folder = path.dirname(this.file);
    removeAbandoned(path.dirname(folder));
    try {
      // Only this process may write in it (no link can be planted there), and the name is new:
      // an existing folder of that name is not ours, and is not used.
      mkdirSync(folder, { mode: 0o700 });
      this.#made = true;
      writeFileSync(this.file, "0\n");
    } catch (error) {
      return (
        `deleted team files are not seen in watch mode: ${path.dirname(folder)} cannot hold the plugin's file ` +
        `(${describeCause(error)}); after deleting a team file, save any file to rebuild`
      );
    }
    process.once("exit", () => this.remove());
    return undefined;
  }

  /** Ask for a build: Eleventy sees the file change. */
  request(): void {
    if (!this.#made) return;
    this.#count += 1;
    try {
      writeFileSync(this.file, `${this.#count}\n`);
    } catch {
      // The temporary folder was cleaned under us: the next save rebuilds as before.
    }
  }

  remove(): void {
    this.#tried = false;
    if (!this.#made) return;
    this.#made = false;
    rmSync(path.dirname(this.file), { recursive: true, force: true });
  }
}

const FOLDER_PREFIX = "mentor-directory-";
const FOLDER_NAME = /^mentor-directory-(\d+)-[\da-f]+$/;

/**
 * Remove the folders of `BuildRequest`s whose process is gone: one killed (not stopped with
 * Ctrl-C) could not remove its own. Folders of other users cannot be removed, and are left.
 */
function removeAbandoned(dir: string): void {
  try {
    for (const name of readdirSync(dir)) {
      const pid = FOLDER_NAME.exec(name)?.[1];
      if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
      rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  } catch {
    // Tidying is a courtesy: a folder left behind holds one small file.
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: running, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The part of Eleventy's configuration this needs. */
interface WatchConfig {
  addWatchTarget(target: string): void;
  on(event: string, fn: (arg: unknown) => unknown): void;
  /** As `setChokidarConfig` and `setWatchThrottleWaitTime` left them (read when a file is deleted). */
  readonly chokidarConfig?: unknown;
  readonly watchThrottleWaitTime?: unknown;
}

const milliseconds = (value: unknown, otherwise: number): number =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : otherwise;

/**
 * How long after a deletion Eleventy may still start a build of its own for a change made with it
 * (a file moved within the folder is a deletion and an addition): its watcher waits for a file to
 * stop changing (`awaitWriteFinish`: Eleventy's 150 + 25 ms unless the site sets it; chokidar's
 * 2,000 + 100 ms for `true`), then for the throttle. A build that starts within this time lists
 * the folder after the deletion, and no other is asked for.
 */
export function settleMs(chokidarConfig: unknown, throttle: unknown): number {
  const wait =
    typeof chokidarConfig === "object" && chokidarConfig !== null
      ? (chokidarConfig as { awaitWriteFinish?: unknown }).awaitWriteFinish
      : undefined;
  let write: number;
  if (wait === undefined) write = 150 + 25;
  else if (wait === true) write = 2_000 + 100;
  else if (typeof wait === "object" && wait !== null) {
    const { stabilityThreshold, pollInterval } = wait as { stabilityThreshold?: unknown; pollInterval?: unknown };
    write = milliseconds(stabilityThreshold, 2_000) + milliseconds(pollInterval, 100);
  } else write = 0;
  return write + milliseconds(throttle, 0) + MARGIN_MS;
}

/** Whether Eleventy's `eleventy.before` argument says this build is one of a watch (or `--serve`). */
function isWatching(arg: unknown): boolean {
  const mode = typeof arg === "object" && arg !== null ? (arg as { runMode?: unknown }).runMode : undefined;
  return mode === "watch" || mode === "serve";
}

/**
 * Rebuild when a team file or folder under `folder` is deleted, in watch and serve mode only.
 * `warn` is told once if the folder cannot be watched.
 */
export function watchDeletions(config: WatchConfig, folder: string, warn: (message: string) => void): void {
  const request = new BuildRequest();
  let pending: NodeJS.Timeout | undefined;
  const deleted = (): void => {
    // Each deletion starts the wait again: a folder removed file by file asks for one build.
    clearTimeout(pending);
    pending = setTimeout(
      () => {
        pending = undefined;
        request.request();
      },
      settleMs(config.chokidarConfig, config.watchThrottleWaitTime),
    );
    pending.unref();
  };
  const watcher = new FolderWatch(path.resolve(folder), deleted);
  config.addWatchTarget(request.file);
  // A build that starts after the deletion lists the folder after it: no other is needed.
  config.on("eleventy.beforeWatch", () => {
    clearTimeout(pending);
    pending = undefined;
  });
  config.on("eleventy.before", (arg) => {
    if (!isWatching(arg)) return;
    const problem = request.prepare();
    if (problem) warn(problem);
    // Every build: a folder removed and restored since the last one is watched again.
    watcher.refresh();
  });
  // The configuration is read again (a config file changed): the next registration watches.
  config.on("eleventy.reset", () => {
    clearTimeout(pending);
    watcher.close();
    request.remove();
  });
}
