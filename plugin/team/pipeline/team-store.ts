/**
 * The team as read from disk, kept between builds: in watch mode only the files that changed are
 * read and parsed again, and only their own checks run again. Cross-file rules always run over
 * the whole team (they are cheap next to parsing).
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Diagnostic } from "../../diagnostics/index.js";
import { cacheFileFor, type CachedRoster, type ParseCache } from "../cache/parse-cache.js";
import { fileStamp, parseCacheOf, unchangedReport, withListing, type ReportAttempt } from "./kept-report.js";
import { DEFAULT_MAX_FILE_BYTES, readFileBytes, type LoadOptions } from "../read/file-bytes.js";
import { TeamFolderError, resolveFolder } from "../read/folder.js";
import { discover, type Listings } from "../read/listing.js";
import { startReadAhead, type ReadAheadFiles } from "../read/read-ahead.js";
import { displayPath, rosterFacts, stampAt, type FileStamp, type LoadedEntry } from "../entry.js";
import { digest } from "../../text/hash.js";
import { detachStrings, parseEntry, positionsFromDisk, restoreEntry } from "../read/parse-entry.js";
import { timed, timingsOn } from "../../diagnostics/timings.js";
import { reportFile, reportFilesInWorker, type FileReport } from "./check-worker.js";
import type { TeamSchema } from "../read/schema-file.js";
import { checkedEntry, validateEntries, type EntryMemo, type TeamRulesMemo } from "../check/validate.js";
import type { TeamReport } from "../check/team-report.js";

interface FileState {
  readonly root: string;
  /** Position in the folder listing: set once, by the load that made the state. */
  order?: number;
  /** Cache key of a file parsed (not restored) in this load, to store its results. */
  readonly key?: string;
  /** The file's content key in the parse cache, parsed or restored (with a cache only). */
  readonly contentKey?: string;
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
  /**
   * Whether a report without members may check a share of the files on a second thread: when the
   * machine has a second core and a full load without a parse cache reads at least this many files
   * (`true`: `WORKER_MIN_FILES`, the default), or never (`false`). The report is the same either way.
   */
  readonly worker?: boolean | number;
  /**
   * Whether the first full load may share the reading of its files with a worker thread that starts
   * when the store is made (see `read-ahead.ts`), when the machine has a second core and the folders
   * hold at least this many files (`true`: `READ_AHEAD_MIN_FILES`): the worker reads the files, or,
   * with a parse cache file to read, asks where each stands. A report without members (`members:
   * false`) never uses it (see `worker`). Default `false`. The result is the same either way.
   */
  readonly readAhead?: boolean | number;
  /**
   * What `keptTeamReport` learned of these folders when the parse cache had no report kept for
   * them: the first load of a report without members takes its cache, listings and stamps rather
   * than asking again.
   */
  readonly attempt?: ReportAttempt;
}

/**
 * Below about this many files a worker's start (loading the package again, ~150 ms on the idle
 * core) costs more than it saves: `validate` of 2,000 files took 1.21–1.33 × as long with a worker,
 * of 20,000 files 0.90–1.00 × (two cores here do 1.4 × the work of one, not 2 ×); the line between
 * the two crosses near 10,000.
 */
const WORKER_MIN_FILES = 10_000;
/**
 * Below this many files no read-ahead worker starts (`StoreOptions.readAhead`): at 2,000 files a
 * fresh build showed no gain from it (1.005 × as long with the threshold at 1,000; the main thread
 * reads them in ~35 ms), at 20,000 it took 0.94 × as long, the main thread reading ~100 of the
 * files instead of all.
 */
const READ_AHEAD_MIN_FILES = 5_000;
/** The worker's share of the files: less than half, as it starts later than this thread. */
const WORKER_SHARE = 0.45;

