/**
 * The second core, for a report without members (`validate`): a worker reads, parses and checks a
 * share of the team files while this thread does the rest, and hands back in one message what a
 * report needs of each file (its diagnostics and roster line, a few strings). Parsed data never
 * crosses: copying it costs more than parsing it. A build, which needs the data, reads in one thread.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Diagnostic } from "../../diagnostics/index.js";
import { addTimings, startTimings, stopTimings, timed, type PhaseEntry } from "../../diagnostics/timings.js";
import { readFileBytes, type LoadOptions } from "../read/file-bytes.js";
import { parseEntry } from "../read/parse-entry.js";
import { checkOne } from "../check/validate.js";
import { knownKeys } from "../check/schema.js";
import type { TeamSchema } from "../read/schema-file.js";
import { rosterFacts, type RosterFacts } from "../entry.js";

/** Tells this module's worker from any other use of the file it is bundled in. */
const KIND = "mentor-directory:check-files";

/** What a report needs of one file: its diagnostics, and its own checks when it parsed to an entry. */
export interface FileReport {
  /** The file as diagnostics show it. */
  readonly shown: string;
  /** Diagnostics of reading and parsing. */
  readonly diagnostics: readonly Diagnostic[];
  /** Present when the file parsed to an entry: its size, its own checks, its roster line (none: no member). */
  readonly checked?: {
    readonly size: number;
    readonly own: readonly Diagnostic[];
    readonly roster: RosterFacts | undefined;
  };
}

interface Job {
  readonly kind: typeof KIND;
  readonly files: readonly (readonly [root: string, file: string])[];
  readonly options: LoadOptions;
  readonly schema: TeamSchema | undefined;
  readonly timings: boolean;
}

interface Answer {
  readonly reports: FileReport[];
  readonly timings: PhaseEntry[];
}

/** Read, parse and check one file as `TeamStore` does, keeping what a report needs of it. */
export function reportFile(root: string, file: string, options: LoadOptions, schema?: TeamSchema): FileReport {
  const raw = timed("read", () => readFileBytes(file, options));
  if (!("bytes" in raw)) return { shown: raw.diagnostics[0]?.file ?? file, diagnostics: raw.diagnostics };
  const parsed = timed("parse", () => parseEntry(root, file, raw.bytes, raw.shown, options));
  if (!parsed.entry) return { shown: raw.shown, diagnostics: parsed.diagnostics };
  const { own, roster } = checkOne(parsed.entry, knownKeys(schema), schema, false);
  return {
    shown: raw.shown,
    diagnostics: parsed.diagnostics,
    checked: { size: raw.bytes.length, own, roster: roster && rosterFacts(roster) },
  };
}

/**
 * Report `files` (each with its team folder) in a worker thread. Undefined when the worker could
 * not start or failed: the caller then reads those files itself, so nothing is lost.
 */
export function reportFilesInWorker(
  files: readonly (readonly [root: string, file: string])[],
  options: LoadOptions,
  schema: TeamSchema | undefined,
  timings: boolean,
): Promise<FileReport[] | undefined> {
  const job: Job = { kind: KIND, files, options: { ...options }, schema, timings };
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL(import.meta.url), { workerData: job, stdout: true, stderr: true });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once("message", (answer: Answer) => {
      addTimings(answer.timings);
      resolve(answer.reports);
    });
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined)); // after a message, a second resolve changes nothing
  });
}

/** The worker's side: check the job's files and answer once. */
function serve(job: Job): void {
  if (job.timings) startTimings();
  const reports = job.files.map(([root, file]) => reportFile(root, file, job.options, job.schema));
  const answer: Answer = { reports, timings: stopTimings()?.entries() ?? [] };
  parentPort?.postMessage(answer);
}

if (!isMainThread && (workerData as Partial<Job> | null)?.kind === KIND) serve(workerData as Job);
