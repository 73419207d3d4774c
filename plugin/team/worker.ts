/**
 * Worker-thread side of `BackgroundTeamStore`: owns a `TeamStore` for one share of the team and
 * answers load requests with that share, checked file by file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { TeamStore, type StoreOptions } from "./store.js";

export interface LoadRequest {
  readonly id: number;
  readonly changed?: readonly string[];
}

const { folders, options } = workerData as { folders: string[]; options: StoreOptions };
const store = new TeamStore(folders, options);

parentPort?.on("message", (request: LoadRequest) => {
  store.loadPart(request.changed).then(
    (part) => parentPort?.postMessage({ id: request.id, part }),
    (error: Error) => parentPort?.postMessage({ id: request.id, error: { name: error.name, message: error.message } }),
  );
});
