// Two builds of the plugin side by side on the whole site: fresh and warm builds, rounds
// interleaved (each round in the other order), medians and the median of the rounds' ratios. To
// see what a change does, under one machine's load.
//
//   node bench/ab.js --a <dir with index.js> --b <dir with index.js> [--n 20000] [--runs 3]
//
// Uses the data and site of bench/run.js for N (generated when missing).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { median, run } from "./lib/measure.js";
import { ensureData, pageSource, prepareSites } from "./lib/sites.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ELEVENTY = path.join(ROOT, "node_modules", "@11ty", "eleventy", "cmd.cjs");
const { values: opts } = parseArgs({
  options: {
    a: { type: "string" },
    b: { type: "string" },
    n: { type: "string", default: "20000" },
    runs: { type: "string", default: "3" },
  },
});
if (!opts.a || !opts.b) throw new Error("give --a and --b: folders holding a compiled index.js");
const n = Number(opts.n);
const workDir = path.join(ROOT, "bench", "work", String(n));
ensureData({ root: ROOT, workDir, n, seed: 1 });
// The bench's own configs keep loading the repository's build: each variant gets a config of its own.
const p = prepareSites({ root: ROOT, workDir, page: pageSource(ROOT), plugin: path.join(ROOT, "dist", "bundle", "index.js") });

/** A config like the bench's, loading the plugin from `dir`, with its own cache and output. */
function variant(name, dir) {
  const config = path.join(workDir, "site", `eleventy.${name}.config.mjs`);
  const text = fs
    .readFileSync(p.pluginConfig, "utf8")
    .replace(
      /import \{ mentorDirectory \} from "[^"]+";/,
      `import { mentorDirectory } from ${JSON.stringify(pathToFileURL(path.resolve(ROOT, dir, "index.js")).href)};`,
    )
    .replace(JSON.stringify(p.cacheDir), JSON.stringify(`${p.cacheDir}-${name}`));
  fs.writeFileSync(config, text);
  return { config, cache: `${p.cacheDir}-${name}`, out: path.join(workDir, "site", `_site-${name}`) };
}
const variants = { a: variant("a", opts.a), b: variant("b", opts.b) };
const ms = { "a fresh": [], "b fresh": [], "a warm": [], "b warm": [] };
const loadAtStart = os.loadavg()[0];
for (let round = 0; round <= Number(opts.runs); round++) {
  for (const kind of ["fresh", "warm"]) {
    // Each round runs the other variant first: a build that always follows the other's would carry
    // whatever the other leaves behind (a warm disk cache, a busy kernel) into every pair.
    const names = round % 2 === 0 ? ["a", "b"] : ["b", "a"];
    for (const [name, v] of names.map((name) => [name, variants[name]])) {
      if (kind === "fresh") fs.rmSync(v.cache, { recursive: true, force: true });
      const out = await run(process.execPath, [ELEVENTY, "--config", v.config, "--input", p.input, "--output", v.out, "--quiet"], {
        cwd: ROOT,
      });
      if (out.code !== 0) throw new Error(`${name} ${kind} failed: ${out.stderr.slice(-400)}`);
      if (round > 0) ms[`${name} ${kind}`].push(out.ms); // the first round warms the disk cache
    }
  }
}
const loads = `load ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end`;
console.log(`N=${n}, ${opts.runs} runs, medians (${loads}); a = ${opts.a}, b = ${opts.b}`);
for (const kind of ["fresh", "warm"]) {
  const [as, bs] = [ms[`a ${kind}`], ms[`b ${kind}`]];
  const a = median(as);
  const b = median(bs);
  // The median of each round's ratio: the machine's drift between rounds cancels within a round.
  const paired = median(as.map((x, i) => bs[i] / x));
  console.log(
    `  ${kind.padEnd(5)}  a ${Math.round(a)} ms  b ${Math.round(b)} ms  b/a ${(b / a).toFixed(3)}, paired ${paired.toFixed(3)}  ` +
      `(a ${as.map(Math.round).join(", ")}; b ${bs.map(Math.round).join(", ")})`,
  );
}
