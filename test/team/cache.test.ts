import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setImmediate as tick } from "node:timers/promises";
import { cacheDataOf, cacheFileOf, cacheFileParts, ParseCache } from "../../plugin/team/cache/parse-cache.js";
import { TeamStore } from "../../plugin/team/pipeline/team-store.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("the parse cache", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-cache-"));
    cpSync(path.join(root, "data/team_members"), path.join(dir, "team_members"), { recursive: true });
    cpSync(
      path.join(root, "test/fixtures/validate/mentor-yes/team_members/person/j/jdoe.yml"),
      path.join(dir, "team_members/person/j/jdoe.yml"),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = async (): Promise<Awaited<ReturnType<TeamStore["load"]>>> => {
    const report = await new TeamStore(["team_members"], { cwd: dir, cacheDir: ".cache" }).load();
    await tick(); // the cache is written just after the answer
    return report;
  };

  it("gives the same report from the cache as from parsing, positions included", async () => {
    const fresh = await load();
    assert.equal(readdirSync(path.join(dir, ".cache")).length, 1, "one cache file written");
    const warm = await load();
    assert.deepEqual(warm.summary, fresh.summary);
    assert.deepEqual(warm.diagnostics, fresh.diagnostics);
    assert.deepEqual(warm.members, fresh.members);
    assert.ok(warm.diagnostics.some((d) => d.rule === "mentor-not-boolean" && d.line === 3 && d.column === 9));
  });

  it("reads no file that its stamps show unchanged, and gives the same report", async () => {
    // Stamps are trusted only for files older than the read by the clock's worst step (2 s).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const store = (): TeamStore => new TeamStore(["team_members"], { cwd: dir, cacheDir: ".cache" });
    const first = store();
    const fresh = await first.load();
    await tick();
    const files = fresh.summary.files;
    assert.deepEqual(first.lastLoad, { read: files, unchanged: 0, readAhead: 0 });
    const second = store();
    const warm = await second.load();
    assert.deepEqual(second.lastLoad, { read: 0, unchanged: files, readAhead: 0 });
    assert.deepEqual(warm.diagnostics, fresh.diagnostics, "positions are read from the file when asked");
    assert.deepEqual(warm.members, fresh.members);
  });

  it("keeps values JSON cannot hold (.nan, .inf, -0) by parsing such a file again", async () => {
    const file = path.join(dir, "team_members/person/n/nnumbers.yml");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "name: Nan Numbers\npicture: n.jpg\nprojects:\n  a: .nan\n  b: -.inf\n  c: -0.0\n");
    const fresh = await load();
    const warm = await load();
    const projects = (report: typeof fresh): unknown => report.members.find((m) => m.slug === "nnumbers")?.data.projects;
    assert.deepEqual(projects(warm), { a: Number.NaN, b: -Infinity, c: -0 });
    assert.ok(Object.is((projects(warm) as { c: number }).c, -0));
    assert.deepEqual(warm.diagnostics, fresh.diagnostics);
  });

  it("does not write the entry of a file whose aliases share values (a check would refuse it), and loads it the same", async () => {
    const file = path.join(dir, "team_members/person/a/aalias.yml");
    writeFileSync(file, "name: Al Alias\npicture: a.jpg\nhobbies: &both [chess, go]\nweekend: *both\n");
    const fresh = await load();
    const warm = await load();
    const member = (report: typeof fresh): unknown => report.members.find((m) => m.slug === "aalias")?.data;
    assert.deepEqual(member(warm), member(fresh));
    assert.deepEqual((member(warm) as { weekend: unknown }).weekend, ["chess", "go"]);
    assert.deepEqual(warm.diagnostics, fresh.diagnostics);
    const [name] = readdirSync(path.join(dir, ".cache"));
    const cached = cacheFileOf(readFileSync(path.join(dir, ".cache", name as string)).subarray(20));
    const stored = cached?.index as { keys: string[] };
    assert.equal(stored.keys.length, fresh.summary.files - 1, "every file but the one with aliases has an entry");
    assert.ok(!(cacheDataOf(cached?.data ?? new Uint8Array()) ?? []).some((data) => (data as { name?: unknown }).name === "Al Alias"));
  });

  it("writes the entries' data a chunk at a time and reads them back as one list; a cut block is no list", () => {
    const data = Array.from({ length: 2_500 }, (_, i) => ({ name: `Member ${i}`, departments: ["Engineering"], mentor: i % 7 === 0 }));
    const parts: Uint8Array[] = [];
    cacheFileParts({ an: "index" }, data)((bytes) => parts.push(Buffer.from(bytes)));
    assert.equal(parts.length, 3 + 2 * 3, "the lengths, the index's head and its per-file lists, then three chunks each after its length");
    const file = cacheFileOf(Buffer.concat(parts));
    assert.ok(file);
    assert.deepEqual(file.index, { an: "index" });
    assert.deepEqual(cacheDataOf(file.data), data);
    assert.equal(cacheDataOf(file.data.subarray(0, -1)), undefined);
    assert.deepEqual(cacheDataOf(new Uint8Array()), [], "no entries: an empty block");
  });

  it("misses for a file whose content changed", async () => {
    await load();
    writeFileSync(path.join(dir, "team_members/person/j/jdoe.yml"), "name: Jane Doe\npicture: jdoe.jpg\nmentor: true\n");
    const warm = await load();
    assert.ok(!warm.diagnostics.some((d) => d.rule === "mentor-not-boolean"));
    assert.ok(warm.members.find((m) => m.slug === "jdoe")?.mentor);
  });

  it("ignores a damaged cache file", async () => {
    await load();
    const [file] = readdirSync(path.join(dir, ".cache"));
    writeFileSync(path.join(dir, ".cache", file as string), "not a cache");
    const report = await load();
    assert.equal(report.summary.errors, 1);
  });
});

