import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { assertSameAsFresh, cacheFile, requireBuiltCli, root, runCli, stderrLines, Tally, teamFolder } from "./helpers.js";

/**
 * A full disk and a read-only folder, for real: a 64 KiB tmpfs, filled up, then remounted
 * read-only. Root ignores file modes, so a read-only mount is the only honest "no permission".
 * Where mounting is not allowed (no privilege), each case says so and is skipped.
 */
describe("faults: a full disk and a read-only folder under the parse cache", function () {
  let dir: string;
  let mount: string;
  let unavailable: string | undefined;
  const tally = new Tally("cache writes on a full or read-only disk");

  before(function () {
    requireBuiltCli();
    dir = teamFolder("mentor-faults-disk-");
    mount = mkdtempSync(path.join(tmpdir(), "mentor-faults-mnt-"));
    const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mount], { encoding: "utf8" });
    if (r.status !== 0) unavailable = `cannot mount a small tmpfs here (${(r.stderr || r.error?.message || `exit ${r.status}`).trim()})`;
  });
  after(() => {
    if (!unavailable) spawnSync("umount", [mount]);
    rmSync(mount, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    tally.print();
  });
  beforeEach(function () {
    if (unavailable) {
      process.stdout.write(`      skipped: ${unavailable}\n`);
      this.skip();
    }
  });

  const args = ["validate", "team_members", "--format", "json"];
  const cacheArgs = (folder: string): string[] => [...args, "--cache", path.join(mount, folder)];
  const edit = (text: string): void => writeFileSync(path.join(dir, "team_members/person/j/jdoe.yml"), text);

  /** Fill the file system until a write fails; returns the error code it failed with. */
  const fill = (): string => {
    const chunk = Buffer.alloc(4096, 1);
    for (let i = 0; ; i += 1) {
      try {
        writeFileSync(path.join(mount, `filler-${i}`), chunk);
      } catch (error) {
        return (error as NodeJS.ErrnoException).code ?? "unknown";
      }
    }
  };

  it("no space left: the report of a run without cache, one message naming file and ENOSPC, no partial file, old cache kept", () => {
    const before = runCli(cacheArgs("cache"), dir);
    assert.deepEqual(stderrLines(before), [], "a cache written while there was room");
    const file = cacheFile(path.join(mount, "cache"));
    const whole = readFileSync(file);
    assert.equal(fill(), "ENOSPC", "the tmpfs is full");

    // A changed file makes the cache worth writing again; there is no room for it.
    edit("name: Jane Doe\npicture: jdoe.jpg\nmentor: yes\nlocality: Lisbon\n");
    const plain = runCli(args, dir);
    for (const round of ["first", "second"]) {
      const run = runCli(cacheArgs("cache"), dir);
      tally.record(run.code !== null, run.stdout === plain.stdout && run.code === plain.code);
      assertSameAsFresh(run, plain, `${round} run on a full disk`);
      const [message] = stderrLines(run);
      assert.match(
        message ?? "",
        /^mentor-directory: warning: the parse cache cannot be written to \S+team-[0-9a-f]{16}\.v8: no space left on the device \(ENOSPC\)/,
        round,
      );
      assert.ok(message?.includes(file), `${round}: names ${file}`);
      assert.deepEqual(readdirSync(path.join(mount, "cache")), [path.basename(file)], `${round}: no temporary file left`);
      assert.ok(readFileSync(file).equals(whole), `${round}: the old cache is as it was`);
    }
    // The report itself on the full disk: one message, and no report cut short left behind.
    const report = runCli(["validate", "team_members", "--format", "junit", "--output", path.join(mount, "junit.xml")], dir);
    assert.equal(report.code, 2, report.stderr);
    assert.deepEqual(stderrLines(report), [
      `mentor-directory: cannot write --output ${path.join(mount, "junit.xml")}: no space left on the device (ENOSPC)`,
    ]);
    assert.ok(!readdirSync(mount).includes("junit.xml"), "no partial report");
    // A new folder on the full disk (on tmpfs folders cost no space; the file does).
    const run = runCli(cacheArgs("new/cache"), dir);
    assertSameAsFresh(run, plain, "a new folder on a full disk");
    assert.match(
      stderrLines(run)[0] ?? "",
      /cannot be written to \S+new\/cache\/team-[0-9a-f]{16}\.v8: no space left on the device \(ENOSPC\)/,
    );
    for (const name of readdirSync(mount)) if (name.startsWith("filler-")) rmSync(path.join(mount, name));
  });

  it("a read-only folder: the report of a run without cache, one message naming the file and EROFS, the old cache kept", () => {
    rmSync(path.join(mount, "cache"), { recursive: true, force: true });
    edit("name: Jane Doe\npicture: jdoe.jpg\nmentor: yes\n");
    assert.deepEqual(stderrLines(runCli(cacheArgs("cache"), dir)), []);
    const file = cacheFile(path.join(mount, "cache"));
    const whole = readFileSync(file);
    const ro = spawnSync("mount", ["-o", "remount,ro", mount], { encoding: "utf8" });
    assert.equal(ro.status, 0, ro.stderr);
    try {
      edit("name: Jane Doe\npicture: jdoe.jpg\nmentor: yes\nlocality: Porto\n");
      const plain = runCli(args, dir);
      for (const folder of ["cache", "absent"]) {
        const run = runCli(cacheArgs(folder), dir);
        tally.record(run.code !== null, run.stdout === plain.stdout && run.code === plain.code);
        assertSameAsFresh(run, plain, folder);
        assert.match(
          stderrLines(run)[0] ?? "",
          new RegExp(
            /^mentor-directory: warning: the parse cache cannot be written to \S+team-[0-9a-f]{16}\.v8: /.source +
              /the file system is read-only \(EROFS\)/.source,
          ),
          folder,
        );
      }
      assert.ok(readFileSync(file).equals(whole), "the old cache is as it was");
      assert.deepEqual(readdirSync(path.join(mount, "cache")), [path.basename(file)], "no temporary file");
      const report = runCli(["validate", "team_members", "--output", path.join(mount, "report.txt")], dir);
      assert.equal(report.code, 2, report.stderr);
      assert.deepEqual(stderrLines(report), [
        `mentor-directory: cannot write --output ${path.join(mount, "report.txt")}: the file system is read-only (EROFS)`,
      ]);
    } finally {
      spawnSync("mount", ["-o", "remount,rw", mount]);
    }
  });

  it("an Eleventy build with its cache on a read-only folder writes the site it writes without a cache, with one message", () => {
    const site = mkdtempSync(path.join(tmpdir(), "mentor-faults-site-"));
    try {
      mkdirSync(path.join(site, "src"));
      writeFileSync(path.join(site, "src/index.md"), '---\ntitle: Mentors\n---\n# Mentors\n\n{{< group-by-expertise "mentor" >}}\n');
      const plugin = pathToFileURL(path.join(root, "dist/plugin/index.js")).href;
      const team = path.join(root, "data/team_members");
      writeFileSync(
        path.join(site, "eleventy.config.mjs"),
        `import { mentorDirectory } from ${JSON.stringify(plugin)};\nexport default function (config) {\n` +
          `  config.addPlugin(mentorDirectory, { dataDir: ${JSON.stringify(team)}, showWarnings: false, ` +
          `cacheDir: process.env.CACHE_DIR === "none" ? false : process.env.CACHE_DIR });\n}\n`,
      );
      const eleventy = (output: string, cache: string) =>
        spawnSync(
          process.execPath,
          [path.join(root, "node_modules/@11ty/eleventy/cmd.cjs"), "--config=eleventy.config.mjs", "--input=src", `--output=${output}`],
          {
            cwd: site,
            encoding: "utf8",
            env: { ...process.env, CACHE_DIR: cache },
          },
        );
      const plain = eleventy("plain", "none");
      assert.equal(plain.status, 0, plain.stdout + plain.stderr);
      const ro = spawnSync("mount", ["-o", "remount,ro", mount], { encoding: "utf8" });
      assert.equal(ro.status, 0, ro.stderr);
      let built;
      try {
        built = eleventy("cached", path.join(mount, "site-cache"));
      } finally {
        spawnSync("mount", ["-o", "remount,rw", mount]);
      }
      const log = built.stdout + built.stderr;
      assert.equal(built.status, 0, log);
      const lines = log.split("\n").filter((line) => line.includes("site-cache"));
      assert.equal(lines.length, 1, log);
      assert.match(
        lines[0] as string,
        new RegExp(
          /\[mentor-directory\] the parse cache cannot be written to \S+site-cache\/team-[0-9a-f]{16}\.v8: /.source +
            /the file system is read-only \(EROFS\)/.source,
        ),
      );
      assert.doesNotMatch(log, /^\S*\s+at /m, "no stack trace");
      const page = (output: string): string => readFileSync(path.join(site, output, "index.html"), "utf8");
      tally.record(true, page("cached") === page("plain"));
      assert.equal(page("cached"), page("plain"));
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});
