import assert from "node:assert/strict";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Eleventy, { type EleventyOptions } from "@11ty/eleventy";
import { mentorDirectory } from "../../plugin/index.js";
import { root } from "./helpers.js";

const PAGES = ["team/index.html", "mentors/index.html", "mentors.json"];

/**
 * Eleventy's options for the project in the working folder, counting the builds it ends in
 * `builds`; with `polling`, Eleventy's watcher polls, as on a file system without change events.
 */
function options(runMode: "build" | "watch", builds: { count: number } = { count: 0 }, polling = false): EleventyOptions {
  return {
    quietMode: true,
    runMode,
    config(config) {
      config.setChokidarConfig({
        awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 },
        ...(polling ? { usePolling: true, interval: 50 } : {}),
      });
      config.addPlugin(mentorDirectory, { dataDir: "team_members", teamPageUrl: "/team/", cacheDir: false });
      config.on("eleventy.after", () => void (builds.count += 1));
    },
  };
}

/** Watches this process holds in the kernel (Linux), or `undefined` where it cannot be told. */
function inotifyWatches(): number | undefined {
  if (!existsSync("/proc/self/fdinfo")) return undefined;
  let count = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // closed since the listing
    }
    if (target === "anon_inode:inotify") {
      count += readFileSync(`/proc/self/fdinfo/${fd}`, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("inotify wd:")).length;
    }
  }
  return count;
}

/** Wait until `done()`; fails after `ms`. */
async function until(done: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Eleventy 3 starts no build when a watched file is deleted; the plugin, which watches its team
 * folder itself, asks for one. A real watch through the programmatic API, over a team folder on disk.
 */
describe("faults: a team file deleted in watch mode", function () {
  let project: string;
  let cwd: string;
  let tmp: string | undefined;

  const team = (...parts: string[]): string => path.join(project, "team_members/person", ...parts);
  const page = (output: string, name: string): string => readFileSync(path.join(project, output, name), "utf8");

  /** A fresh build of the files as they are now, in `fresh/`. */
  const freshBuild = async (): Promise<void> => {
    rmSync(path.join(project, "fresh"), { recursive: true, force: true });
    await new Eleventy("src", "fresh", options("build")).write();
  };

  const assertFresh = async (what: string): Promise<void> => {
    await freshBuild();
    for (const name of PAGES) assert.equal(page("_site", name), page("fresh", name), `${what}: ${name} is a fresh build's`);
  };

  beforeEach(() => {
    project = mkdtempSync(path.join(tmpdir(), "mentor-watch-delete-"));
    cpSync(path.join(root, "data/team_members"), path.join(project, "team_members"), { recursive: true });
    mkdirSync(path.join(project, "src/team"), { recursive: true });
    mkdirSync(path.join(project, "src/mentors"), { recursive: true });
    writeFileSync(path.join(project, "src/team/index.njk"), "---\ntitle: Team\n---\n{% teamMembers %}\n");
    writeFileSync(
      path.join(project, "src/mentors/index.md"),
      '---\ntitle: Mentors\n---\n# Mentors\n\n{{< group-by-expertise "mentor" >}}\n',
    );
    cwd = process.cwd();
    process.chdir(project);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(project, { recursive: true, force: true });
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  });

  /** Start watching; returns the build count and a stop function. */
  const startWatch = async (polling = false): Promise<{ builds: { count: number }; stop: () => Promise<void> }> => {
    const builds = { count: 0 };
    const eleventy = new Eleventy("src", "_site", options("watch", builds, polling));
    await eleventy.init();
    await eleventy.watch();
    assert.equal(builds.count, 1, "the first build");
    // A watcher misses changes made in the moment after it starts: edit a file (a YAML comment,
    // which changes no page) until a build shows that it listens.
    const poked = team("a/abrandt.yml");
    const answered = (): boolean => builds.count > 1;
    for (let tries = 0; !answered(); tries += 1) {
      assert.ok(tries < 20, "Eleventy's watcher answers an edit");
      writeFileSync(poked, `${readFileSync(poked, "utf8")}# poked\n`);
      await until(answered, "a build", 500).catch(() => undefined);
    }
    // Let the builds of the edits end; then count from zero.
    await new Promise((resolve) => setTimeout(resolve, 500));
    builds.count = 0;
    return { builds, stop: () => eleventy.stopWatch() };
  };

  it("rebuilds once a member file is deleted: the team page and the directory equal a fresh build of the rest", async () => {
    const { builds, stop } = await startWatch();
    try {
      assert.match(page("_site", "team/index.html"), /elindqvist/);
      rmSync(team("e/elindqvist.yml"));
      await until(() => builds.count === 1, "a build after the deletion");
      assert.doesNotMatch(page("_site", "team/index.html"), /elindqvist/);
      await assertFresh("one file deleted");
    } finally {
      await stop();
    }
  });

  it("rebuilds once a whole letter folder is deleted", async () => {
    const { builds, stop } = await startWatch();
    try {
      const gone = readdirSync(team("b")).map((name) => name.replace(/\.yml$/, ""));
      assert.ok(gone.length > 0);
      for (const slug of gone) assert.match(page("_site", "team/index.html"), new RegExp(`id="${slug}"`), "each card has its slug as id");
      rmSync(team("b"), { recursive: true });
      await until(() => builds.count >= 1, "a build after the deletion");
      // `rm -r` of a folder is one request: the deletions settle before the build is asked for.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(builds.count, 1, "one build for the folder");
      for (const slug of gone) assert.doesNotMatch(page("_site", "team/index.html"), new RegExp(`id="${slug}"`));
      await assertFresh("a folder deleted");
    } finally {
      await stop();
    }
  });

  it("a file moved within the folder: one build, which sees both names", async () => {
    const { builds, stop } = await startWatch();
    try {
      renameSync(team("e/elindqvist.yml"), team("e/elindqvist-2.yml"));
      await until(() => builds.count >= 1, "a build after the move");
      // Both names' events ask while Eleventy waits for the plugin's file to settle: one build.
      await new Promise((resolve) => setTimeout(resolve, 800));
      assert.equal(builds.count, 1, "one build showed the old name gone and the new one");
      await assertFresh("a file moved");
    } finally {
      await stop();
    }
  });

  it("with a watcher that polls: Eleventy's watcher sees a save, the plugin asks for a build after a deletion", async () => {
    const { builds, stop } = await startWatch(true);
    try {
      const file = team("e/elindqvist.yml");
      writeFileSync(file, readFileSync(file, "utf8").replace(/^name: .*$/m, "name: Polled Name"));
      await until(() => builds.count >= 1 && page("_site", "team/index.html").includes("Polled Name"), "a build that shows the save");
      await assertFresh("a file saved");
      const before = builds.count;
      rmSync(file);
      await until(() => builds.count > before && !page("_site", "team/index.html").includes("Polled Name"), "a build after the deletion");
      await assertFresh("a file deleted");
    } finally {
      await stop();
    }
  });

  it("in a build that does not watch: no watcher, and nothing written to the temporary folder", async () => {
    tmp = mkdtempSync(path.join(tmpdir(), "mentor-watch-tmp-"));
    const saved = process.env.TMPDIR;
    const before = inotifyWatches();
    process.env.TMPDIR = tmp;
    try {
      await new Eleventy("src", "_site", options("build")).write();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    assert.deepEqual(readdirSync(tmp), [], "no folder of the plugin's in the temporary folder");
    assert.equal(inotifyWatches(), before, "no folder watched");
    assert.match(page("_site", "team/index.html"), /elindqvist/, "the build itself ran");
  });
});