/** A file found by the listing, with its state from the previous load when that is kept. */
interface Listed {
  readonly root: string;
  readonly file: string;
  readonly order: number;
  readonly kept: FileState | undefined;
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
  #counts = { read: 0, unchanged: 0, readAhead: 0 };
  /** The read-ahead worker, until the first full load takes what it read. */
  #readAhead: ReadAheadFiles | undefined;
  /** During a full load: the files read ahead, each taken once. */
  #ahead: ReadAheadFiles | undefined;
  #workerFiles = 0;
  /** The load in progress, which the next one waits for. */
  #queue: Promise<unknown> = Promise.resolve();
  /** `StoreOptions.attempt`, until the first load takes it. */
  #attempt: ReportAttempt | undefined;

  /**
   * How the last load got its files: `read` from disk, or `unchanged` according to the parse
   * cache's file stamps (not read at all). Files kept from the previous load in watch mode are in
   * neither. `readAhead`: files whose bytes, or whose stamp for the cache, came from the read-ahead
   * worker (see `StoreOptions.readAhead`).
   */
  get lastLoad(): { readonly read: number; readonly unchanged: number; readonly readAhead: number } {
    return { ...this.#counts };
  }

  /** How many of the files read by the last load a worker thread checked (see `StoreOptions.worker`). */
  get lastWorkerShare(): number {
    return this.#workerFiles;
  }

  constructor(folders: readonly string[], options: StoreOptions = {}) {
    this.#folders = folders;
    this.#options = options;
    this.#attempt = options.attempt;
    if (options.readAhead && availableParallelism() >= 2) this.#readAhead = this.#startReadAhead();
  }

  /**
   * The worker reading the team's files ahead, unless a folder is missing, a parse cache file is
   * there to read instead, or the folders hold too few files for it to pay. The folders are listed
   * now, on this thread, and the load lists them again from what was found (see `discover`).
   */
  #startReadAhead(): ReadAheadFiles | undefined {
    const { cacheDir, cwd = process.cwd(), maxFileBytes = DEFAULT_MAX_FILE_BYTES, readAhead, members } = this.#options;
    // A report without members shares the files it reads with the check worker instead, and asks
    // where the files it does not read stand on this thread: for 20,000 files kept in the parse
    // cache, the worker's start and the hand-over of its stamps cost more than the `lstat`s it took
    // (`validate --cache` of an unchanged team took 1.22 × as long with it, fifteen pairs).
    if (members === false) return undefined;
    let files: string[];
    let read: boolean;
    try {
      this.#roots ??= this.#folders.map((f) => resolveFolder(f, cwd));
      const roots = this.#roots;
      // With a parse cache file to read from, the worker only asks where each file stands.
      read = !(cacheDir && existsSync(cacheFileFor(path.resolve(cwd, cacheDir), [...roots, ""].join("\0"))));
      files = roots.flatMap((root) => timed("list", () => discover(root, cwd, this.#listings)).files);
    } catch {
      return undefined; // the load says what is wrong with the folder
    }
    if (files.length < (readAhead === true ? READ_AHEAD_MIN_FILES : Number(readAhead))) return undefined;
    return startReadAhead(files, { maxFileBytes, stamps: cacheDir !== undefined, read });
  }

  /**
   * The content key the parse cache recorded for `file`, when its inode, size and times say it is
   * unchanged since (see `ParseCache#keyOf`), with its size and the path it is shown as. `known`:
   * where the file stands, when it was asked already (null: it is no file).
   */
  #stampedKey(file: string, known?: FileStamp | null): Stamped | undefined {
    const cache = this.#cache;
    if (!cache?.stamped(file)) return undefined;
    const shown = displayPath(this.#options.cwd ?? process.cwd(), file);
    const stat = known === undefined ? this.#stampOf(file) : (known ?? undefined);
    if (stat === undefined || stat.size > (this.#options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)) return undefined;
    const key = cache.keyOf(file, shown, stat);
    return key === undefined ? undefined : { shown, size: stat.size, key };
  }

  /** Where `file` stands now, from the read-ahead worker or asked here; undefined when it is no file. */
  #stampOf(file: string): FileStamp | undefined {
    const ahead = this.#ahead?.stampOf(file);
    if (ahead !== undefined) {
      this.#counts.readAhead += 1;
      return ahead;
    }
    return fileStamp(file);
  }

  /** `stamped`: what `#stampedKey` gave for the file, when the caller asked already (undefined: ask). */
  #read(root: string, file: string, stamped: Stamped | null | undefined = this.#stampedKey(file)): FileState {
    const cache = this.#cache;
    if (stamped) {
      // A file whose inode, size and times say it is unchanged is not even read.
      const hit = this.#restore(root, file, stamped.shown, stamped.size, stamped.key);
      if (hit) {
        this.#counts.unchanged += 1;
        return hit;
      }
    }
    this.#counts.read += 1;
    // Where the file stood is asked only for the parse cache's stamps.
    const ahead = this.#ahead?.take(file, cache !== undefined);
    if (ahead) this.#counts.readAhead += 1;
    const readAt = ahead?.readAt ?? Date.now();
    const raw = ahead
      ? { bytes: ahead.bytes, shown: displayPath(this.#options.cwd ?? process.cwd(), file), ...(ahead.stat ? { stat: ahead.stat } : {}) }
      : timed("read", () => readFileBytes(file, this.#options, cache !== undefined));
    if (!("bytes" in raw)) return { root, shown: raw.diagnostics[0]?.file ?? file, diagnostics: raw.diagnostics };
    const key = cache?.key(raw.shown, raw.bytes);
    if (cache && key !== undefined && raw.stat) {
      cache.stamp(file, raw.shown, raw.stat, key, readAt);
      const hit = this.#restore(root, file, raw.shown, raw.bytes.length, key);
      if (hit) return hit;
    }
    const result = timed("parse", () => parseEntry(root, file, raw.bytes, raw.shown, this.#options));
    if (result.entry && this.#options.members !== false) detachStrings(result.entry.data);
    if (key !== undefined && result.entry) this.#contentKeys.set(result.entry.data, key);
    const keys = key === undefined ? {} : result.entry ? { key, contentKey: key } : { contentKey: key };
    return { root, shown: raw.shown, size: raw.bytes.length, ...result, ...keys };
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
    if (this.#options.members === false) {
      const hit = cache.report(key, shown, size);
      return hit && this.#fromReport(root, file, shown, size, hit, key);
    }
    const hit = cache.get(key, shown, size);
    if (!hit) return undefined;
    const entry = restoreEntry(root, file, shown, positionsFromDisk(file, size, this.#options), hit.data);
    this.#contentKeys.set(entry.data, key);
    this.#memo.set(entry, checkedEntry(entry, hit.own));
    return { root, shown, entry, size, diagnostics: hit.diagnostics, contentKey: key };
  }

  /**
   * The state of a file of which only its report is known (from the cache, or a worker): an entry
   * holding only what the rules across files read of its data, its positions read from disk if a
   * diagnostic asks for them.
   */
  #fromReport(
    root: string,
    file: string,
    shown: string,
    size: number,
    report: { readonly diagnostics: readonly Diagnostic[]; readonly own: readonly Diagnostic[]; readonly roster: CachedRoster },
    contentKey?: string,
  ): FileState {
    const reportsTo = report.roster?.reportsTo;
    const positions = positionsFromDisk(file, size, this.#options);
    const entry = restoreEntry(root, file, shown, positions, reportsTo === undefined ? NO_DATA : { reports_to: reportsTo });
    const roster = report.roster && { file: entry.file, slug: entry.slug, ...report.roster };
    this.#memo.set(entry, { own: report.own, member: undefined, roster });
    return { root, shown, entry, size, diagnostics: report.diagnostics, ...(contentKey === undefined ? {} : { contentKey }) };
  }

  /** The state of a file read and checked for a report only (`reportFile`). */
  #fromFileReport(root: string, file: string, report: FileReport): FileState {
    this.#counts.read += 1;
    const { shown, diagnostics, checked } = report;
    if (!checked) return { root, shown, diagnostics };
    return this.#fromReport(root, file, shown, checked.size, { diagnostics, ...checked });
  }

  /** How many of `count` files to read a worker should check: none unless it pays (see `StoreOptions.worker`). */
  #workerShare(count: number, full: boolean): number {
    const { members, worker = true } = this.#options;
    const least = worker === true ? WORKER_MIN_FILES : worker === false ? Infinity : worker;
    if (members !== false || this.#cache || !full || count < least || availableParallelism() < 2) return 0;
    return Math.floor(count * WORKER_SHARE);
  }

  /** The state of each listed file, in order: kept, or read (a share by a worker, when that pays). */
  async #states(listed: readonly Listed[], full: boolean, stamps?: readonly (Stamped | undefined)[]): Promise<FileState[]> {
    const states = new Array<FileState>(listed.length);
    const toRead: Listed[] = [];
    for (const l of listed) {
      if (!l.kept) toRead.push(l);
      // A kept state moved in the listing (files added or removed before it) is copied, not changed.
      else states[l.order - 1] = l.kept.order === l.order ? l.kept : { ...l.kept, order: l.order };
    }
    const place = (l: Listed, state: FileState): void => {
      state.order = l.order;
      states[l.order - 1] = state;
    };
    const share = this.#workerShare(toRead.length, full);
    const theirs = toRead.slice(toRead.length - share);
    const { maxFileBytes, cwd, schema } = this.#options;
    const loadOptions = { ...(maxFileBytes === undefined ? {} : { maxFileBytes }), ...(cwd === undefined ? {} : { cwd }) };
    const answer =
      share > 0
        ? reportFilesInWorker(
            theirs.map((l) => [l.root, l.file] as const),
            loadOptions,
            schema,
            timingsOn(),
          )
        : undefined;
    // Beside a worker, this thread checks its files as it reads them too, so both finish together.
    for (const l of toRead.slice(0, toRead.length - share))
      place(
        l,
        answer
          ? this.#fromFileReport(l.root, l.file, reportFile(l.root, l.file, loadOptions, schema))
          : this.#read(l.root, l.file, stamps ? (stamps[l.order - 1] ?? null) : undefined),
      );
    const answered = await answer;
    const reports = answered?.length === theirs.length ? answered : undefined;
    this.#workerFiles = reports?.length ?? 0;
    // A worker that failed leaves its share to this thread: the report is the same, only later.
    theirs.forEach((l, i) => {
      const report = reports?.[i];
      place(l, report ? this.#fromFileReport(l.root, l.file, report) : this.#read(l.root, l.file));
    });
    return states;
  }

  /**
   * Read the team. With `changed` (absolute or working-directory-relative paths), files already
   * read are reused unless listed; new and deleted files are always noticed.
   */
  load(changed?: readonly string[]): Promise<TeamReport> {
    // One load at a time: a load waits on its worker, and one started meanwhile must see what the
    // first one read. A problem of the folder is a rejection, as callers of a promise expect.
    const load = this.#queue.then(() => this.#loadNow(changed));
    this.#queue = load.catch(() => undefined);
    return load;
  }

  async #loadNow(changed: readonly string[] | undefined): Promise<TeamReport> {
    const collected = await this.#collect(changed);
    if ("kept" in collected) return collected.kept;
    const { next, links, full } = collected;
    const files: string[] = links.map((d) => d.file);
    const entries: LoadedEntry[] = [];
    const diagnostics: Diagnostic[] = [...links];
    for (const state of next.values()) {
      files.push(state.shown);
      for (const diagnostic of state.diagnostics) diagnostics.push(diagnostic);
      if (state.entry) entries.push(state.entry);
    }
    const { schema, members } = this.#options;
    const report = validateEntries(files, entries, diagnostics, { memo: this.#memo, teamMemo: this.#teamMemo, schema, members });
    this.#remember(next, full, links, report);
    return report;
  }

  async #collect(
    changed: readonly string[] | undefined,
  ): Promise<{ next: Map<string, FileState>; links: Diagnostic[]; full: boolean } | { kept: TeamReport }> {
    this.#counts = { read: 0, unchanged: 0, readAhead: 0 };
    const cwd = this.#options.cwd ?? process.cwd();
    this.#roots ??= this.#folders.map((f) => resolveFolder(f, cwd));
    // In watch mode a folder found once may be gone since (removed to be restored): the same
    // one-line message as at the start, not a listing's failure with its stack.
    this.#roots.forEach((root, i) => {
      if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
        throw new TeamFolderError(`team folder not found: ${this.#folders[i]}`);
    });
    const attempt = this.#takeAttempt(changed === undefined);
    const { cacheDir, warn, schema } = this.#options;
    if (cacheDir && !this.#cache)
      this.#cache =
        attempt?.cache ??
        parseCacheOf(this.#roots, { cacheDir, cwd, ...(warn ? { warn } : {}), ...(schema ? { schemaText: schema.text } : {}) });
    const stale = changed ? new Set(changed.map((f) => realPath(path.resolve(cwd, f)))) : undefined;
    const links: Diagnostic[] = [];
    // The folder is looked at on every load, even in watch mode: a deleted or moved file is not
    // always among the changed ones (Eleventy does not rebuild for a deletion). Subfolders whose
    // times show no change keep their listing, and unchanged files keep their parsed state.
    const listings =
      attempt?.listings ?? this.#roots.map((root) => ({ root, ...timed("list", () => discover(root, cwd, this.#listings)) }));
    for (const found of listings) links.push(...found.diagnostics);
    // The same files as before, in the same order (a watch-mode save): the files named are read
    // again in place, and nothing is done for the others.
    if (stale && this.#listedAsBefore(listings)) return { next: this.#readAgain(stale), links, full: false };
    const listed: Listed[] = [];
    for (const { root, files } of listings) {
      for (const file of files) {
        const previous = this.#files.get(file);
        listed.push({ root, file, order: listed.length + 1, kept: previous && stale && !stale.has(file) ? previous : undefined });
      }
    }
    // What the worker read ahead, or the stamps it asked for, serve the first full load only; its
    // buffers go with it.
    const readAhead = this.#readAhead;
    this.#readAhead = undefined;
    this.#ahead = stale ? undefined : readAhead;
    let states: FileState[];
    try {
      // A report without members: kept whole if every file stands where it stood, or else if each
      // file's content is what it was (by the stamps of the files that tell).
      const cache = this.#options.members === false && !stale ? this.#cache : undefined;
      const unchanged = cache && this.#unchangedReport(cache, listed, links, attempt);
      const asked = unchanged?.asked;
      const stamps = cache && !unchanged?.kept ? listed.map((l, at) => this.#stampedKey(l.file, asked && stampAt(asked, at))) : undefined;
      const kept = unchanged?.kept ?? (stamps && this.#keptReport(links, stamps));
      if (kept) {
        // Nothing changed since the report was made: it is the answer, and the cache stays as it is.
        this.#counts = { read: 0, unchanged: listed.length, readAhead: this.#counts.readAhead };
        this.#files = new Map();
        return { kept };
      }
      states = await this.#states(listed, !stale, stamps);
    } finally {
      this.#ahead = undefined;
      readAhead?.close();
    }
    const next = new Map<string, FileState>();
    listed.forEach(({ file }, i) => next.set(file, states[i] as FileState));
    this.#files = next;
    return { next, links, full: !stale };
  }

  /**
   * The report kept whole for the listed files (see `unchangedReport`), or where each file stood
   * when that was asked; a handed-over attempt asked already, and found none.
   */
  #unchangedReport(
    cache: ParseCache,
    listed: readonly Listed[],
    links: readonly Diagnostic[],
    attempt: ReportAttempt | undefined,
  ): { kept?: TeamReport; asked?: Float64Array } {
    if (attempt) return attempt.asked ? { asked: attempt.asked } : {};
    const files = listed.map((l) => l.file);
    return unchangedReport(cache, files, links, this.#options.cwd ?? process.cwd(), (file) => this.#stampOf(file));
  }

  /** `StoreOptions.attempt`, once, for a first full load of the same folders. */
  #takeAttempt(full: boolean): ReportAttempt | undefined {
    const attempt = this.#attempt;
    this.#attempt = undefined;
    const roots = this.#roots ?? [];
    const same = attempt?.roots.length === roots.length && attempt.roots.every((root, i) => root === roots[i]);
    return same && full && this.#cache === undefined ? attempt : undefined;
  }

  /** Whether the folders list exactly the files of the last load, in its order. */
  #listedAsBefore(listings: readonly { readonly files: readonly string[] }[]): boolean {
    let count = 0;
    for (const { files } of listings) count += files.length;
    if (count !== this.#files.size || count === 0) return false;
    const before = this.#files.keys();
    for (const { files } of listings) for (const file of files) if (before.next().value !== file) return false;
    return true;
  }

  /** The last load's files with those in `stale` read again, each in its place. */
  #readAgain(stale: ReadonlySet<string>): Map<string, FileState> {
    for (const file of stale) {
      const before = this.#files.get(file);
      if (before === undefined) continue;
      const state = this.#read(before.root, file);
      state.order = before.order;
      this.#files.set(file, state);
    }
    return this.#files;
  }

  /**
   * The report kept in the cache for exactly these files with these contents (`stamps`, every file
   * unchanged by its stamp) and these listing problems, if there is one.
   */
  #keptReport(links: readonly Diagnostic[], stamps: readonly (Stamped | undefined)[]): TeamReport | undefined {
    if (stamps.some((s) => s === undefined)) return undefined;
    const files = (stamps as readonly Stamped[]).map((s) => s.shown);
    const kept = this.#cache?.teamReport(reportKey(links, stamps as readonly Stamped[]), files);
    return kept && withListing(links, files, kept);
  }

  /** Store what a full load parsed; only a full load saw every file, so only it rewrites the cache. */
  #remember(next: ReadonlyMap<string, FileState>, full: boolean, links: readonly Diagnostic[], report: TeamReport): void {
    const cache = this.#cache;
    if (!cache || !full) return;
    const states = [...next.values()];
    // A report without members is kept whole, for a load that finds every file unchanged.
    if (this.#options.members === false && states.every((state) => state.contentKey !== undefined)) {
      const key = reportKey(
        links,
        states.map((state) => ({ shown: state.shown, key: state.contentKey as string })),
      );
      const listing = new Set(links);
      const diagnostics = report.diagnostics.filter((d) => !listing.has(d));
      cache.setTeamReport(
        { key, diagnostics, roster: report.roster },
        states.map((state) => state.shown),
        { files: [...next.keys()], links: JSON.stringify(links) },
      );
    }
    for (const state of states) {
      const done = state.key !== undefined && state.entry ? this.#memo.get(state.entry) : undefined;
      if (done && state.entry && state.key !== undefined && state.size !== undefined) {
        const roster = done.roster && rosterFacts(done.roster);
        cache.set(state.key, { data: state.entry.data, diagnostics: state.diagnostics, own: done.own, roster }, state.shown, state.size);
      }
    }
    // After the answer: writing the cache is for the next build, not this one.
    setImmediate(() => timed("cache-write", () => cache.save()));
  }
}

/** A file unchanged since the parse cache recorded it: as shown, its size, its content key. */
interface Stamped {
  readonly shown: string;
  readonly size: number;
  readonly key: string;
}

/**
 * What a report without members is made from: the listing's problems and each file, in order, as
 * shown and by content. The same key is the same report (the cache's salt covers code and schema).
 */
function reportKey(links: readonly Diagnostic[], files: readonly { readonly shown: string; readonly key: string }[]): string {
  const parts: string[] = links.map((d) => JSON.stringify(d));
  parts.push("");
  for (const f of files) parts.push(f.shown, f.key);
  return digest(parts);
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
