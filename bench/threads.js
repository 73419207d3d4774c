#!/usr/bin/env node
// Would loading the team in worker threads pay on this machine? Times, in fresh processes run
// side by side, the team loaded by the plugin in one thread (`TeamStore`), and the bare work under
// it (read every file, parse it with js-yaml) done by one worker and split between two. (The
// plugin's own loader in two workers measured 1.8 × its time in one thread, and was removed.)
//
//   node bench/threads.js [--n 20000] [--runs 5]
//
// Uses the data of bench/work/<n> (run `npm run bench` once, or bench/generate.js, to make it)
// and the compiled plugin in dist/ (`npm run build`).

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const plugin = (file) => pathToFileURL(path.join(ROOT, "dist", "plugin", "team", file)).href;

const VARIANTS = {
  /** The plugin's loader in this thread (what builds use by default). */
  async "plugin, 1 thread"(dir) {
    const { TeamStore } = await import(plugin("store.js"));
    return (await new TeamStore([dir]).load()).summary.files;
  },
  "read + js-yaml, 1 worker": (dir) => bare(dir, 1),
  "read + js-yaml, 2 workers": (dir) => bare(dir, 2),
};

/** Every file read and parsed by `count` workers, each taking every count-th file. */
async function bare(dir, count) {
  const { discover } = await import(plugin("load.js"));
  const { files } = discover(dir, process.cwd());
  const shares = Array.from({ length: count }, (_, i) => files.filter((_, k) => k % count === i));
  const parsed = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: share });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  return parsed.reduce((a, b) => a + b, 0);
}

async function workerMain() {
  const { load, CORE_SCHEMA } = await import("js-yaml");
  let parsed = 0;
  for (const file of workerData) {
    load(fs.readFileSync(file, "utf8"), { schema: CORE_SCHEMA });
    parsed += 1;
  }
  parentPort.postMessage(parsed);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const { values } = parseArgs({
    options: { n: { type: "string", default: "20000" }, runs: { type: "string", default: "5" }, variant: { type: "string" } },
  });
  const dir = path.join(ROOT, "bench", "work", values.n, "data", "team_members");
  if (values.variant) {
    // One measured run, in a process of its own.
    const started = performance.now();
    const files = await VARIANTS[values.variant](dir);
    process.stdout.write(JSON.stringify({ ms: performance.now() - started, files }));
    return;
  }
  if (!fs.existsSync(dir)) {
    console.error(`no data in ${path.relative(ROOT, dir)}: run \`node bench/run.js --sizes ${values.n} --measures floor --runs 1\` first`);
    process.exit(2);
  }
  const times = Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, []]));
  const runs = Number(values.runs);
  const [load] = fs.readFileSync("/proc/loadavg", "utf8").split(" ");
  console.log(
    `N=${values.n}, ${runs} runs of each, interleaved; load average ${load} on ${(await import("node:os")).availableParallelism()} cores`,
  );
  for (let run = 0; run < runs; run += 1) {
    for (const name of Object.keys(VARIANTS)) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--n", values.n, "--variant", name], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`${name} failed: ${child.stderr}`);
      times[name].push(JSON.parse(child.stdout).ms);
    }
  }
  const base = median(times["plugin, 1 thread"]);
  for (const [name, list] of Object.entries(times)) {
    console.log(
      `${name.padEnd(28)} median ${median(list).toFixed(0).padStart(6)} ms  ` +
        `(${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)})  × plugin in 1 thread ${(median(list) / base).toFixed(2)}`,
    );
  }
}

if (isMainThread) await main();
else await workerMain();
