// What Eleventy's watcher costs to be given a team folder: chokidar (as Eleventy 3 runs it, with the
// bench sites' 30 ms of quiet) scanning every file until it is ready, and the memory it then holds.
// The plugin watches its team folder itself instead (plugin/eleventy/team-watch.ts).
//   node --expose-gc bench/floor/folder-watcher.js bench/work/20000/data/team_members
import chokidar from "@11ty/chokidar-with-glob-support";

const folder = process.argv[2] ?? "bench/work/2000/data/team_members";
const rss = () => process.memoryUsage().rss / 1048576;
const before = rss();
const started = performance.now();
const watcher = chokidar.watch([folder], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 } });
watcher.on("ready", () => {
  globalThis.gc?.();
  console.log(JSON.stringify({ folder, readyMs: Math.round(performance.now() - started), rssAddedMB: Math.round(rss() - before) }));
  void watcher.close();
});
