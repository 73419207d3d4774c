// Render time of the mentoring page alone, without Eleventy: the team is loaded once with the
// compiled plugin, then the page body goes through `renderMarkdown` the way the Eleventy wiring
// calls it. Each size runs in a few fresh processes, because a build renders the page once, cold:
// the first render of a process is reported apart from the later (warm) ones.
//
//   npx tsc -p tsconfig.json && node bench/render.js [--n 2000,20000] [--processes 5] [--runs 5]

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PAGE = "site/handbook/people-group/learning-and-development/mentor/index.md";
const PAGE_URL = "/handbook/people-group/learning-and-development/mentor/";

const { values: opts } = parseArgs({
  options: {
    n: { type: "string", default: "2000,20000" },
    processes: { type: "string", default: "5" },
    runs: { type: "string", default: "5" },
    seed: { type: "string", default: "1" },
    // Internal: render in this process and print the timings as JSON.
    child: { type: "boolean", default: false },
  },
});
const RUNS = Math.max(2, Number(opts.runs));

if (opts.child) {
  console.log(JSON.stringify(await renderInThisProcess(Number(opts.n))));
} else {
  await main();
}

async function main() {
  const sizes = opts.n.split(",").map(Number);
  const processes = Math.max(1, Number(opts.processes));
  console.log(`render of ${PAGE}: ${processes} processes × ${RUNS} renders per size (ms)`);
  const loadAtStart = os.loadavg()[0];
  console.log("N        first (median)   later (median)   html KB");
  for (const n of sizes) {
    ensureData(n);
    const first = [];
    const later = [];
    let bytes = 0;
    for (let p = 0; p < processes; p++) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", "--n", String(n), "--runs", String(RUNS)], {
        encoding: "utf8",
        maxBuffer: 16 << 20,
      });
      const result = JSON.parse(out);
      first.push(result.ms[0]);
      later.push(...result.ms.slice(1));
      bytes = result.bytes;
    }
    console.log(
      `${String(n).padEnd(9)}${median(first).toFixed(1).padStart(14)}` +
        `${median(later).toFixed(1).padStart(17)}${(bytes / 1024).toFixed(0).padStart(10)}`,
    );
  }
  // Wall-clock times: other work on the machine shows in them (see README, "Reading the output").
  console.log(`load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${os.loadavg()[0].toFixed(2)}, ${os.cpus().length} CPUs`);
}

/** Generate the team of size `n` once, as `bench/run.js` does (the generator reuses its output). */
function ensureData(n) {
  const dir = path.join(ROOT, "bench/work", String(n), "data/team_members");
  if (fs.existsSync(dir)) return;
  execFileSync(
    process.execPath,
    [path.join(ROOT, "bench/generate.js"), "--n", String(n), "--out", path.join(ROOT, "bench/work", String(n)), "--seed", opts.seed],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
}

async function renderInThisProcess(n) {
  const load = (file) => import(pathToFileURL(path.join(ROOT, "dist", file)).href);
  let plugin, registryModule;
  try {
    plugin = await load("plugin/index.js");
    registryModule = await load("shortcodes/registry.js");
  } catch (error) {
    console.error(`bench/render: cannot load dist/ (${error.message.split("\n")[0]}); run \`npx tsc -p tsconfig.json\` first`);
    process.exit(2);
  }
  const { validateTeam, buildDirectory, renderMarkdown, builtinShortcodes, DEFAULTS } = plugin;
  const { default: matter } = await import("gray-matter");

  const report = await validateTeam([path.join(ROOT, "bench/work", String(n), "data/team_members")]);
  const directory = buildDirectory(report.members, { adopt: true });
  const source = matter(fs.readFileSync(path.join(ROOT, PAGE), "utf8")).content;
  // As the Eleventy wiring passes them (plugin/eleventy/plugin.ts), with the default options.
  const options = {
    file: PAGE,
    shortcodes: registryModule.createShortcodeRegistry(builtinShortcodes),
    context: {
      directory,
      // The site's own pages, as the wiring finds them in the generated site.
      teamPageUrl: "/company/team/",
      // The defaults are neutral (no upstream): links stay as the page writes them.
      upstreamUrl: DEFAULTS.upstreamUrl || "",
      mentoringPageUrl: PAGE_URL,
    },
    pageUrl: PAGE_URL,
    upstreamUrl: DEFAULTS.upstreamUrl || "",
  };

  const ms = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const { html } = renderMarkdown(source, options);
    ms.push(performance.now() - start);
    bytes = Buffer.byteLength(html);
  }
  return { ms, bytes };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
