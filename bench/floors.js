// The floors the goals run into, measured in isolation and side by side with what the plugin
// spends: each command a fresh process, rounds interleaved, medians.
//
//   node bench/floors.js [--sizes 2000,20000] [--runs 5]
//
// Uses the data and sites of bench/run.js (generated when missing) and the compiled plugin.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { median, run } from "./lib/measure.js";
import { ensureData, pageSource, prepareSites } from "./lib/sites.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NODE = process.execPath;
const ELEVENTY = path.join(ROOT, "node_modules", "@11ty", "eleventy", "cmd.cjs");
const SCHEMA = path.join(ROOT, "data", "schema", "team-member.schema.json");
const floor = (name) => path.join(ROOT, "bench", "floor", name);

const { values: opts } = parseArgs({
  options: { sizes: { type: "string", default: "2000,20000" }, runs: { type: "string", default: "5" } },
});
const runs = Math.max(1, Number(opts.runs));

async function size(n) {
  const workDir = path.join(ROOT, "bench", "work", String(n));
  ensureData({ root: ROOT, workDir, n, seed: 1 });
  const p = prepareSites({ root: ROOT, workDir, page: pageSource(ROOT), plugin: path.join(ROOT, "dist", "bundle", "index.js") });
  const eleventy = (config, out) => [ELEVENTY, "--config", config, "--input", p.input, "--output", out, "--quiet"];
  const cacheFile = () => path.join(p.cacheDir, fs.readdirSync(p.cacheDir).find((f) => f.startsWith("team-") && f.endsWith(".v8")) ?? "");
  const commands = {
    "node, empty": () => [NODE, ["-e", ""]],
    hugo: () => ["hugo", ["--quiet", "-s", p.hugoDir, "-d", p.hugoOut]],
    "eleventy, no plugin": () => [NODE, eleventy(p.floorConfig, p.floorOut)],
    "plugin, fresh": () => {
      fs.rmSync(p.cacheDir, { recursive: true, force: true });
      return [NODE, eleventy(p.pluginConfig, p.out)];
    },
    "plugin, warm": () => [NODE, eleventy(p.pluginConfig, p.out)],
    "list + read + js-yaml": () => [NODE, [floor("read-parse.js"), p.dataDir]],
    "list + lstat + cache": () => [NODE, [floor("stat-cache.js"), p.dataDir, cacheFile()]],
    "import the stack + compile the schema": () => [NODE, [floor("imports.js"), SCHEMA]],
  };
  const ms = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let round = 0; round <= runs; round++) {
    for (const [name, command] of Object.entries(commands)) {
      const [cmd, args] = command();
      const out = await run(cmd, args, { cwd: ROOT });
      if (out.code !== 0) throw new Error(`${name} failed (exit ${out.code}): ${out.stderr.slice(-500)}`);
      if (round > 0) ms[name].push(out.ms); // the first round warms the disk cache
    }
  }
  // In process, after the builds: the page the plugin wrote, made into one string and written.
  const pageWrite = [];
  const scratch = path.join(workDir, "page-write.html");
  for (let i = 0; i < runs; i++) {
    const out = await run(NODE, [floor("page-write.js"), p.teamOut(p.out), scratch], { cwd: ROOT });
    if (out.code !== 0) throw new Error(`page-write failed: ${out.stderr.slice(-500)}`);
    pageWrite.push(Number(out.stdout));
  }
  fs.rmSync(scratch, { force: true });
  ms["join and write the team page (in process)"] = pageWrite;
  const med = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(median(v))]));
  const node = med["node, empty"];
  const bare = med["eleventy, no plugin"];
  const derived = {
    "fresh floor: bare Eleventy + reading and parsing": bare + med["list + read + js-yaml"] - node,
    "warm floor: bare Eleventy + lstat + cache": bare + med["list + lstat + cache"] - node,
    "stack over bare Eleventy": med["import the stack + compile the schema"] - node,
  };
  const teamPageMB = Math.round(fs.statSync(p.teamOut(p.out)).size / 1e5) / 10;
  console.log(`\nN=${n} (${runs} runs, medians; load ${os.loadavg()[0].toFixed(1)}; team page ${teamPageMB} MB)`);
  for (const [k, v] of Object.entries({ ...med, ...derived }))
    console.log(`  ${k.padEnd(52)} ${String(v).padStart(6)} ms  ${(v / med.hugo).toFixed(2)} × Hugo`);
  return {
    teamPageMB,
    ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, v.map((x) => Math.round(x))])),
    medianMs: med,
    derivedMs: derived,
  };
}

/** ms per MiB of memory touched for the first time, and touched again (`bench/floor/fresh-memory.js`). */
async function freshMemory() {
  const fresh = [];
  const again = [];
  for (let i = 0; i < runs; i++) {
    const out = await run(NODE, [floor("fresh-memory.js")], { cwd: ROOT });
    if (out.code !== 0) throw new Error(`fresh-memory failed: ${out.stderr.slice(-500)}`);
    const [first, second] = out.stdout.split(" ").map(Number);
    fresh.push(first);
    again.push(second);
  }
  const result = { freshMsPerMiB: median(fresh), touchedMsPerMiB: median(again) };
  const first = result.freshMsPerMiB.toFixed(2);
  console.log(`\nmemory touched the first time: ${first} ms per MiB; again: ${result.touchedMsPerMiB.toFixed(3)} ms per MiB`);
  return result;
}

const loadAtStart = os.loadavg()[0];
const memory = await freshMemory();
const bySize = {};
for (const n of opts.sizes.split(",").map(Number)) bySize[n] = await size(n);
const date = new Date().toISOString();
const file = path.join(ROOT, "bench", "results", `${date.replace(/:\d\d\.\d+Z$/, "Z").replace(":", "")}-floors.json`);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      date,
      command: `node bench/floors.js ${process.argv.slice(2).join(" ")}`.trim(),
      loadAverage: [loadAtStart, os.loadavg()[0]],
      memory,
      sizes: bySize,
    },
    null,
    2,
  ) + "\n",
);
console.log(`\nResults: ${path.relative(ROOT, file)}`);
