/**
 * A team's report kept whole by the parse cache, for a load that finds every file where it stood
 * when the report was made: no file is read, parsed or checked. `TeamStore` takes it this way, and
 * `validate --cache` asks for it first through `keptTeamReport`, which loads none of the parsing and
 * checking (a third of the command's start-up); only when it finds no such report is the rest loaded.
 */
import { lstatSync, statSync } from "node:fs";
import path from "node:path";
import { compareDiagnostics, type Diagnostic } from "../../diagnostics/index.js";
import { timed } from "../../diagnostics/timings.js";
import { ParseCache, type KeptReport } from "../cache/parse-cache.js";
import { teamReport, type TeamReport } from "../check/team-report.js";
import { displayPath, putStamp, STAMP_NUMBERS, type FileStamp } from "../entry.js";
import { resolveFolder } from "../read/folder.js";
import { discover } from "../read/listing.js";

/** What the parse cache of a team is opened with. */
interface KeptReportOptions {
  /** Folder of the parse cache, resolved from `cwd`. */
  readonly cacheDir: string;
  readonly cwd?: string;
  /** Told when the cache was ignored (damaged, unreadable). */
  readonly warn?: (message: string) => void;
  /** The text of the schema the team is checked against, when it is not the bundled one. */
  readonly schemaText?: string;
}

/** The parse cache of the team in `roots` (resolved folders). */
export function parseCacheOf(roots: readonly string[], options: KeptReportOptions): ParseCache {
  const cwd = options.cwd ?? process.cwd();
  const { warn, schemaText } = options;
  return timed(
    "cache-load",
    () =>
      new ParseCache(path.resolve(cwd, options.cacheDir), [...roots, ""].join("\0"), {
        cwd,
        ...(warn ? { warn } : {}),
        ...(schemaText === undefined ? {} : { schemaText }),
      }),
  );
}

/**
 * The report kept whole, when the listing (`files`, absolute, and its problems `links`) is the one
 * it was made from and every file stands where it stood then (see `ParseCache#unchangedReportKey`):
 * no content key, nor any per-file list of the cache, is needed. `asked`: the files' stamps when
 * they were asked for (`stampOf`: undefined when the path is no file), for a load that follows.
 */
export function unchangedReport(
  cache: ParseCache,
  files: readonly string[],
  links: readonly Diagnostic[],
  cwd: string,
  stampOf: (file: string) => FileStamp | undefined,
): { kept?: TeamReport; asked?: Float64Array } {
  let asked: Float64Array | undefined;
  const key = cache.unchangedReportKey({ files, links: JSON.stringify(links) }, () => {
    asked = new Float64Array(files.length * STAMP_NUMBERS).fill(Number.NaN);
    for (let at = 0; at < files.length; at++) {
      const stat = stampOf(files[at] as string);
      if (stat !== undefined) putStamp(asked, at, stat);
    }
    return asked;
  });
  const shown = key === undefined ? [] : files.map((file) => displayPath(cwd, file));
  const kept = key === undefined ? undefined : cache.teamReport(key, shown);
  return { ...(kept ? { kept: withListing(links, shown, kept) } : {}), ...(asked ? { asked } : {}) };
}

/** A report kept whole, with this load's listing: its files, and its problems sorted in as `validateEntries` sorts. */
export function withListing(links: readonly Diagnostic[], files: readonly string[], kept: KeptReport): TeamReport {
  const diagnostics = [...links, ...kept.diagnostics].sort(compareDiagnostics);
  return teamReport([...links.map((d) => d.file), ...files], [], kept.roster, diagnostics);
}

/** `lstat` of a path that may be gone: one object for the 20,000 calls of a team. */
const MAY_BE_GONE = { throwIfNoEntry: false } as const;

/** Where `file` stands, or undefined when it is no file. */
export function fileStamp(file: string): FileStamp | undefined {
  const found = timed("read", () => lstatSync(file, MAY_BE_GONE));
  return found?.isFile() ? found : undefined;
}

/** A team folder's listing: its files (absolute) and the problems found listing it. */
interface FolderListing {
  readonly root: string;
  readonly files: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * What asking for a kept report learned when there was none: the parse cache as opened, each
 * folder's listing, and where each file stood when asked. The full load that follows takes them
 * (`StoreOptions.attempt`) instead of asking for them again.
 */
export interface ReportAttempt {
  /** The team folders, resolved. */
  readonly roots: readonly string[];
  readonly cache: ParseCache;
  readonly listings: readonly FolderListing[];
  /** Where each listed file stood, in order (see `unchangedReport`), when that was asked. */
  readonly asked?: Float64Array;
}

/**
 * The report of the team in `folders` as the parse cache kept it, when every file stands where it
 * stood (the report `TeamStore#load` gives for a report without members), else what asking learned
 * (`attempt`); nothing when a folder is missing, for the full load to say what is wrong.
 */
export function keptTeamReport(
  folders: readonly string[],
  options: KeptReportOptions,
): { readonly kept: TeamReport } | { readonly attempt: ReportAttempt } | undefined {
  const cwd = options.cwd ?? process.cwd();
  const roots: string[] = [];
  for (const folder of folders) {
    if (!statSync(path.resolve(cwd, folder), { throwIfNoEntry: false })?.isDirectory()) return undefined;
    roots.push(resolveFolder(folder, cwd));
  }
  const cache = parseCacheOf(roots, options);
  const listings = roots.map((root) => ({ root, ...timed("list", () => discover(root, cwd)) }));
  const files = listings.flatMap((listing) => listing.files);
  const links = listings.flatMap((listing) => listing.diagnostics);
  const { kept, asked } = unchangedReport(cache, files, links, cwd, fileStamp);
  return kept ? { kept } : { attempt: { roots, cache, listings, ...(asked ? { asked } : {}) } };
}
