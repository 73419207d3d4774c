import assert from "node:assert/strict";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setImmediate as tick } from "node:timers/promises";
import { serialize } from "node:v8";
import { readFrame, writeFrame } from "../../plugin/team/cache/frame-file.js";
import { cacheDataOf, cacheFileOf, cacheFileParts } from "../../plugin/team/cache/parse-cache.js";
import { TeamStore, type StoreOptions } from "../../plugin/team/pipeline/team-store.js";
import type { TeamReport } from "../../plugin/team/check/team-report.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Rewrite the stored parse cache of `dir` as `change` says, in a whole frame: what anyone who can write the folder can do. */
function rewriteCache(dir: string, change: (stored: Record<string, unknown>) => Record<string, unknown>): void {
  const file = path.join(dir, ".cache", readdirSync(path.join(dir, ".cache"))[0] as string);
  const read = readFrame(file, file);
  assert.ok("payload" in read, "a whole cache");
  const stored = cacheFileOf(read.payload);
  assert.ok(stored, "a cache file's payload");
  assert.equal(writeFrame(file, file, cacheFileParts(change(stored.index as Record<string, unknown>), stored.data)), undefined);
}

/**
 * A team folder in a new temporary folder: the sample team, `jdoe.yml` with an error of its own
 * (`mentor: "yes"`), and `files` (paths below it, with their content).
 */
