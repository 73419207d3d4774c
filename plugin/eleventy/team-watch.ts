/**
 * The team folder in watch and serve mode. The plugin watches it itself, one `fs.watch` per folder,
 * and asks Eleventy for a build the one way Eleventy 3 offers, by changing a file Eleventy watches,
 * when a team file is saved, added or deleted. Eleventy's watcher would scan and keep every file of
 * the folder (2.3 s and 130 MB for 20,000 files on the bench machine, 11 s and 480 MB for 100,000),
 * read a whole letter's folder again on every save, and start no build at all for a deletion.
 *
 * That file is the plugin's own, in a private temporary folder: a watch target registered with
 * the configuration, created before Eleventy's watcher starts and removed when the process ends.
 * Nothing of this exists in a build that does not watch: no folder, no file, no watcher.
 *
 * A site whose watcher polls (`usePolling`, or `CHOKIDAR_USEPOLLING`) does so because its file
 * system sends no events: there the team folder is Eleventy's to watch, and the plugin's watcher
 * only adds the deletions, once Eleventy would have started a build of its own.
 */
import { randomBytes } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, rmSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describeCause } from "../diagnostics/fs-errors.js";
import { displayPath } from "../team/entry.js";
import type { Log } from "./log.js";

/** Names the folder listing reads as team files (see `discover`); other names may come and go. */
const TEAM_FILE = /\.ya?ml$/i;

/** Time for a build Eleventy starts anyway to begin, beyond its watcher's own waits. */
const MARGIN_MS = 100;

/**
 * What happened to a path in the team folder: it went away, a team file (or folder) was saved or
 * made, or something changed in a folder that the platform did not name (`unplaced`, the folder's path).
 */
export type FolderEvent = "gone" | "saved" | "unplaced";

/**
 * The watchers of a folder and every folder below it, told when a team file or a folder goes
 * away, or a team file is saved or added. One non-recursive watcher per folder: a recursive watch on
 * Linux cannot be told not to keep the process alive, and `eleventy --serve` ends on Ctrl-C only
 * once nothing else holds it.
 */
export class FolderWatch {
  readonly #root: string;
  readonly #onEvent: (path: string, event: FolderEvent) => void;
  readonly #watchers = new Map<string, FSWatcher>();
  /** Whether a folder may be left unwatched (none watched yet, one gone or refused): the next refresh looks. */
  #incomplete = true;

  constructor(root: string, onEvent: (path: string, event: FolderEvent) => void) {
    this.#root = root;
    this.#onEvent = onEvent;
  }

  /** Folders watched now. */
  get folders(): number {
    return this.#watchers.size;
  }

