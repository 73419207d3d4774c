// The benchmark: the mentoring page built by Hugo (the anchor), the whole site (mentoring page and
// team page) built by Eleventy with the plugin (fresh, warm cache, watch-mode edit) and without it
// (the floor, built and in watch mode), and the team data validated by our CLI and by ajv-cli, all on
// the same data in one run.
//
//   node bench/run.js [--sizes 2000,20000] [--with-100k] [--runs 5] [--warmup 1] [--seed 1]
//                     [--measures hugo,fresh,warm,watch,watch-floor,page-write,validate,validate-cache,ajv,floor,site]
//                     [--profile]
//                     [--plugin-dir dist/bundle] [--max-seconds 40]

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { compareRows, directoryRows, hugoRows, teamEntries } from "./lib/check.js";
import { median, rssMethod, run } from "./lib/measure.js";
import { ensureData, pageSource, prepareSites } from "./lib/sites.js";
import { measureWatch, restoreEdit } from "./lib/watch.js";
import { evaluateGoals, printGoals, printTable } from "./lib/report.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rel = (p) => (path.isAbsolute(p) && p.startsWith(ROOT) ? path.relative(ROOT, p) || "." : p);
const NODE = process.execPath;
const ELEVENTY = path.join(ROOT, "node_modules", "@11ty", "eleventy", "cmd.cjs");
const SCHEMA = path.join(ROOT, "data", "schema", "team-member.schema.json");
const PAGE_WRITE = path.join(ROOT, "bench", "floor", "page-write.js");
const AJV_CLI = path.join(ROOT, "node_modules", "ajv-cli", "dist", "index.js");
const MEASURES = ["hugo", "fresh", "warm", "watch", "watch-floor", "page-write", "validate", "validate-cache", "ajv", "floor", "site"];

const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "2000,20000" },
    "with-100k": { type: "boolean", default: false },
    runs: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    measures: { type: "string", default: MEASURES.join(",") },
    profile: { type: "boolean", default: false },
    // Another build of the plugin (another branch's dist/bundle, say), holding index.js and cli.js.
    "plugin-dir": { type: "string", default: "dist/bundle" },
    // Keeps a slow measure from stretching the whole run: once it has 3 runs and this many
    // seconds of measured time at one size, its later runs are left out.
    "max-seconds": { type: "string", default: "40" },
  },
});
const PLUGIN = path.resolve(ROOT, opts["plugin-dir"], "index.js");
const CLI = path.resolve(ROOT, opts["plugin-dir"], "cli.js");
const sizes = [...new Set([...opts.sizes.split(",").map(Number), ...(opts["with-100k"] ? [100_000] : [])])]
  .filter((n) => Number.isInteger(n) && n >= 2)
  .sort((a, b) => a - b);
const runs = Math.max(1, Number(opts.runs));
const warmup = Math.max(0, Number(opts.warmup));
const seed = Number(opts.seed);
const maxMs = Number(opts["max-seconds"]) * 1000;
const wanted = new Set(opts.measures.split(",").map((s) => s.trim()));
for (const m of wanted) if (!MEASURES.includes(m)) throw new Error(`--measures: unknown measure ${m} (known: ${MEASURES.join(", ")})`);

function version(cmd, args, pattern) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error || r.status !== 0) return undefined;
  return pattern.exec(r.stdout)?.[1] ?? r.stdout.trim();
}
const readVersion = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")).version;
  } catch {
    return undefined;
  }
};
const hugoVersion = version("hugo", ["version"], /v(\d+\.\d+\.\d+)/);

/** Why a measure cannot run here, or undefined when it can. */
function unavailable(measure) {
  if (measure === "hugo" && !hugoVersion) return "hugo not found on PATH (Debian: apt-get install hugo)";
  if (["fresh", "warm", "watch", "page-write", "site"].includes(measure) && !fs.existsSync(PLUGIN))
    return `${rel(PLUGIN)} not found (build it: npx tsc -p tsconfig.json)`;
  if (measure.startsWith("validate") && !fs.existsSync(CLI)) return `${rel(CLI)} not found (build it: npx tsc -p tsconfig.json)`;
  if (measure === "ajv" && !fs.existsSync(SCHEMA)) return `${rel(SCHEMA)} not found`;
  if (measure === "ajv" && !fs.existsSync(AJV_CLI)) return "ajv-cli not installed (npm ci)";
  return undefined;
}

/** Extra ajv-cli flags the schema needs: ajv-cli ships no format validators and would refuse `format`. */
function ajvFlags() {
  try {
    return /"format"\s*:/.test(fs.readFileSync(SCHEMA, "utf8")) ? ["--validate-formats=false"] : [];
  } catch {
    return [];
  }
}