function teamWith(prefix: string, files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(path.join(root, "data/team_members"), path.join(dir, "team_members"), { recursive: true });
  cpSync(
    path.join(root, "test/fixtures/validate/mentor-yes/team_members/person/j/jdoe.yml"),
    path.join(dir, "team_members/person/j/jdoe.yml"),
  );
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** What a report says apart from the members: what `validate` prints. */
const said = (report: TeamReport): unknown => ({ summary: report.summary, diagnostics: report.diagnostics, roster: report.roster });

describe("a report without members (validate), from the parse cache", () => {
  let dir: string;
  before(async () => {
    // Every kind of rule across files and every count: an error of a file's own (`mentor: "yes"`),
    // a file that gives no member, a duplicate slug, a cycle, a dangling `reports_to`, mentors.
    dir = teamWith("mentor-report-only-", {
      "team_members/person/c/cone.yml": "name: Cy One\npicture: c.jpg\nreports_to: ctwo\nmentor: true\n",
      "team_members/person/c/ctwo.yml": "name: Cy Two\npicture: c.jpg\nreports_to: cone\n",
      "team_members/person/d/dangling.yml": "name: Dan Gling\npicture: d.jpg\nreports_to: nobody-here\n",
      "team_members/person/n/noname.yml": "picture: n.jpg\n",
      "team_members/robot/c/cone.yml": "name: Cy Robot\npicture: c.jpg\n",
    });
    // Stamps are trusted only for files older than the read by the clock's worst step (2 s).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const load = async (options: StoreOptions): Promise<{ store: TeamStore; report: TeamReport }> => {
    const store = new TeamStore(["team_members"], { cwd: dir, ...options });
    const report = await store.load();
    await tick(); // the cache is written just after the answer
    return { store, report };
  };

  it("says what a full load says, from files restored without their data", async () => {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    const { report: full } = await load({});
    const rules = new Set(full.diagnostics.map((d) => d.rule));
    for (const rule of ["mentor-not-boolean", "duplicate-slug", "reports-to-cycle", "reports-to-unknown"]) assert.ok(rules.has(rule), rule);
    assert.ok(full.summary.mentors > 0 && full.summary.rejected > 0, JSON.stringify(full.summary));

    const filled = await load({ cacheDir: ".cache", members: false });
    assert.deepEqual(said(filled.report), said(full));
    assert.deepEqual(filled.report.members, [], "members are counted, not built");
    // Without the report kept whole, each file's report is read from its entry.
    rewriteCache(dir, (stored) => ({ ...stored, report: null }));
    const { store, report } = await load({ cacheDir: ".cache", members: false });
    assert.deepEqual(store.lastLoad, { read: 0, unchanged: full.summary.files, readAhead: 0 });
    assert.deepEqual(said(report), said(full), "diagnostics of the rules across files placed from the files on disk");
  });

  it("keeps the whole report for a load that finds every file unchanged, and checks it as input", async () => {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    const { report: full } = await load({});
    await load({ cacheDir: ".cache", members: false });
    const kept = await load({ cacheDir: ".cache", members: false });
    assert.deepEqual(kept.store.lastLoad, { read: 0, unchanged: full.summary.files, readAhead: 0 });
    assert.deepEqual(said(kept.report), said(full));
    assert.deepEqual(kept.report.files, full.files);

    // A report of the right shape is what the cache says, as an entry is (README, Security): the
    // forged one is printed, which shows that this load made no report of its own.
    rewriteCache(dir, (stored) => {
      const report = stored.report as { diagnostics: unknown[] };
      return { ...stored, report: { ...report, diagnostics: report.diagnostics.slice(1) } };
    });
    const fooled = await load({ cacheDir: ".cache", members: false });
    assert.equal(fooled.report.diagnostics.length, full.diagnostics.length - 1);

    // The roster is kept packed: per line, the place of its file among the listed ones, a mentor
    // flag and `reports_to`.
    const twice = (r: Record<string, unknown>): Record<string, unknown> => {
      const lines = r.lines as Uint32Array;
      const joined = new Uint32Array(lines.length * 2 + 1);
      joined.set(lines);
      joined.set(lines, lines.length);
      return { lines: joined, mentors: new Uint8Array(joined.length), reportsTo: Array.from(joined, () => null) };
    };
    const forgeries: [string, (report: Record<string, unknown>) => Record<string, unknown>][] = [
      ["a diagnostic about a file not in the report", (r) => ({ ...r, diagnostics: [{ ...full.diagnostics[0], file: "elsewhere.yml" }] })],
      ["a diagnostic with a field no diagnostic has", (r) => ({ ...r, diagnostics: [{ ...full.diagnostics[0], html: "<b>" }] })],
      ["roster lines as objects, not packed", (r) => ({ ...r, lines: full.roster })],
      ["a roster line of a file not in the report", (r) => ({ ...r, lines: Uint32Array.from(r.lines as Uint32Array, () => 1e6) })],
      ["more roster lines than files", (r) => ({ ...r, ...twice(r) })],
      ["one file's roster line twice", (r) => ({ ...r, lines: (r.lines as Uint32Array).map(() => 0) })],
      ["a mentor flag other than 0 or 1", (r) => ({ ...r, mentors: (r.mentors as Uint8Array).map(() => 2) })],
      ["a `reports_to` that is not text", (r) => ({ ...r, reportsTo: (r.reportsTo as unknown[]).map(() => 42) })],
      ["lists of different lengths", (r) => ({ ...r, mentors: (r.mentors as Uint8Array).subarray(1) })],
      ["diagnostics that are not a list", (r) => ({ ...r, diagnostics: "none" })],
    ];
    for (const [what, forge] of forgeries) {
      rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
      await load({ cacheDir: ".cache", members: false });
      rewriteCache(dir, (stored) => ({ ...stored, report: forge(stored.report as Record<string, unknown>) }));
      const { report } = await load({ cacheDir: ".cache", members: false });
      assert.deepEqual(said(report), said(full), what);
      // The refused report is replaced by this load's: the next load answers with it.
      rewriteCache(dir, (stored) => {
        const kept = stored.report as { diagnostics: unknown[] };
        assert.deepEqual(kept.diagnostics, full.diagnostics, `${what}: the report is kept again`);
        return stored;
      });
    }
  });

  it("takes the files and the listing's problems from this load, never from the kept report", async () => {
    const linked = teamWith("mentor-report-link-", {});
    try {
      symlinkSync(path.join(linked, "team_members/person/j/jdoe.yml"), path.join(linked, "team_members/person/j/jlink.yml"));
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const store = (): TeamStore => new TeamStore(["team_members"], { cwd: linked, cacheDir: ".cache", members: false });
      const honest = await store().load();
      await tick();
      assert.ok(honest.diagnostics.some((d) => d.rule === "symlink"));
      // A forgery of the right shape claims no problem and no member.
      const none = { diagnostics: [], lines: new Uint32Array(), mentors: new Uint8Array(), reportsTo: [] };
      rewriteCache(linked, (stored) => ({ ...stored, report: { ...(stored.report as object), ...none } }));
      const forged = await store().load();
      assert.deepEqual(forged.files, honest.files, "every file listed is in the report");
      assert.deepEqual(
        forged.diagnostics.map((d) => d.rule),
        ["symlink"],
        "the listing's problem stands: the gate still fails",
      );
      assert.equal(forged.summary.errors, 1);
    } finally {
      rmSync(linked, { recursive: true, force: true });
    }
  });

  it("never reads the members' data back: a damaged data block changes nothing, and a build parses again", async () => {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    const { report: full } = await load({});
    await load({ cacheDir: ".cache", members: false });
    const file = path.join(dir, ".cache", readdirSync(path.join(dir, ".cache"))[0] as string);
    const read = readFrame(file, file);
    assert.ok("payload" in read);
    const stored = cacheFileOf(read.payload);
    assert.ok(stored && Array.isArray(cacheDataOf(stored.data)), "the data are one block after the index");
    // The report kept whole goes too, so that each file's report is read from its entry.
    const index = { ...(stored.index as Record<string, unknown>), report: null };
    assert.equal(writeFrame(file, file, cacheFileParts(index, serialize("not the data"))), undefined);

    const reportOnly = await load({ cacheDir: ".cache", members: false });
    assert.deepEqual(reportOnly.store.lastLoad, { read: 0, unchanged: full.summary.files, readAhead: 0 });
    assert.deepEqual(said(reportOnly.report), said(full));
    const build = await load({ cacheDir: ".cache" });
    assert.deepEqual(build.store.lastLoad, { read: full.summary.files, unchanged: 0, readAhead: 0 }, "every file parsed again");
    assert.deepEqual(build.report.members, full.members);
    assert.deepEqual(said(build.report), said(full));
  });

  it("reads the index alone for a report: a damaged data block changes nothing there; a build warns and parses again", async () => {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    const { report: full } = await load({});
    await load({ cacheDir: ".cache", members: false });
    const file = path.join(dir, ".cache", readdirSync(path.join(dir, ".cache"))[0] as string);
    // The last byte is the data block's: the frame's CRC no longer holds, the index's own does.
    const bytes = readFileSync(file);
    bytes.writeUInt8((bytes.at(-1) as number) ^ 0xff, bytes.length - 1);
    writeFileSync(file, bytes);

    const warnings: string[] = [];
    const warn = (message: string): number => warnings.push(message);
    const reportOnly = await load({ cacheDir: ".cache", members: false, warn });
    assert.deepEqual(reportOnly.store.lastLoad, { read: 0, unchanged: full.summary.files, readAhead: 0 });
    assert.deepEqual(said(reportOnly.report), said(full));
    assert.deepEqual(warnings, [], "the data block is not read: nothing to warn of");
    const build = await load({ cacheDir: ".cache", warn });
    assert.deepEqual(build.store.lastLoad, { read: full.summary.files, unchanged: 0, readAhead: 0 }, "every file parsed again");
    assert.deepEqual(build.report.members, full.members);
    assert.equal(warnings.length, 1);
    assert.match(warnings.join(), /^the parse cache \.cache\/team-\w+\.v8 is damaged .*; it is ignored and written again$/);

    // A byte of the index's head changed (past the frame's header and the lengths and CRCs of the
    // head and the lists): its own CRC tells, and a report reads every file again, with the same warning.
    await load({ cacheDir: ".cache", members: false });
    const again = readFileSync(file);
    again.writeUInt8((again[20 + 16 + 40] as number) ^ 0xff, 20 + 16 + 40);
    writeFileSync(file, again);
    warnings.length = 0;
    const afterIndex = await load({ cacheDir: ".cache", members: false, warn });
    assert.deepEqual(afterIndex.store.lastLoad, { read: full.summary.files, unchanged: 0, readAhead: 0 });
    assert.deepEqual(said(afterIndex.report), said(full));
    assert.equal(warnings.length, 1);
    assert.match(warnings.join(), /is damaged/);

    // A byte of the per-file lists changed: a report that finds every file where it stood does not
    // read them, and has nothing to warn of; a build does, warns once, and parses every file.
    await load({ cacheDir: ".cache", members: false });
    const lists = readFileSync(file);
    const listsAt = 20 + 16 + lists.readUInt32LE(20) + Math.floor(lists.readUInt32LE(20 + 8) / 2);
    lists.writeUInt8((lists[listsAt] as number) ^ 0xff, listsAt);
    writeFileSync(file, lists);
    warnings.length = 0;
    const stood = await load({ cacheDir: ".cache", members: false, warn });
    assert.deepEqual(stood.store.lastLoad, { read: 0, unchanged: full.summary.files, readAhead: 0 });
    assert.deepEqual(said(stood.report), said(full));
    assert.deepEqual(warnings, []);
    const rebuilt = await load({ cacheDir: ".cache", warn });
    assert.deepEqual(rebuilt.store.lastLoad, { read: full.summary.files, unchanged: 0, readAhead: 0 });
    assert.deepEqual(rebuilt.report.members, full.members);
    assert.equal(warnings.length, 1);
    assert.match(warnings.join(), /is damaged/);
  });

  it("keeps the data of files it did not read when one file changed, for the next build", async () => {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    await load({ cacheDir: ".cache", members: false });
    const changed = path.join(dir, "team_members/person/d/dangling.yml");
    writeFileSync(changed, "name: Dan Gling\npicture: d.jpg\nreports_to: cone\nmentor: true\n");
    try {
      const { report: full } = await load({});
      const { report } = await load({ cacheDir: ".cache", members: false });
      assert.deepEqual(said(report), said(full));
      const build = await load({ cacheDir: ".cache" });
      assert.equal(build.store.lastLoad.read, 1, "only the changed file is read (its stamp is too new)");
      assert.deepEqual(build.report.members, full.members);
    } finally {
      writeFileSync(changed, "name: Dan Gling\npicture: d.jpg\nreports_to: nobody-here\n");
    }
  });

  /** The cache of `dir` with its per-file lists unusable (its head, report and data as they are): what only a build needs. */
  const spoilLists = (): void => rewriteCache(dir, (stored) => ({ ...stored, shown: "not a list" }));
  const reportOnly = (): Promise<{ store: TeamStore; report: TeamReport }> => load({ cacheDir: ".cache", members: false });

  it("answers from where the files stand alone when none moved: the cache's per-file lists are not read", async () => {
    // A file the test before wrote back: its stamp is trusted once older than the clock's worst step.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    const { report: full } = await load({});
    await reportOnly();
    spoilLists();
    const kept = await reportOnly();
    assert.deepEqual(kept.store.lastLoad, { read: 0, unchanged: full.summary.files, readAhead: 0 });
    assert.deepEqual(said(kept.report), said(full));
    assert.deepEqual(kept.report.files, full.files);
    // The lists were unusable: a build reads every file.
    const build = await load({ cacheDir: ".cache" });
    assert.equal(build.store.lastLoad.read, full.summary.files);
  });

  it("finds a file whose stamp moved by its content, and keeps the new stamps for the next load", async () => {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    const { report: full } = await load({});
    await reportOnly();
    const touched = path.join(dir, "team_members/person/c/cone.yml");
    const before = statSync(touched);
    utimesSync(touched, before.atime, new Date(before.mtimeMs - 60_000));
    spoilLists();
    // Its stamp moved: the kept stamps do not hold, and without the lists every file is read.
    const looked = await reportOnly();
    assert.deepEqual(looked.store.lastLoad, { read: full.summary.files, unchanged: 0, readAhead: 0 });
    assert.deepEqual(said(looked.report), said(full));
    // Once its change is older than the clock's worst step, a load trusts the new stamp and keeps it.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await reportOnly();
    spoilLists();
    const kept = await reportOnly();
    assert.deepEqual(kept.store.lastLoad, { read: 0, unchanged: full.summary.files, readAhead: 0 });
    assert.deepEqual(said(kept.report), said(full));
  });

  it("makes a report again when a file changed under the same size and time, or a file came or went", async () => {
    const dangling = path.join(dir, "team_members/person/d/dangling.yml");
    const added = path.join(dir, "team_members/person/a/added.yml");
    const text = readFileSync(dangling, "utf8");
    // A time in whole seconds, which setting it again gives back exactly.
    const atime = Math.floor(Date.now() / 1000) - 60;
    const mtime = atime - 60;
    utimesSync(dangling, atime, mtime);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    await reportOnly();
    await reportOnly();
    try {
      // The same bytes' count and modification time; only the change time tells.
      writeFileSync(dangling, text.replace("reports_to: nobody-here", `reports_to: ctwo${" ".repeat(7)}`));
      utimesSync(dangling, atime, mtime);
      assert.equal(statSync(dangling).mtimeMs, mtime * 1000, "the same modification time");
      const mended = await reportOnly();
      assert.deepEqual(said(mended.report), said((await load({})).report));
      assert.ok(!mended.report.diagnostics.some((d) => d.file.endsWith("dangling.yml")), "its dangling `reports_to` is gone");
      writeFileSync(added, "name: Ad Ded\npicture: a.jpg\n");
      const more = await reportOnly();
      assert.deepEqual(said(more.report), said((await load({})).report));
      rmSync(added);
      const fewer = await reportOnly();
      assert.deepEqual(said(fewer.report), said((await load({})).report));
    } finally {
      writeFileSync(dangling, text);
      rmSync(added, { force: true });
    }
  });
});

describe("a report without members, checked on two threads", () => {
  let dir: string;
  before(() => {
    // The worker takes the files listed last: problems of every kind among them.
    dir = teamWith("mentor-report-worker-", {
      "team_members/person/z/zcycle.yml": "name: Zed Cycle\npicture: z.jpg\nreports_to: zcycle2\nmentor: true\n",
      "team_members/person/z/zcycle2.yml": "name: Zed Two\npicture: z.jpg\nreports_to: zcycle\n",
      "team_members/person/z/zdangling.yml": "name: Zed Gling\npicture: z.jpg\nreports_to: nobody-here\n",
      "team_members/person/z/znoname.yml": "picture: z.jpg\n",
      "team_members/person/z/zsyntax.yml": "name: [unclosed\n",
      "team_members/person/z/zbytes.yml": new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0x0a]),
      "team_members/person/z/zstory.yml": "name: Zed Story\npicture: z.jpg\nstory: 'line one\nline two'\n",
      "team_members/robot/z/zcycle.yml": "name: Zed Robot\npicture: z.jpg\n",
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("says what one thread says, and names every file in the same order", async () => {
    // The compiled store: its worker loads the module it is in, which must be JavaScript.
    const compiled = pathToFileURL(path.join(root, "dist/plugin/team/pipeline/team-store.js")).href;
    const { TeamStore: CompiledStore } = (await import(compiled)) as { TeamStore: typeof TeamStore };
    const one = await new CompiledStore(["team_members"], { cwd: dir, members: false, worker: false }).load();
    const store = new CompiledStore(["team_members"], { cwd: dir, members: false, worker: 1 });
    const two = await store.load();
    assert.ok(store.lastWorkerShare > 0.4 * one.files.length, `the worker checked ${store.lastWorkerShare} files`);
    const rules = new Set(one.diagnostics.map((d) => d.rule));
    for (const rule of ["mentor-not-boolean", "duplicate-slug", "reports-to-cycle", "reports-to-unknown", "yaml-syntax", "encoding"])
      assert.ok(rules.has(rule), `${rule} in ${[...rules].join(", ")}`);
    assert.deepEqual(two.files, one.files);
    assert.deepEqual(said(two), said(one));
  });
});