describe("the parse cache's file stamps", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-stamp-"));
    file = path.join(dir, "jdoe.yml");
    writeFileSync(file, "name: Jane Doe\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const later = (): number => Date.now() + 60_000;

  /** The cache of the next build, after this one stamped `file`. */
  const stamped = (readAt: number): ParseCache => {
    const cache = new ParseCache(path.join(dir, ".cache"), "k");
    cache.stamp(file, "jdoe.yml", statSync(file), "content-key", readAt);
    cache.save();
    return new ParseCache(path.join(dir, ".cache"), "k");
  };

  it("skips the read of a file whose inode, size and times are those it had when read", () => {
    const cache = stamped(later());
    assert.equal(cache.keyOf(file, "jdoe.yml", statSync(file)), "content-key");
    assert.equal(cache.keyOf(file, "other/jdoe.yml", statSync(file)), undefined, "shown under another path");
  });

  it("reads again a file whose inode, size or either time differs", () => {
    const cache = stamped(later());
    const { ino, size, mtimeMs, ctimeMs } = statSync(file);
    const same = { ino, size, mtimeMs, ctimeMs };
    assert.equal(cache.keyOf(file, "jdoe.yml", same), "content-key");
    // Changing the content always moves the change time, even when a tool puts the old
    // modification time back (`touch -d`, `cp -p`).
    for (const changed of [{ ino: ino + 1 }, { size: size + 1 }, { mtimeMs: mtimeMs + 1 }, { ctimeMs: ctimeMs + 1 }]) {
      assert.equal(cache.keyOf(file, "jdoe.yml", { ...same, ...changed }), undefined, JSON.stringify(changed));
    }
  });

  it("does not trust times too close to the read: the file may change again within the clock's step", () => {
    const cache = stamped(Date.now());
    assert.equal(cache.keyOf(file, "jdoe.yml", statSync(file)), undefined);
  });

  it("trusts a stamp once a later read finds the same file, its times now old enough", () => {
    const racy = stamped(Date.now());
    assert.equal(racy.keyOf(file, "jdoe.yml", statSync(file)), undefined);
    // The next build reads the file again (same content, same times) a while later.
    racy.stamp(file, "jdoe.yml", statSync(file), "content-key", later());
    racy.save();
    assert.equal(new ParseCache(path.join(dir, ".cache"), "k").keyOf(file, "jdoe.yml", statSync(file)), "content-key");
  });

  it("keeps the stamps across builds", () => {
    const first = new ParseCache(path.join(dir, ".cache"), "k");
    first.stamp(file, "jdoe.yml", statSync(file), "content-key", later());
    first.set("content-key", { data: { name: "Jane Doe" }, diagnostics: [], own: [], roster: { mentor: false } }, "jdoe.yml", 15);
    first.save();
    const second = new ParseCache(path.join(dir, ".cache"), "k");
    assert.equal(second.keyOf(file, "jdoe.yml", statSync(file)), "content-key");
    assert.deepEqual(second.get("content-key", "jdoe.yml", 15)?.data, { name: "Jane Doe" });
  });

  it("sees a same-size edit made right after a build", async () => {
    const team = path.join(dir, "team_members", "person", "j");
    mkdirSync(team, { recursive: true });
    writeFileSync(path.join(team, "jdoe.yml"), "name: Jane Doe\nmentor: true\n");
    const load = async () => {
      const report = await new TeamStore(["team_members"], { cwd: dir, cacheDir: ".cache" }).load();
      await tick();
      return report;
    };
    assert.equal((await load()).members[0]?.name, "Jane Doe");
    writeFileSync(path.join(team, "jdoe.yml"), "name: Jane Dot\nmentor: true\n");
    assert.equal((await load()).members[0]?.name, "Jane Dot");
  });
});