function commands(p) {
  const eleventy = (config, out, extra = []) => [NODE, [ELEVENTY, "--config", config, "--input", p.input, "--output", out, ...extra]];
  return {
    hugo: ["hugo", ["--quiet", "-s", p.hugoDir, "-d", p.hugoOut]],
    fresh: eleventy(p.pluginConfig, p.out, ["--quiet"]),
    warm: eleventy(p.pluginConfig, p.out, ["--quiet"]),
    floor: eleventy(p.floorConfig, p.floorOut, ["--quiet"]),
    site: [NODE, [ELEVENTY, "--config", p.repoSiteConfig, "--input", p.repoSite, "--output", p.repoSiteOut, "--quiet"]],
    validate: [NODE, [CLI, "validate", rel(p.dataDir), "--format", "json"]],
    "validate-cache": [NODE, [CLI, "validate", rel(p.dataDir), "--format", "json", "--cache", rel(p.validateCacheDir)]],
    ajv: [NODE, [AJV_CLI, "validate", "--spec=draft2020", ...ajvFlags(), "-s", rel(SCHEMA), "-d", rel(p.personGlob)]],
  };
}

const display = ([cmd, args]) =>
  [
    cmd === NODE ? "node" : cmd,
    ...args.map((a) => rel(a).replace(/^node_modules\/@11ty\/eleventy\/cmd\.cjs$/, "node_modules/@11ty/eleventy/cmd.cjs")),
  ]
    .map((a) => (/[\s*]/.test(a) ? `"${a}"` : a))
    .join(" ");

/** Stack frames say where, the lines before them say what: keep the what. */
function whatFailed(output, lines = 6) {
  const kept = output
    .trim()
    .split("\n")
    .filter((l) => !/^(?:\[11ty\])?\s*(?:at |Original error stack trace)|^\[11ty\]\s*$/.test(l));
  // A positive count keeps the first lines (the error), a negative one the last (the latest build).
  return (lines > 0 ? kept.slice(0, lines) : kept.slice(lines)).join("\n    ");
}

function failureText(r) {
  return `exit ${r.code}${r.signal ? ` (${r.signal})` : ""}: ${whatFailed(r.stderr) || whatFailed(r.stdout) || "(no output)"}`;
}

/** First diagnostics of a failing `validate --format json`, for a readable FAIL line. */
function diagnosticsSummary(stdout) {
  try {
    const parsed = JSON.parse(stdout);
    const list = Array.isArray(parsed) ? parsed : (parsed.diagnostics ?? []);
    return list
      .slice(0, 5)
      .map((d) => `${d.file}:${d.line ?? "?"} ${d.rule}: ${d.message}`)
      .join("\n    ");
  } catch {
    return undefined;
  }
}

