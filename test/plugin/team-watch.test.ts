import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BuildRequest, FolderWatch, settleMs } from "../../plugin/eleventy/team-watch.js";

/** What `FolderWatch` reports, and a wait for its next report (rejecting after `ms`: a missed event). */
function recorder(): { seen: string[]; next: (ms?: number) => Promise<string> } {
  const seen: string[] = [];
  const next = async (ms = 5_000): Promise<string> => {
    const start = seen.length;
    const end = Date.now() + ms;
    while (seen.length === start) {
      if (Date.now() > end) throw new Error("no deletion reported");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return seen[start] as string;
  };
  return { seen, next };
}

/** Wait until `done()`, polling; rejects after `ms`. */
async function until(done: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("watching the team folder for deletions", () => {
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
    watch = new FolderWatch(dir, (file) => r.seen.push(file));
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
    watch = new FolderWatch(dir, (file) => r.seen.push(file));
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
    watch = new FolderWatch(dir, (file) => r.seen.push(file));
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
    assert.match(
      problem ?? "",
      /deleted team files are not seen in watch mode: .*abrandt\.yml cannot hold .*ENOTDIR.*save any file to rebuild/,
    );
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
});
