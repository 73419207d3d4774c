import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { serialize } from "node:v8";
import { readFrame, writeFrame } from "../../plugin/team/cache/frame-file.js";
import { cacheFileOf, cacheFileParts } from "../../plugin/team/cache/parse-cache.js";
import {
  addMembers,
  assertSameAsFresh,
  cacheFile,
  loadTeam,
  requireBuiltCli,
  root,
  runCli,
  seeded,
  startCli,
  stderrLines,
  Tally,
  teamFolder,
  visible,
  type Run,
} from "./helpers.js";

/** Header of a cache file: tag (8 bytes), payload length (8), CRC-32 (4). */
const HEADER_BYTES = 20;

describe("faults: the parse cache never changes a result", function () {
  let dir: string;
  let fresh: unknown;
  let files: number;

  before(async function () {
    requireBuiltCli();
    dir = teamFolder("mentor-faults-cache-");
    // File stamps are trusted only for files older than the read by the clock's step (2 s):
    // then a warm load reads no file at all, and everything it says comes from the cache.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const { report } = await loadTeam(dir);
    fresh = visible(report);
    files = report.summary.files;
    assert.ok(report.summary.errors > 0 && report.summary.warnings > 0, "the team has errors and warnings to lose");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A load with the cache in `.cache` must give the fresh report, with at most one warning. */
  const survives = async (tally: Tally, what: string): Promise<void> => {
    const { report, warnings } = await loadTeam(dir, ".cache");
    tally.record(true, isDeepStrictEqual(visible(report), fresh));
    assert.deepEqual(visible(report), fresh, `${what}: the report is a fresh build's`);
    assert.ok(warnings.length <= 1, `${what}: ${warnings.length} warnings`);
  };

  it("uses a whole cache: no file is read, and the report is the fresh one", async () => {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    await loadTeam(dir, ".cache");
    const { report, store, warnings } = await loadTeam(dir, ".cache");
    assert.deepEqual(store.lastLoad, { read: 0, unchanged: files, readAhead: 0 });
    assert.deepEqual(visible(report), fresh);
    assert.deepEqual(warnings, []);
  });

  it("ignores a cache with a byte changed at seeded offsets, or cut at seeded lengths, and writes a whole one again", async () => {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    await loadTeam(dir, ".cache");
    const file = cacheFile(path.join(dir, ".cache"));
    const whole = readFileSync(file);
    const random = seeded(Number(process.env.FAULT_SEED ?? 16));
    const offsets = [
      ...Array.from({ length: HEADER_BYTES }, (_, i) => i),
      ...Array.from({ length: 40 }, () => HEADER_BYTES + random(whole.length - HEADER_BYTES)),
    ];
    const lengths = [0, 1, 7, 8, 19, 20, 21, whole.length - 1, ...Array.from({ length: 20 }, () => random(whole.length))];
    const tally = new Tally("damaged cache files");
    const cases: [string, Buffer][] = [
      ...offsets.map((at): [string, Buffer] => {
        const bytes = Buffer.from(whole);
        bytes[at] = (bytes[at] as number) ^ (1 + random(255));
        return [`byte ${at} of ${whole.length} changed`, bytes];
      }),
      ...lengths.map((length): [string, Buffer] => [`cut to ${length} of ${whole.length} bytes`, whole.subarray(0, length)]),
    ];
    for (const [what, bytes] of cases) {
      writeFileSync(file, bytes);
      await survives(tally, what);
      // What it left is a whole cache again, used in full by the next build.
      const next = await loadTeam(dir, ".cache");
      assert.deepEqual(next.store.lastLoad, { read: 0, unchanged: files, readAhead: 0 }, `${what}: the cache written afterwards is whole`);
    }
    tally.print();
    assert.equal(tally.equal, cases.length);
  });

  it("does not use a cache of another version, of another folder, or in an older format, and says nothing", async () => {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    await loadTeam(dir, ".cache");
    const file = cacheFile(path.join(dir, ".cache"));
    const read = readFrame(file, file);
    assert.ok("payload" in read);
    const parts = cacheFileOf(read.payload);
    assert.ok(parts);
    const stored = parts.index as Record<string, unknown>;
    const other = teamFolder("mentor-faults-other-");
    try {
      // Another folder's cache under this folder's name (a cache folder copied between checkouts).
      await loadTeam(other, ".cache");
      const otherFile = cacheFile(path.join(other, ".cache"));
      const tally = new Tally("caches of another kind");
      const cases: [string, () => void][] = [
        [
          "another version",
          () => assert.equal(writeFrame(file, file, cacheFileParts({ ...stored, salt: "another version" }, parts.data)), undefined),
        ],
        ["another folder", () => cpSync(otherFile, file)],
        ["the format before frames", () => writeFileSync(file, serialize(stored))],
        [
          "the frame of the version before, whose index had no CRC of its own",
          () => {
            const previous = Buffer.from(readFileSync(file));
            previous.write("MDTEAM\0\u0006", "latin1");
            writeFileSync(file, previous);
          },
        ],
        [
          "the format before the data followed the index",
          () => assert.equal(writeFrame(file, file, serialize({ ...stored, data: parts.data })), undefined),
        ],
      ];
      for (const [what, make] of cases) {
        make();
        const { report, store, warnings } = await loadTeam(dir, ".cache");
        tally.record(true, isDeepStrictEqual(visible(report), fresh));
        assert.deepEqual(visible(report), fresh, what);
        assert.equal(store.lastLoad.unchanged, 0, `${what}: nothing of it is used`);
        assert.deepEqual(warnings, [], what);
      }
      tally.print();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("ignores with one warning a cache it cannot read: a folder, a pipe or a link in its place", async function () {
    rmSync(path.join(dir, ".cache"), { recursive: true, force: true });
    await loadTeam(dir, ".cache");
    const file = cacheFile(path.join(dir, ".cache"));
    const shown = path.relative(dir, file);
    const elsewhere = path.join(dir, "elsewhere.v8");
    cpSync(file, elsewhere);
    const tally = new Tally("unreadable caches");
    const cases: [string, () => void, RegExp][] = [
      ["a folder", () => mkdirSync(file), /cannot be read: it is a folder, not a file \(EISDIR\)|is not a regular file/],
      ["a symbolic link", () => symlinkSync(elsewhere, file), /cannot be read: it is a symbolic link, which is not followed \(ELOOP\)/],
    ];
    if (spawnSync("mkfifo", ["--version"]).status === 0) {
      cases.push(["a named pipe", () => spawnSync("mkfifo", [file]), /is not a regular file; it is ignored/]);
    } else {
      process.stdout.write("      (no mkfifo on this machine: the named-pipe case is not tried)\n");
    }
    for (const [what, make, message] of cases) {
      rmSync(file, { recursive: true, force: true });
      make();
      const { report, warnings } = await loadTeam(dir, ".cache");
      tally.record(true, isDeepStrictEqual(visible(report), fresh));
      assert.deepEqual(visible(report), fresh, what);
      assert.equal(warnings.length, 1, `${what}: ${warnings.join(" | ")}`);
      assert.ok(warnings[0]?.includes(shown), `${what}: names ${shown}: ${warnings[0]}`);
      assert.match(warnings[0] as string, message, what);
    }
    tally.print();
  });

  it("builds as without a cache when the cache folder cannot be made, with one warning naming it (library and CLI)", async () => {
    writeFileSync(path.join(dir, "blocker"), "a file where the cache folder should be\n");
    const { report, warnings } = await loadTeam(dir, "blocker/cache");
    assert.deepEqual(visible(report), fresh);
    assert.equal(warnings.length, 1, warnings.join(" | "));
    assert.match(
      warnings[0] as string,
      /^the parse cache cannot be written to blocker\/cache\/team-[0-9a-f]{16}\.v8: a part of the path is a file, not a folder \(ENOTDIR\)/,
    );

    const plain = runCli(["validate", "team_members", "--format", "json"], dir);
    const cached = runCli(["validate", "team_members", "--format", "json", "--cache", "blocker/cache"], dir);
    assertSameAsFresh(cached, plain, "CLI");
    assert.match(
      cached.stderr,
      /^mentor-directory: warning: the parse cache cannot be written to blocker\/cache\/team-[0-9a-f]{16}\.v8: .*\(ENOTDIR\)/,
    );
  });
});

describe("faults: processes sharing one cache folder", function () {
  let dir: string;
  before(() => {
    requireBuiltCli();
    dir = teamFolder("mentor-faults-shared-");
    addMembers(dir, 400);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("all succeed with a fresh run's output when started together, and leave a whole cache", async () => {
    const args = ["validate", "team_members", "--format", "json"];
    const tally = new Tally("processes started together on one cache folder");
    const rounds: [string, () => void][] = [
      ["an empty folder", () => rmSync(path.join(dir, "shared"), { recursive: true, force: true })],
      [
        "a file changed since",
        () => writeFileSync(path.join(dir, "team_members/person/m/member00001.yml"), "name: Changed\npicture: c.jpg\nmentor: yes\n"),
      ],
      ["a damaged cache", () => writeFileSync(cacheFile(path.join(dir, "shared")), "MDTEAM\0\u0007 and then nothing whole")],
    ];
    for (const [what, make] of rounds) {
      make();
      const plain = runCli(args, dir);
      const runs: Run[] = await Promise.all(Array.from({ length: 4 }, () => startCli([...args, "--cache", "shared"], dir)));
      for (const [i, run] of runs.entries()) {
        tally.record(run.code === plain.code, run.stdout === plain.stdout);
        assertSameAsFresh(run, plain, `${what}, process ${i + 1}`);
      }
      // Whole: the next run finds nothing to complain about, and nothing half-written is left.
      assert.deepEqual(
        readdirSync(path.join(dir, "shared")).filter((name) => name.endsWith(".tmp")),
        [],
        what,
      );
      const after = runCli([...args, "--cache", "shared"], dir);
      assertSameAsFresh(after, plain, `${what}, the run after`);
      assert.deepEqual(stderrLines(after), [], `${what}: the cache left is whole`);
      const frame = readFrame(cacheFile(path.join(dir, "shared")), "shared");
      assert.ok("payload" in frame, what);
      assert.equal(
        (cacheFileOf(frame.payload)?.index as { files: string[] }).files.length,
        (JSON.parse(plain.stdout) as { summary: { files: number } }).summary.files,
        `${what}: every file is in it`,
      );
    }
    tally.print();
  });
});

describe("faults: a cache writer killed at any moment", function () {
  let dir: string;
  before(() => {
    dir = teamFolder("mentor-faults-killed-");
    addMembers(dir, 1500);
    mkdirSync(path.join(dir, "team_members/person/w"), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Start the writer; resolves once it has written the cache `rounds` times. */
  const startWriter = (rounds: number): Promise<ReturnType<typeof spawn>> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "test/faults/cache-writer.ts"), dir], {
        cwd: root,
        stdio: ["ignore", "pipe", "inherit"],
      });
      let saved = 0;
      child.stdout.on("data", (chunk: Buffer) => {
        saved += chunk.toString().split("saved").length - 1;
        if (saved >= rounds) resolve(child);
      });
      child.on("error", reject);
      child.on("exit", (code, signal) => {
        if (saved < rounds) reject(new Error(`the writer ended early (${code ?? signal})`));
      });
    });

  it("never leaves a cache that is read as whole but gives another report", async () => {
    const random = seeded(Number(process.env.FAULT_SEED ?? 16) + 1);
    const tally = new Tally("writers killed while writing the cache");
    let midWrite = 0;
    for (let kill = 0; kill < 6; kill += 1) {
      const child = await startWriter(1);
      // Somewhere in the next rounds: reading, parsing, serializing or in the middle of the write.
      await new Promise((resolve) => setTimeout(resolve, random(400)));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      assert.ok(child.pid !== undefined && process.kill(child.pid, "SIGKILL"));
      await exited;
      if (readdirSync(path.join(dir, ".cache")).some((name) => name.endsWith(".tmp"))) midWrite += 1;
      const plain = await loadTeam(dir);
      const cached = await loadTeam(dir, ".cache");
      tally.record(true, isDeepStrictEqual(visible(cached.report), visible(plain.report)));
      assert.deepEqual(visible(cached.report), visible(plain.report), `kill ${kill + 1}`);
      assert.ok(cached.warnings.length <= 1, cached.warnings.join(" | "));
    }
    tally.print();
    process.stdout.write(`      (${midWrite} of them killed in the middle of writing the file: a temporary file was left)\n`);
  });
});