async function benchSize(n, page) {
  const workDir = path.join(ROOT, "bench", "work", String(n));
  restoreEdit(workDir);
  const data = ensureData({ root: ROOT, workDir, n, seed });
  console.log(
    `\nN=${n}: ${data.reused ? "reusing" : `generated in ${(data.generatedMs / 1000).toFixed(1)} s`} ` +
      `${rel(workDir)} (${data.mentors.length} mentors)`,
  );
  const p = prepareSites({ root: ROOT, workDir, page, plugin: PLUGIN });
  const cmds = commands(p);
  const timeoutMs = 300_000 + n * 10;

  const results = {};
  for (const m of MEASURES) {
    const why = wanted.has(m) ? unavailable(m) : "not selected (--measures)";
    results[m] = why
      ? { status: "skipped", reason: why }
      : {
          status: "ok",
          command:
            m === "watch"
              ? `${display(cmds.fresh)} --watch (edit one mentor file)`
              : m === "watch-floor"
                ? `${display(cmds.floor)} --watch (edit the mentoring page's first paragraph)`
                : m === "page-write"
                  ? `node ${rel(PAGE_WRITE)} <the team page the plugin wrote> <a scratch file>`
                  : display(cmds[m]),
          ms: [],
          rssMB: [],
        };
    if (why && wanted.has(m)) console.log(`  ${m}: skipped, ${why}`);
  }
  const correctness = {};

  const checkPage = (measure) => {
    if (correctness[measure]) return;
    const file = measure === "hugo" ? p.hugoPage : p.pageOut(p.out);
    let html;
    try {
      html = fs.readFileSync(file, "utf8");
    } catch {
      correctness[measure] = { ok: false, error: `${rel(file)} was not written` };
      console.log(`  FAIL ${measure}: ${rel(file)} was not written`);
      return;
    }
    if (measure === "hugo") {
      const rows = hugoRows(html);
      correctness.hugo = { ok: rows === data.mentors.length, rows, expected: data.mentors.length };
      // The anchor builds the team page too: one card per member.
      let team = "";
      try {
        team = fs.readFileSync(path.join(p.hugoOut, "company", "team", "index.html"), "utf8");
      } catch {
        // Counted as no cards below.
      }
      const cards = team.split('<article class="member"').length - 1;
      correctness.hugo.teamPage = { entries: cards, expected: n };
      if (cards !== n) {
        correctness.hugo.ok = false;
        console.log(`  FAIL hugo: team page has ${cards} cards, expected ${n}`);
      }
    } else {
      correctness[measure] = compareRows(directoryRows(html), data.mentors);
      // The whole site: the team page must list every member once.
      let team = "";
      try {
        team = fs.readFileSync(p.teamOut(p.out), "utf8");
      } catch {
        // Counted as no entries below.
      }
      const entries = teamEntries(team);
      const teamPage = { entries: entries.length, unique: new Set(entries).size, expected: n };
      correctness[measure].teamPage = teamPage;
      if (teamPage.entries !== n || teamPage.unique !== n) {
        correctness[measure].ok = false;
        console.log(`  FAIL ${measure}: team page has ${teamPage.entries} entries (${teamPage.unique} distinct), expected ${n}`);
      }
    }
    const c = correctness[measure];
    if (!c.ok) {
      const detail = c.missing
        ? `; missing ${c.missing.join(", ") || "none"}; extra ${c.extra.join(", ") || "none"}; duplicates ${c.duplicates}`
        : "";
      console.log(`  FAIL ${measure}: ${c.rows} directory rows, expected ${c.expected} mentors${detail}`);
    }
  };

  // The CLI reads the same files as the build: its summary must count the same members and mentors.
  const checkValidate = (stdout, key) => {
    let summary;
    try {
      summary = JSON.parse(stdout).summary;
    } catch {
      // Reported below as an unreadable report.
    }
    if (!summary) {
      correctness[key] = { ok: false, error: "no JSON summary on stdout" };
      console.log(`  FAIL ${key}: no JSON summary on stdout`);
      return;
    }
    const ok = summary.members === n && summary.mentors === data.mentors.length && summary.errors === 0;
    correctness[key] = { ok, ...summary, expectedMembers: n, expectedMentors: data.mentors.length };
    if (!ok)
      console.log(
        `  FAIL ${key}: ${summary.members} members, ${summary.mentors} mentors, ${summary.errors} errors; ` +
          `expected ${n}, ${data.mentors.length}, 0`,
      );
  };

  const before = {
    hugo: () => fs.rmSync(p.hugoOut, { recursive: true, force: true }),
    fresh: () => {
      fs.rmSync(p.cacheDir, { recursive: true, force: true });
      fs.rmSync(p.out, { recursive: true, force: true });
    },
    floor: () => fs.rmSync(p.floorOut, { recursive: true, force: true }),
    site: () => fs.rmSync(p.repoSiteOut, { recursive: true, force: true }),
  };

  // Rounds interleave the measures, so a slow moment of the machine spreads over all of them
  // instead of landing on one; warm always follows the fresh build that filled the cache.
  // validate-cache follows validate, so its cache was filled by a run already (as in CI).
  const order = ["hugo", "fresh", "warm", "floor", "site", "validate", "validate-cache", "ajv"];
  for (let round = 0; round < warmup + runs; round++) {
    for (const m of order) {
      const r = results[m];
      if (r.status !== "ok") continue;
      if (r.ms.length >= 3 && r.ms.reduce((a, b) => a + b, 0) > maxMs) {
        if (!r.stopped) (r.notes ??= []).push(`stopped after ${r.ms.length} runs: over --max-seconds ${maxMs / 1000}`);
        r.stopped = true;
        continue;
      }
      if (m === "warm" && results.fresh.status !== "ok") {
        Object.assign(r, { status: "skipped", reason: "needs a successful fresh build" });
        continue;
      }
      before[m]?.();
      const [cmd, args] = cmds[m];
      const out = await run(cmd, args, { cwd: ROOT, timeoutMs, keep: m.startsWith("validate") ? 64 << 20 : 64 << 10 });
      if (out.code !== 0) {
        const summary = m.startsWith("validate") ? diagnosticsSummary(out.stdout) : undefined;
        Object.assign(r, { status: "failed", error: summary ? `exit ${out.code}: ${summary}` : failureText(out) });
        console.log(`  FAIL ${m}: ${r.error}`);
        continue;
      }
      if (m === "hugo" || m === "fresh" || m === "warm") checkPage(m);
      // Eleventy prints these even under --quiet: the first thing a user would read about the plugin.
      if (m === "fresh" || m === "warm" || m === "site") {
        const lines = `${out.stdout}\n${out.stderr}`.split("\n").filter((line) => line.includes("Benchmark") && line.includes("Shortcode"));
        r.benchmarkLines = [...new Set([...(r.benchmarkLines ?? []), ...lines.map((line) => line.replace(/\b\d+ms {1,9}\d+%/, "…"))])];
      }
      if (m.startsWith("validate") && !correctness[m]) checkValidate(out.stdout, m);
      if (m === "fresh" && round === 0) {
        const entries = fs.existsSync(p.cacheDir) ? fs.readdirSync(p.cacheDir).length : 0;
        r.cacheWritten = entries > 0;
        if (!r.cacheWritten && results.warm.status === "ok")
          (results.warm.notes ??= []).push(`no cache written to ${rel(p.cacheDir)}: warm is the same build run again`);
      }
      if (round >= warmup) {
        r.ms.push(out.ms);
        r.rssMB.push(out.rssMB);
      }
    }
    process.stdout.write(`  round ${round + 1}/${warmup + runs}${round < warmup ? " (warm-up)" : ""} done\n`);
  }

  if (opts.profile && results.fresh.status === "ok") {
    const dir = path.join(ROOT, "bench", "work", "profiles");
    fs.rmSync(p.cacheDir, { recursive: true, force: true });
    const [, args] = cmds.fresh;
    await run(NODE, ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-name", `fresh-${n}.cpuprofile`, ...args], { cwd: ROOT, timeoutMs });
    if (results.validate.status === "ok") {
      await run(NODE, ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-name", `validate-${n}.cpuprofile`, ...cmds.validate[1]], {
        cwd: ROOT,
        timeoutMs,
      });
    }
    console.log(`  CPU profiles in ${rel(dir)} (open in Chrome DevTools > Performance)`);
  }

  /** One watch-mode measure: `eleventy --watch` with `config`, `file` edited; the result into `results[measure]`. */
  const watchMeasure = async (measure, { config, out, file, teamFile, firstBuildTimeoutMs, edit }) => {
    const r = results[measure];
    const w = await measureWatch({
      node: NODE,
      eleventy: ELEVENTY,
      args: ["--config", config, "--input", p.input, "--output", out],
      cwd: ROOT,
      workDir,
      pageFile: p.pageOut(out),
      teamFile,
      memberFile: file,
      edits: runs,
      firstBuildTimeoutMs,
      outDir: out,
      edit,
    });
    // Time from the first build until an unmeasured edit came through (the watcher's start-up).
    Object.assign(r, {
      ms: w.ms,
      rssMB: w.rssMB === undefined ? [] : [w.rssMB],
      firstBuildMs: round1(w.firstBuildMs),
      primeMs: round1(w.primeMs),
    });
    r.editedFile = rel(file);
    if (w.error) {
      Object.assign(r, { status: w.ms.length ? "ok" : "failed", error: w.error });
      console.log(`  FAIL ${measure}: ${w.error}${w.log ? `\n    ${whatFailed(w.log, w.ms.length || w.firstBuildMs ? -6 : 6)}` : ""}`);
    }
  };

  if (results.watch.status === "ok") {
    const mentor = data.mentors[0];
    if (!mentor) Object.assign(results.watch, { status: "skipped", reason: "no mentor in the data" });
    else {
      await watchMeasure("watch", {
        config: p.pluginConfig,
        out: p.watchOut,
        file: path.join(p.dataDir, "person", mentor[0], `${mentor}.yml`),
        teamFile: p.teamOut(p.watchOut),
        firstBuildTimeoutMs: 120_000 + n * 2,
      });
    }
  }

  // The same latency for Eleventy alone: the mentoring page's text edited instead of a member's file
  // (Eleventy without the plugin reads no team), both pages written again.
  if (results["watch-floor"].status === "ok") {
    await watchMeasure("watch-floor", {
      config: p.floorConfig,
      out: p.floorWatchOut,
      file: p.pageIn,
      firstBuildTimeoutMs: 120_000,
      edit: { line: /^Mentorship is /m, write: (token) => `${token} Mentorship is ` },
    });
  }

  // The least a watch edit of a member can cost beyond Eleventy's own: the team page made into one
  // string from its parts and written, as Eleventy writes any page (a process of its own each run).
  if (results["page-write"].status === "ok") {
    const page = [p.teamOut(p.watchOut), p.teamOut(p.out)].find((file) => fs.existsSync(file));
    if (page === undefined) Object.assign(results["page-write"], { status: "skipped", reason: "no team page written in this run" });
    else {
      const scratch = path.join(workDir, "page-write.html");
      for (let i = 0; i < runs; i++) {
        const out = await run(NODE, [PAGE_WRITE, page, scratch], { cwd: ROOT, timeoutMs });
        if (out.code !== 0) {
          Object.assign(results["page-write"], { status: "failed", error: out.stderr.slice(-500) });
          break;
        }
        results["page-write"].ms.push(Number(out.stdout));
      }
      fs.rmSync(scratch, { force: true });
    }
  }

  for (const r of Object.values(results)) {
    if (!r.ms) continue;
    r.runs = r.ms.length;
    r.medianMs = round1(median(r.ms));
    r.minMs = r.ms.length ? round1(Math.min(...r.ms)) : undefined;
    r.maxMs = r.ms.length ? round1(Math.max(...r.ms)) : undefined;
    const rss = r.rssMB.filter(Number.isFinite);
    r.peakRssMB = rss.length ? Math.max(...rss) : undefined;
    r.ms = r.ms.map(round1);
  }
  // A watch-mode latency is not a build: no ratio to the anchors.
  for (const r of Object.values(results)) {
    if (!r.medianMs || r === results.watch || r === results["watch-floor"] || r === results["page-write"]) continue;
    if (results.hugo.medianMs) r.xHugo = round3(r.medianMs / results.hugo.medianMs);
    if (results.ajv.medianMs) r.xAjvCli = round3(r.medianMs / results.ajv.medianMs);
  }
  const stats = { files: n, mentors: data.mentors.length, ...data.stats };
  printTable(n, results);
  return { data: stats, measures: results, correctness };
}

