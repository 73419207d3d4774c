/**
 * The team read by worker threads, one share each. Loading starts as soon as the store is created
 * (when the plugin is registered), so files are read and parsed on both cores while Eleventy is
 * still starting; the shares are merged here and the rules that span files run once. Watch-mode
 * reloads go to the same workers, which keep the files they parsed.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Diagnostic } from "../diagnostics.js";
import { TeamFolderError, type LoadedEntry } from "./load.js";
import { mergeParts, TeamStore, type PartFile, type PartReport, type StoreOptions } from "./store.js";
import type { EntryMemo, TeamReport, TeamRulesMemo } from "./validate.js";

type Reply = { id: number; part?: PartReport; error?: { name: string; message: string } };

export interface TeamSource {
  load(changed?: readonly string[]): Promise<TeamReport>;
  /** Release threads, if any (when the host drops this configuration). */
  close?(): Promise<void>;
}

interface Waiter {
  resolve(part: PartReport): void;
  reject(error: Error): void;
}

function startWorker(workerData: unknown): Worker {
  const compiled = new URL("./worker.js", import.meta.url);
  if (!import.meta.url.endsWith(".ts")) return new Worker(compiled, { workerData });
  // Running from the TypeScript sources (tests under tsx): register tsx inside the worker,
  // resolved from here rather than from the working directory, then load the .ts worker.
  const api = import.meta.resolve("tsx/esm/api");
  const source = new URL("./worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

export class BackgroundTeamStore implements TeamSource {
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Map<Worker, Waiter>>();
  #next = 0;
  #first: Promise<TeamReport> | undefined;
  /** Each worker's files as last reported, so that watch-mode answers carry only changes. */
  readonly #kept: Map<string, PartFile>[] = [];
  readonly #links: (readonly Diagnostic[])[] = [];
  readonly #restored = new WeakMap<PartFile, LoadedEntry>();
  readonly #memo: EntryMemo = new WeakMap();
  readonly #teamMemo: TeamRulesMemo = {};
  readonly #options: StoreOptions;
  readonly #dead = new Set<Worker>();

  /** `threads`: how many workers share the files. Default: the machine's cores, at most 4. */
  constructor(folders: readonly string[], options: StoreOptions = {}, threads = Math.min(4, availableParallelism())) {
    this.#options = options;
    const count = Math.max(1, threads);
    for (let index = 0; index < count; index += 1) {
      const worker = startWorker({ folders: [...folders], options: { ...options, cwd: options.cwd ?? process.cwd(), part: { index, count } } });
      worker.unref();
      worker.on("message", (reply: Reply) => this.#answer(worker, reply));
      const fail = (error: Error): void => {
        this.#dead.add(worker);
        for (const waiters of this.#pending.values()) waiters.get(worker)?.reject(error);
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`a team-loading worker stopped (exit code ${code})`)));
      this.#workers.push(worker);
    }
    this.#first = this.#request(undefined);
    // Nobody may ever ask (a config loaded for `--help`); an early failure must not go unhandled.
    this.#first.catch(() => undefined);
  }

  load(changed?: readonly string[]): Promise<TeamReport> {
    const first = this.#first;
    this.#first = undefined;
    if (first && !changed) return first;
    return this.#request(changed);
  }

  #answer(worker: Worker, reply: Reply): void {
    const waiters = this.#pending.get(reply.id);
    const waiter = waiters?.get(worker);
    if (!waiters || !waiter) return;
    waiters.delete(worker);
    if (waiters.size === 0) this.#pending.delete(reply.id);
    // Keep the process alive only while an answer is awaited.
    if (![...this.#pending.values()].some((w) => w.has(worker))) worker.unref();
    if (reply.part) waiter.resolve(reply.part);
    else if (reply.error?.name === "TeamFolderError") waiter.reject(new TeamFolderError(reply.error.message));
    else waiter.reject(Object.assign(new Error(reply.error?.message ?? "the team could not be loaded"), { name: reply.error?.name ?? "Error" }));
  }

  async #request(changed: readonly string[] | undefined): Promise<TeamReport> {
    if (this.#dead.size > 0) throw new Error("a team-loading worker stopped; restart the build (or set `workers: false`)");
    const id = this.#next++;
    const waiters = new Map<Worker, Waiter>();
    this.#pending.set(id, waiters);
    const parts = this.#workers.map(
      (worker) =>
        new Promise<PartReport>((resolve, reject) => {
          waiters.set(worker, { resolve, reject });
          worker.ref();
          worker.postMessage({ id, ...(changed ? { changed: [...changed] } : {}) });
        }),
    );
    const answers = await Promise.all(parts);
    answers.forEach((answer, index) => {
      const old = this.#kept[index] ?? new Map<string, PartFile>();
      const kept = new Map<string, PartFile>();
      if (!answer.complete) {
        // Files gone from the listing drop out; the others keep their parsed state.
        for (const { file, order } of answer.keep) {
          const previous = old.get(file);
          if (previous) kept.set(file, previous.order === order ? previous : { ...previous, order });
        }
      }
      for (const file of answer.files) kept.set(file.file, file);
      this.#kept[index] = kept;
      this.#links[index] = answer.links;
    });
    return mergeParts(
      this.#kept.map((kept, index) => ({ links: this.#links[index] ?? [], files: [...kept.values()] })),
      this.#restored,
      this.#memo,
      this.#teamMemo,
      this.#options,
    );
  }

  /** Stop the workers (tests, or a host that rebuilds its config). */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/** A store in worker threads when possible, in this thread otherwise. */
export function createTeamSource(folders: readonly string[], options: StoreOptions, useWorkers: boolean): TeamSource {
  if (!useWorkers) return new TeamStore(folders, options);
  try {
    return new BackgroundTeamStore(folders, options);
  } catch {
    return new TeamStore(folders, options);
  }
}
