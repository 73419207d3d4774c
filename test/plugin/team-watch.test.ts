import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BuildRequest, FolderWatch, settleMs, watcherPolls, watchTeamFolder, type FolderEvent } from "../../plugin/eleventy/team-watch.js";

/**
 * What `FolderWatch` reports of one kind (`gone` unless told), and a wait for its next report
 * (rejecting after `ms`: a missed event).
 */
function recorder(kind: FolderEvent = "gone"): {
  seen: string[];
  next: (ms?: number) => Promise<string>;
  on: (file: string, event: FolderEvent) => void;
} {
  const seen: string[] = [];
  const on = (file: string, event: FolderEvent): void => {
    if (event === kind) seen.push(file);
  };
  const next = async (ms = 5_000): Promise<string> => {
    const start = seen.length;
    const end = Date.now() + ms;
    while (seen.length === start) {
      if (Date.now() > end) throw new Error(`nothing ${kind} reported`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return seen[start] as string;
  };
  return { seen, next, on };
}

/** Wait until `done()`, polling; rejects after `ms`. */
async function until(done: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("watching the team folder", () => {
  let dir: string;
  let watch: FolderWatch | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-team-watch-"));
    mkdirSync(path.join(dir, "person/a"), { recursive: true });
    writeFileSync(path.join(dir, "person/a/abrandt.yml"), "name: A\n");
    writeFileSync(path.join(dir, "person/a/notes.txt"), "not a team file\n");
  });
  afterEach(() => {
    watch?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports a deleted team file, and not files of other kinds, saved or deleted", async () => {
    const r = recorder();
    watch = new FolderWatch(dir, r.on);
    watch.refresh();
    assert.equal(watch.folders, 3, "the folder and the two below it");
    // One folder's events come in order: the first report, if any, would be about these two.
    rmSync(path.join(dir, "person/a/notes.txt"));
    writeFileSync(path.join(dir, "person/a/abrandt.yml"), "name: A B\n");
    rmSync(path.join(dir, "person/a/abrandt.yml"));
    assert.equal(await r.next(), path.join(dir, "person/a/abrandt.yml"));
    // A deletion may come as two events (its link count, then its name): both say the same.
    assert.deepEqual([...new Set(r.seen)], [path.join(dir, "person/a/abrandt.yml")]);
  });

  it("reports a file moved out, a folder removed, and files deleted in a folder made since", async () => {
    const r = recorder();
    watch = new FolderWatch(dir, r.on);
    watch.refresh();
    renameSync(path.join(dir, "person/a/abrandt.yml"), path.join(dir, "abrandt.yml.bak"));
    assert.equal(await r.next(), path.join(dir, "person/a/abrandt.yml"));
    mkdirSync(path.join(dir, "person/b"));
    writeFileSync(path.join(dir, "person/b/bmwangi.yml"), "name: B\n");
    await until(() => watch?.folders === 4, "the new folder is watched");
    rmSync(path.join(dir, "person/b/bmwangi.yml"));
    assert.equal(await r.next(), path.join(dir, "person/b/bmwangi.yml"));
    rmSync(path.join(dir, "person/a"), { recursive: true });
    await until(() => r.seen.includes(path.join(dir, "person/a")), "the folder's removal reported");
    assert.equal(watch.folders, 3, "the folder removed is no longer watched");
  });

  it("watches a removed folder again once it is back, at the next refresh", async () => {
    const r = recorder();
    watch = new FolderWatch(dir, r.on);
    watch.refresh();
    rmSync(path.join(dir, "person"), { recursive: true });
    await until(() => watch?.folders === 1, "the folders removed are no longer watched");
    assert.ok(r.seen.includes(path.join(dir, "person")), r.seen.join(", "));
    mkdirSync(path.join(dir, "person/a"), { recursive: true });
    writeFileSync(path.join(dir, "person/a/abrandt.yml"), "name: A\n");
    watch.refresh();
    assert.equal(watch.folders, 3);
    rmSync(path.join(dir, "person/a/abrandt.yml"));
    assert.equal(await r.next(), path.join(dir, "person/a/abrandt.yml"));
  });

  it("reports a team file saved or added and a folder made, and not files of other kinds", async () => {
    const r = recorder("saved");
    watch = new FolderWatch(dir, r.on);
    watch.refresh();
    writeFileSync(path.join(dir, "person/a/notes.txt"), "still not a team file\n");
    writeFileSync(path.join(dir, "person/a/abrandt.yml"), "name: A B\n");
    assert.equal(await r.next(), path.join(dir, "person/a/abrandt.yml"));
    mkdirSync(path.join(dir, "person/b"));
    assert.equal(await r.next(), path.join(dir, "person/b"));
    await until(() => watch?.folders === 4, "the new folder is watched");
    writeFileSync(path.join(dir, "person/b/bmwangi.yaml"), "name: B\n");
    await until(() => r.seen.includes(path.join(dir, "person/b/bmwangi.yaml")), "the new file reported");
    assert.ok(!r.seen.some((file) => file.endsWith(".txt")), r.seen.join(", "));
  });

  it("a refresh while the team folder is gone looks for it again at the next one", async () => {
    const r = recorder();
    watch = new FolderWatch(dir, r.on);
    watch.refresh();
    rmSync(dir, { recursive: true });
    await until(() => watch?.folders === 0, "nothing left to watch");
    watch.refresh();
    assert.equal(watch.folders, 0);
    mkdirSync(path.join(dir, "person/a"), { recursive: true });
    watch.refresh();
    assert.equal(watch.folders, 3);
  });

  it("a watch closed watches every folder again at its next refresh", () => {
    const r = recorder();
    watch = new FolderWatch(dir, r.on);
    watch.refresh();
    assert.equal(watch.folders, 3);
    watch.close();
    assert.equal(watch.folders, 0);
    mkdirSync(path.join(dir, "person/c"));
    watch.refresh();
    assert.equal(watch.folders, 4);
  });

  it("a build request: nothing made until prepared; a private folder; each request changes the file; removed at the end", () => {
    const request = new BuildRequest(dir);
    assert.ok(!existsSync(path.dirname(request.file)));
    request.request(); // before `prepare`: nothing to write to
    assert.ok(!existsSync(path.dirname(request.file)));
    assert.equal(request.prepare(), undefined);
    const before = readFileSync(request.file, "utf8");
    request.request();
    assert.notEqual(readFileSync(request.file, "utf8"), before);
    request.remove();
    assert.ok(!existsSync(path.dirname(request.file)));
  });

  it("a build request that cannot make its folder says so once, naming the folder and the cause", () => {
    const notAFolder = path.join(dir, "person/a/abrandt.yml");
    const request = new BuildRequest(notAFolder);
    const problem = request.prepare();
    assert.match(problem ?? "", /abrandt\.yml cannot hold the plugin's file \(.*ENOTDIR.*\)$/);
    assert.equal(request.prepare(), undefined, "said once");
    request.request(); // nothing to write to, and no error
  });

  it("removes the folder of a build request whose process is gone, never a running one's", () => {
    const dead = path.join(dir, "mentor-directory-999999999-00ff");
    const running = path.join(dir, `mentor-directory-${process.ppid}-00ff`);
    const other = path.join(dir, "mentor-directory-notes");
    for (const folder of [dead, running, other]) mkdirSync(folder);
    const request = new BuildRequest(dir);
    assert.equal(request.prepare(), undefined);
    const left = readdirSync(dir).sort();
    request.remove();
    assert.deepEqual(left, [path.basename(path.dirname(request.file)), path.basename(running), path.basename(other), "person"].sort());
  });

  it("waits, before asking for a build, as long as Eleventy's watcher may take to start one of its own", () => {
    assert.equal(settleMs({}, 0), 150 + 25 + 100, "Eleventy's own wait for a file to settle");
    assert.equal(settleMs({ awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 } }, 0), 30 + 10 + 100);
    assert.equal(settleMs({ awaitWriteFinish: true }, 0), 2_000 + 100 + 100, "chokidar's defaults");
    assert.equal(settleMs({ awaitWriteFinish: false }, 250), 250 + 100, "no wait for writes; the throttle");
    assert.equal(settleMs(undefined, "x"), 150 + 25 + 100, "values that are not times are Eleventy's defaults");
  });

  /** `watchTeamFolder` registered on a configuration that records what it is given, started as a watch build starts it. */
  function registered(chokidarConfig: unknown): {
    targets: string[];
    handlers: Map<string, (arg: unknown) => unknown>;
    team: ReturnType<typeof watchTeamFolder>;
    warnings: string[];
    said: string[];
  } {
    const targets: string[] = [];
    const handlers = new Map<string, (arg: unknown) => unknown>();
    const warnings: string[] = [];
    const said: string[] = [];
    const config = { addWatchTarget: (target: string) => targets.push(target), on: handlers.set.bind(handlers), chokidarConfig };
    const team = watchTeamFolder(config, dir, { warn: (message) => warnings.push(message), force: (message) => said.push(message) });
    handlers.get("eleventy.before")?.({ runMode: "watch" });
    return { targets, handlers, team, warnings, said };
  }

  it("watches the team folder itself: Eleventy watches only the plugin's file, told of each save", async () => {
    const { targets, handlers, team, warnings, said } = registered({ awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 } });
    try {
      assert.equal(targets.length, 1, targets.join(", "));
      assert.ok(!targets.includes(dir));
      const request = targets[0] as string;
      const before = readFileSync(request, "utf8");
      writeFileSync(path.join(dir, "person/a/abrandt.yml"), "name: A B\n");
      await until(() => readFileSync(request, "utf8") !== before, "a build asked for");
      assert.deepEqual(team.takeChanged(), [path.join(dir, "person/a/abrandt.yml")]);
      assert.deepEqual(team.takeChanged(), [], "taken once");
      rmSync(path.join(dir, "person/a/abrandt.yml"));
      const asked = readFileSync(request, "utf8");
      await until(() => readFileSync(request, "utf8") !== asked, "a build asked for the deletion");
      assert.deepEqual(team.takeChanged(), [], "a deletion is the listing's to see");
      assert.deepEqual(warnings, []);
      // Each path once per kind; outside the working directory, named in full.
      const shown = path.join(dir, "person/a/abrandt.yml");
      assert.deepEqual([...new Set(said)], [`File changed: ${shown}`, `File deleted: ${shown}`]);
      assert.equal(said.length, 2, said.join("\n"));
    } finally {
      handlers.get("eleventy.reset")?.(undefined);
    }
  });

  it("leaves the team folder to a watcher that polls, and adds the deletions", async () => {
    const { targets, handlers, team, said } = registered({ usePolling: true, awaitWriteFinish: false });
    try {
      assert.deepEqual(targets.slice(0, 1), [dir]);
      const request = targets[1] as string;
      const before = readFileSync(request, "utf8");
      writeFileSync(path.join(dir, "person/a/abrandt.yml"), "name: A B\n");
      rmSync(path.join(dir, "person/a/abrandt.yml"));
      await until(() => readFileSync(request, "utf8") !== before, "a build asked for the deletion");
      assert.deepEqual(team.takeChanged(), [], "saves are Eleventy's to name");
      assert.deepEqual(said, [], "and Eleventy's watcher names what it saw");
    } finally {
      handlers.get("eleventy.reset")?.(undefined);
    }
  });

  it("tells a watcher that polls by CHOKIDAR_USEPOLLING first, as chokidar does, then by the site's option", () => {
    assert.equal(watcherPolls({ usePolling: true }, {}), true);
    assert.equal(watcherPolls({ usePolling: "yes" }, {}), false, "only true polls");
    assert.equal(watcherPolls(undefined, {}), false);
    assert.equal(watcherPolls({ usePolling: true }, { CHOKIDAR_USEPOLLING: "false" }), false);
    assert.equal(watcherPolls({ usePolling: true }, { CHOKIDAR_USEPOLLING: "0" }), false);
    assert.equal(watcherPolls({}, { CHOKIDAR_USEPOLLING: "1" }), true);
    assert.equal(watcherPolls({}, { CHOKIDAR_USEPOLLING: "True" }), true);
  });
});