const round1 = (x) => (x === undefined ? undefined : Math.round(x * 10) / 10);
const round3 = (x) => Math.round(x * 1000) / 1000;

/** Indented JSON with arrays of plain values on one line, so a result file diffs by line. */
function compactJson(value) {
  return JSON.stringify(value, null, 2).replace(/\[([^[\]{}]*)\]/g, (whole, inner) =>
    // Only lists spread over lines (space on both sides inside the brackets) are joined onto one.
    /^\s/.test(inner) && /\s$/.test(inner) ? `[${inner.trim().split(/,\s+/).join(", ")}]` : whole,
  );
}

const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);

async function main() {
  const page = pageSource(ROOT);
  const started = Date.now();
  console.log(`Benchmark: sizes ${sizes.join(", ")}; ${runs} runs + ${warmup} warm-up; page ${rel(page.file)}; peak RSS by ${rssMethod}`);
  if (loadAtStart[0] > os.cpus().length * 0.5)
    console.log(`Load average ${loadAtStart[0]} on ${os.cpus().length} cores: other work will inflate the numbers`);
  console.log(
    `hugo ${hugoVersion ?? "absent"}, eleventy ${readVersion(path.join(ROOT, "node_modules/@11ty/eleventy/package.json"))}, ` +
      `node ${process.version}, ${os.cpus().length} cores`,
  );
  const bySize = {};
  for (const n of sizes) bySize[n] = await benchSize(n, page);
  const goals = evaluateGoals(bySize);
  printGoals(goals);

  const result = {
    date: new Date().toISOString(),
    command: `node bench/run.js ${process.argv.slice(2).join(" ")}`.trim(),
    durationS: Math.round((Date.now() - started) / 1000),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      // Other work on the machine inflates every number; the load says how much to trust them.
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    versions: {
      hugo: hugoVersion,
      eleventy: readVersion(path.join(ROOT, "node_modules/@11ty/eleventy/package.json")),
      plugin: readVersion(path.join(ROOT, "package.json")),
      ajvCli: readVersion(path.join(ROOT, "node_modules/ajv-cli/package.json")),
    },
    options: { sizes, runs, warmup, seed, measures: [...wanted], page: rel(page.file), rssMethod },
    sizes: bySize,
    goals,
  };
  const dir = path.join(ROOT, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = result.date.replace(/:\d\d\.\d+Z$/, "Z").replace(":", "");
  const file = path.join(dir, `${stamp}-${sizes.join("-")}.json`);
  fs.writeFileSync(file, compactJson(result) + "\n");
  console.log(`\nResults: ${rel(file)} (${result.durationS} s)`);
}

await main();
