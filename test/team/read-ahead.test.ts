import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { TeamStore as SourceStore, StoreOptions } from "../../plugin/team/pipeline/team-store.js";
import type { TeamReport } from "../../plugin/team/check/team-report.js";
import { addMembers, requireBuiltCli } from "../faults/helpers.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");

// What a load says and builds, whichever thread read the files.
const said = (report: TeamReport): unknown => ({
  files: report.files,
  summary: report.summary,
  diagnostics: report.diagnostics,
  roster: report.roster,
  members: report.members,
});

/**
 * A build's first load sharing the reading with a worker thread (`readAhead`): the same report and
 * members as reading every file on one thread, files of every kind the worker leaves alone included.
 */
describe("team files read ahead on a second thread", () => {
  let dir: string;
  let madeAt = 0;
  // The compiled store: its worker's file is JavaScript beside it.
  let TeamStore: typeof SourceStore;

  before(async function () {
    requireBuiltCli();
    const compiled = pathToFileURL(path.join(root, "dist/plugin/team/pipeline/team-store.js")).href;
    ({ TeamStore } = (await import(compiled)) as { TeamStore: typeof SourceStore });
    dir = mkdtempSync(path.join(tmpdir(), "mentor-read-ahead-"));
    cpSync(path.join(root, "data/team_members"), path.join(dir, "team_members"), { recursive: true });
    const person = (name: string): string => path.join(dir, "team_members/person/z", name);
    mkdirSync(path.dirname(person("x")), { recursive: true });
    // Each of these is read (and refused, or not) by the main thread, never by the worker.
    writeFileSync(person("zlong.yml"), `name: Zed Long\npicture: z.jpg\nstory: ${"long text ".repeat(8000)}\n`);
    writeFileSync(person("zlarge.yml"), `name: Zed Large\npicture: z.jpg\nstory: ${"x".repeat(3000)}\n`);
    writeFileSync(person("zempty.yml"), "");
    writeFileSync(person("zbytes.yml"), new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0x0a]));
    symlinkSync(path.join(dir, "team_members/person/b/bmwangi.yml"), person("zlink.yml"));
    execFileSync("mkfifo", [person("zpipe.yml")]);
    madeAt = Date.now();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // The worker starts with the store; a build's first load comes a while later (Eleventy's own
  // start), and this thread takes only what the worker has sent by then, never waiting for it.
  const load = async (options: StoreOptions): Promise<{ store: SourceStore; report: TeamReport }> => {
    const store = new TeamStore(["team_members"], { cwd: dir, maxFileBytes: 2048, ...options });
    if (options.readAhead) await new Promise((resolve) => setTimeout(resolve, 1000));
    return { store, report: await store.load() };
  };

  it("builds what one thread builds, and says the same of every file", async () => {
    const { report: alone } = await load({});
    const { store, report } = await load({ readAhead: 1 });
    const files = alone.summary.files;
    assert.ok(files > 20, `${files} files`);
    // Files too long for one read, over the limit or empty are left to this thread (a link and a pipe
    // are not read at all); bytes that are not UTF-8 are read ahead, and parsed here as any other.
    assert.ok(store.lastLoad.readAhead > 0 && store.lastLoad.readAhead <= store.lastLoad.read - 3, JSON.stringify(store.lastLoad));
    assert.deepEqual(said(report), said(alone));
    const rules = new Set(alone.diagnostics.map((d) => d.rule));
    for (const rule of ["file-too-large", "symlink", "not-a-file", "encoding"])
      assert.ok(rules.has(rule), `${rule} in ${[...rules].join(", ")}`);
  });

  it("gives the parse cache the stamps one thread gives it, and asks only where files stand when the cache can answer", async () => {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    // A stamp read within two seconds of a file's times is not trusted (see `ParseCache`).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, madeAt + 2500 - Date.now())));
    const first = await load({ readAhead: 1, cacheDir: ".cache" });
    assert.ok(first.store.lastLoad.readAhead > 0, JSON.stringify(first.store.lastLoad));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the cache is written after the answer
    assert.ok(
      readdirSync(path.join(dir, ".cache")).some((f) => f.startsWith("team-")),
      "the cache was written",
    );
    // With a cache file to read, the worker only asks where each file stands: every file stamped by
    // the read ahead is unchanged by the stamp the worker gives, and is not read again.
    const second = await load({ readAhead: 1, cacheDir: ".cache" });
    const alone = await load({ cacheDir: ".cache" });
    const { read, unchanged, readAhead } = second.store.lastLoad;
    assert.deepEqual({ read, unchanged }, { read: alone.store.lastLoad.read, unchanged: alone.store.lastLoad.unchanged });
    assert.ok(unchanged > 40, JSON.stringify({ first: first.store.lastLoad, second: second.store.lastLoad }));
    assert.ok(readAhead >= unchanged, `${readAhead} stamps from the worker`);
    assert.deepEqual(said(second.report), said(first.report));
  });

  it("is never started for a report without members, with a parse cache or without one", async () => {
    rmSync(path.join(dir, ".cache-report"), { recursive: true, force: true });
    const report = (options: StoreOptions) => load({ members: false, cacheDir: ".cache-report", ...options });
    const uncached = await report({ readAhead: 1 });
    assert.equal(uncached.store.lastLoad.readAhead, 0, "without a cache file, the check worker shares the files");
    await new Promise((resolve) => setTimeout(resolve, 100)); // the cache is written after the answer
    const kept = await report({ readAhead: 1 });
    const alone = await report({});
    assert.equal(kept.store.lastLoad.readAhead, 0, "with one, where each file stands is asked on this thread");
    assert.equal(kept.store.lastLoad.unchanged, alone.store.lastLoad.unchanged);
    assert.deepEqual(said(kept.report), said(alone.report));
    assert.deepEqual(said(kept.report), said(uncached.report));
  });

  it("reads a team of many batches, the buffers of batches parsed handed back to be filled again", async () => {
    const many = mkdtempSync(path.join(tmpdir(), "mentor-read-ahead-many-"));
    try {
      addMembers(many, 1500);
      const options = { cwd: many };
      const alone = await new TeamStore(["team_members"], options).load();
      const store = new TeamStore(["team_members"], { ...options, readAhead: 1 });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const report = await store.load();
      assert.ok(store.lastLoad.readAhead > 1000, JSON.stringify(store.lastLoad));
      assert.deepEqual(said(report), said(alone));
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  });

  it("reads nothing ahead for fewer files than it is told to wait for, and only in a first full load", async () => {
    const few = await load({ readAhead: 10_000 });
    assert.equal(few.store.lastLoad.readAhead, 0);
    const { store } = await load({ readAhead: 1 });
    assert.ok(store.lastLoad.readAhead > 0);
    await store.load(["team_members/person/b/bmwangi.yml"]);
    assert.equal(store.lastLoad.readAhead, 0, "a watch-mode load reads what changed itself");
  });
});
