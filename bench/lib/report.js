// The printed table and the performance goals, evaluated from the measured medians of one run.

const LABELS = {
  hugo: "hugo (anchor)",
  fresh: "eleventy + plugin, fresh",
  warm: "eleventy + plugin, warm cache",
  watch: "watch: edit to page written",
  "watch-floor": "watch floor: eleventy alone, page text edited",
  "page-write": "team page joined and written (in process)",
  validate: "mentor-directory validate",
  "validate-cache": "mentor-directory validate --cache",
  ajv: "ajv-cli validate",
  floor: "eleventy, no plugin (floor)",
  site: "the repository's site (Nunjucks team page)",
};

const fmt = (x, digits = 0) => (x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits));

export function printTable(n, results) {
  const rows = [["measure", "median ms", "min–max ms", "peak RSS MB", "× Hugo", "× ajv-cli", "runs"]];
  for (const [key, r] of Object.entries(results)) {
    if (r.status === "skipped" && r.reason?.startsWith("not selected")) continue;
    if (r.status !== "ok" || !r.runs) {
      rows.push([LABELS[key], r.status === "skipped" ? "skipped" : "FAILED", "", "", "", "", ""]);
      continue;
    }
    rows.push([
      LABELS[key],
      fmt(r.medianMs),
      `${fmt(r.minMs)}–${fmt(r.maxMs)}`,
      fmt(r.peakRssMB),
      fmt(r.xHugo, 2),
      fmt(r.xAjvCli, 2),
      String(r.runs),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log(`\n  N=${n}`);
  for (const [i, row] of rows.entries()) {
    console.log("  " + row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
    if (i === 0) console.log("  " + widths.map((w) => "-".repeat(w)).join("  "));
  }
  for (const [key, r] of Object.entries(results)) for (const note of r.notes ?? []) console.log(`  note (${key}): ${note}`);
  for (const [key, r] of Object.entries(results))
    for (const line of r.benchmarkLines ?? []) console.log(`  Eleventy printed (${key}): ${line.trim()}`);
}

const get = (bySize, n, measure) => {
  const r = bySize[n]?.measures?.[measure];
  return r?.status === "ok" && r.runs ? r : undefined;
};

/** Each goal: `value` against `limit`, `pass` true/false, or null with the reason it is unmeasured. */
export function evaluateGoals(bySize) {
  const goals = [];
  // `floorOf`: the least the measured work can cost here, measured in the same run (when it was).
  const add = (id, goal, limit, unit, compute, floorOf) => {
    let value;
    let reason;
    try {
      value = compute();
    } catch (e) {
      reason = e.message;
    }
    let floor;
    try {
      floor = value === undefined ? undefined : floorOf?.();
    } catch {
      floor = undefined;
    }
    goals.push({
      id,
      goal,
      limit,
      unit,
      value: value === undefined ? null : Math.round(value * 1000) / 1000,
      pass: value === undefined ? null : value <= limit,
      ...(value === undefined ? { reason: reason ?? "not measured" } : {}),
      ...(floor === undefined ? {} : { floor: Math.round(floor * 10) / 10, xFloor: Math.round((value / floor) * 1000) / 1000 }),
    });
  };
  const need = (n, m) => {
    if (!bySize[n]) throw new Error(`N=${n} not in this run${n === 100000 ? " (add --with-100k)" : ""}`);
    const r = get(bySize, n, m);
    if (!r) throw new Error(`${m} at N=${n} ${bySize[n].measures[m]?.status ?? "missing"}`);
    return r;
  };
  const ratio = (n, m, anchor) => need(n, m).medianMs / need(n, anchor).medianMs;
  add("fresh-vs-hugo-20k", "whole site, fresh, N=20,000 ≤ 1.0 × Hugo's same two pages (stretch 0.8)", 1, "× Hugo", () =>
    ratio(20000, "fresh", "hugo"),
  );
  add("warm-vs-hugo-20k", "whole site, warm cache, N=20,000 ≤ 0.6 × Hugo (stretch 0.5)", 0.6, "× Hugo", () => ratio(20000, "warm", "hugo"));
  add(
    "plugin-over-floor-2k",
    "whole site, fresh, N=2,000: cost over bare Eleventy ≤ 200 ms",
    200,
    "ms",
    () => need(2000, "fresh").medianMs - need(2000, "floor").medianMs,
  );
  // A watch edit's floor: Eleventy's own watch edit of a page, and the team page joined and written.
  const watchFloor = (n) => () => need(n, "watch-floor").medianMs + need(n, "page-write").medianMs;
  add(
    "watch-edit-20k",
    "watch: one member file edited → both pages written, N=20,000 ≤ 150 ms",
    150,
    "ms",
    () => need(20000, "watch").medianMs,
    watchFloor(20000),
  );
  add(
    "watch-edit-2k",
    "watch: one member file edited → both pages written, N=2,000 ≤ 60 ms",
    60,
    "ms",
    () => need(2000, "watch").medianMs,
    watchFloor(2000),
  );
  add("validate-vs-ajv-20k", "validate, N=20,000, every rule ≤ 0.8 × ajv-cli", 0.8, "× ajv-cli", () => ratio(20000, "validate", "ajv"));
  add("validate-cache-vs-ajv-20k", "validate --cache, N=20,000 ≤ 0.3 × ajv-cli", 0.3, "× ajv-cli", () =>
    ratio(20000, "validate-cache", "ajv"),
  );
  const peak = (measures) => () => {
    need(100000, measures[0]);
    return Math.max(...measures.map((m) => get(bySize, 100000, m)?.peakRssMB).filter(Number.isFinite));
  };
  add(
    "rss-build-100k",
    "peak RSS, N=100,000, build (fresh, warm) ≤ 1,024 MB (Hugo's own peak is printed above)",
    1024,
    "MB",
    peak(["fresh", "warm"]),
  );
  add("rss-watch-100k", "peak RSS, N=100,000, watch ≤ 1,024 MB", 1024, "MB", peak(["watch"]));
  // Counted, not timed: the number of distinct lines, at 2,000 and 20,000, in fresh, warm and site builds.
  add("benchmark-lines", "Eleventy's Benchmark line about a plugin shortcode under --quiet, N=2,000 and 20,000: never", 0, "lines", () => {
    let lines = 0;
    for (const n of [2000, 20000]) {
      if (!bySize[n]) throw new Error(`N=${n} not in this run`);
      const builds = ["fresh", "site"].map((m) => need(n, m));
      for (const r of builds) lines += r.benchmarkLines?.length ?? 0;
    }
    return lines;
  });
  add(
    "growth-100k-20k",
    "growth: fresh time(100k) / time(20k) ≤ 5.5",
    5.5,
    "ratio",
    () => need(100000, "fresh").medianMs / need(20000, "fresh").medianMs,
  );
  return goals;
}

export function printGoals(goals) {
  console.log("\nGoals");
  for (const g of goals) {
    const verdict = g.pass === null ? "n/a " : g.pass ? "PASS" : "FAIL";
    const floor = g.floor === undefined ? "" : `; floor ${g.floor} ${g.unit}, ${g.xFloor} × floor`;
    const value = g.value === null ? g.reason : `${g.value} ${g.unit} (limit ${g.limit}${floor})`;
    console.log(`  ${verdict}  ${g.goal}: ${value}`);
  }
}