  /**
   * Watch the folder and every folder below it not watched yet (one restored since, too). A folder
   * made while watched is watched as it appears: only after one went away is the tree listed again.
   */
  refresh(): void {
    if (!this.#incomplete) return;
    this.#incomplete = false;
    this.#add(this.#root);
  }

  close(): void {
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
    this.#incomplete = true;
  }

  #add(dir: string): void {
    if (!lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      this.#incomplete = true; // gone, or not made yet: looked for again at the next refresh
      return;
    }
    if (!this.#watchers.has(dir)) {
      let watcher: FSWatcher;
      try {
        // Not persistent: the watch never keeps the process alive once Eleventy's own has ended.
        watcher = watch(dir, { persistent: false }, (_event, name) => this.#changed(dir, name));
      } catch {
        this.#incomplete = true;
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
      this.#onEvent(dir, "unplaced");
      return;
    }
    const full = path.join(dir, name.toString());
    const now = lstatSync(full, { throwIfNoEntry: false });
    if (now === undefined) {
      if (this.#watchers.has(full)) this.#gone(full);
      else if (TEAM_FILE.test(full)) this.#onEvent(full, "gone");
    } else if (now.isDirectory()) {
      this.#add(full); // a new folder: its files may be saved or deleted later
      this.#onEvent(full, "saved");
    } else if (TEAM_FILE.test(full)) {
      this.#onEvent(full, "saved");
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
    this.#incomplete = true;
    this.#onEvent(dir, "gone");
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
    this.file = path.join(dir, `${FOLDER_PREFIX}${process.pid}-${randomBytes(9).toString("hex")}`, "team-folder-changed");
  }

  /**
   * Create the file, before Eleventy's watcher starts: its watcher does not see a file appear in
   * a folder that did not exist when it started. Returns what went wrong (the folder and the
   * cause), or `undefined`.
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
      return `${path.dirname(folder)} cannot hold the plugin's file (${describeCause(error)})`;
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

const EVENT_WORDS: Readonly<Record<FolderEvent, string>> = { gone: "File deleted", saved: "File changed", unplaced: "File changed" };

/**
 * Whether Eleventy's watcher polls: `CHOKIDAR_USEPOLLING` decides for every watcher in the process,
 * as chokidar reads it; otherwise the site's `setChokidarConfig({ usePolling })`.
 */
export function watcherPolls(chokidarConfig: unknown, env: NodeJS.ProcessEnv = process.env): boolean {
  const forced = env["CHOKIDAR_USEPOLLING"]?.toLowerCase();
  if (forced !== undefined) return forced !== "false" && forced !== "0" && forced !== "";
  return typeof chokidarConfig === "object" && chokidarConfig !== null && (chokidarConfig as { usePolling?: unknown }).usePolling === true;
}

/**
 * Rebuild, in watch and serve mode only, when a team file under `folder` is saved, added or deleted
 * (see the top of this file). `log` says what was seen, and warns once if the plugin's file cannot
 * be made. `takeChanged()` gives the team files saved or added since it was last called, to read
 * again, or `undefined` when a change could not be placed (every file is read again); deletions are
 * not listed, as every build lists the folder again.
 */
export function watchTeamFolder(
  config: WatchConfig,
  folder: string,
  log: Pick<Log, "warn" | "force">,
): { takeChanged(): string[] | undefined } {
  const request = new BuildRequest();
  const polls = watcherPolls(config.chokidarConfig);
  // What happened to each path since the last build, the last event winning.
  let seen = new Map<string, FolderEvent>();
  let pending: NodeJS.Timeout | undefined;
  // Eleventy's watcher sees what is saved; a deletion asks for a build once it would have started one.
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
  const watcher = new FolderWatch(path.resolve(folder), (file, event) => {
    if (polls) {
      if (event !== "saved") deleted();
      return;
    }
    // Said once per path and kind until the build, as Eleventy says what its watcher saw (it then
    // names the plugin's file only).
    if (seen.get(file) !== event) log.force(`${EVENT_WORDS[event]}: ${displayPath(process.cwd(), file)}`);
    seen.set(file, event);
    // Each event changes the file again: Eleventy waits until the last one has settled.
    request.request();
  });
  if (polls) config.addWatchTarget(folder);
  config.addWatchTarget(request.file);
  // A build that starts after the deletion lists the folder after it: no other is needed.
  config.on("eleventy.beforeWatch", () => {
    clearTimeout(pending);
    pending = undefined;
  });
  config.on("eleventy.before", (arg) => {
    if (!isWatching(arg)) return;
    const problem = request.prepare();
    if (problem && polls) {
      log.warn(`deleted team files are not seen in watch mode: ${problem}; after deleting a team file, save any file to rebuild`);
    } else if (problem) {
      log.warn(
        `team files saved, added or deleted are not seen in watch mode: ${problem}; ` +
          `after such a change, save any other file of the site to rebuild`,
      );
    }
    // A folder removed and restored since the last build is watched again.
    watcher.refresh();
  });
  // The configuration is read again (a config file changed): the next registration watches.
  config.on("eleventy.reset", () => {
    clearTimeout(pending);
    watcher.close();
    request.remove();
  });
  return {
    takeChanged() {
      const events = seen;
      seen = new Map();
      let saved: string[] | undefined = [];
      for (const [file, event] of events) {
        if (event === "unplaced") saved = undefined;
        else if (event === "saved") saved?.push(file);
      }
      return saved;
    },
  };
}
