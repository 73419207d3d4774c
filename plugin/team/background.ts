/**
 * A `TeamStore` in a worker thread. Loading starts as soon as the store is created (when the
 * plugin is registered), so the team is read and parsed on the second core while Eleventy is
 * still starting; watch-mode reloads go to the same worker, which keeps the parsed files.
 */
import { Worker } from "node:worker_threads";
import { TeamFolderError } from "./load.js";
import { TeamStore, type StoreOptions } from "./store.js";
import type { TeamReport } from "./validate.js";

type Reply = { id: number; report?: TeamReport; error?: { name: string; message: string } };

export interface TeamSource {
  load(changed?: readonly string[]): Promise<TeamReport>;
}

export class BackgroundTeamStore implements TeamSource {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve(r: TeamReport): void; reject(e: Error): void }>();
  #next = 0;
  #first: Promise<TeamReport> | undefined;

  constructor(folders: readonly string[], options: StoreOptions = {}) {
    const workerData = { folders: [...folders], options: { ...options, cwd: options.cwd ?? process.cwd() } };
    const compiled = new URL("./worker.js", import.meta.url);
    if (!import.meta.url.endsWith(".ts")) this.#worker = new Worker(compiled, { workerData });
    else {
      // Running from the TypeScript sources (tests under tsx): register tsx inside the worker,
      // resolved from here rather than from the working directory, then load the .ts worker.
      const api = import.meta.resolve("tsx/esm/api");
      const source = new URL("./worker.ts", import.meta.url).href;
      const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
      this.#worker = new Worker(boot, { eval: true, workerData });
    }
    this.#worker.unref();
    this.#worker.on("message", (reply: Reply) => {
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (reply.report) waiter.resolve(reply.report);
      else if (reply.error?.name === "TeamFolderError") waiter.reject(new TeamFolderError(reply.error.message));
      else waiter.reject(Object.assign(new Error(reply.error?.message ?? "the team could not be loaded"), { name: reply.error?.name ?? "Error" }));
    });
    this.#worker.on("error", (error) => {
      for (const waiter of this.#pending.values()) waiter.reject(error);
      this.#pending.clear();
    });
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

  #request(changed: readonly string[] | undefined): Promise<TeamReport> {
    const id = this.#next++;
    // Keep the process alive only while an answer is awaited.
    this.#worker.ref();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...(changed ? { changed: [...changed] } : {}) });
    });
  }

  /** Stop the worker (tests, or a host that rebuilds its config). */
  close(): Promise<number> {
    return this.#worker.terminate();
  }
}

/** A store in a worker when possible, in this thread otherwise. */
export function createTeamSource(folders: readonly string[], options: StoreOptions, useWorker: boolean): TeamSource {
  if (!useWorker) return new TeamStore(folders, options);
  try {
    return new BackgroundTeamStore(folders, options);
  } catch {
    return new TeamStore(folders, options);
  }
}
