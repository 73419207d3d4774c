// What a second thread costs before it does any work: start a worker that imports the plugin's
// bundle and answers once. Loading the team there can pay only for more than this.
//   node bench/floor/worker.js [dist/bundle/index.js]
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const bundle = pathToFileURL(path.resolve(process.argv[2] ?? "dist/bundle/index.js")).href;
const started = performance.now();
const source = `import(${JSON.stringify(bundle)}).then(() => require("node:worker_threads").parentPort.postMessage("ready"));`;
const worker = new Worker(source, { eval: true });
worker.once("message", () => {
  console.log(JSON.stringify({ workerReadyMs: Math.round(performance.now() - started) }));
  void worker.terminate();
});
