/**
 * Worker-thread side of `BackgroundTeamStore`: owns a `TeamStore`, answers load requests.
 * Reading and parsing thousands of YAML files here runs on the second core while Eleventy starts.
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
  store.load(request.changed).then(
    (report) => parentPort?.postMessage({ id: request.id, report }),
    (error: Error) => parentPort?.postMessage({ id: request.id, error: { name: error.name, message: error.message } }),
  );
});
