import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { requireBuiltCli, root, Tally } from "./helpers.js";

const eleventyCli = path.join(root, "node_modules/@11ty/eleventy/cmd.cjs");
const OUTSIDE = "OUTSIDE-THE-TEAM-FOLDER";

/**
 * `eleventy --serve` over a team folder while files are edited the ways people and tools edit
 * them. The site's default `failOnError: true` keeps the last good build while a file has an
 * error; a build after the fix must equal a fresh build of the same files.
 */
describe("faults: watch mode through an editing session", function () {
  let project: string;
  let server: ChildProcess | undefined;
  let log = "";
  const tally = new Tally("edits under eleventy --serve");

  const team = (...parts: string[]): string => path.join(project, "team_members/person", ...parts);
  const built = (output: string, name: string): string => readFileSync(path.join(project, output, name), "utf8");

  /** Wait until the log, past `from`, matches `pattern`; fails after `ms`. */
  const waitFor = async (pattern: RegExp, from: number, ms = 20_000): Promise<string> => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const seen = log.slice(from);
      if (pattern.test(seen)) return seen;
      if (server?.exitCode !== null) throw new Error(`eleventy --serve ended:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no ${pattern} in the log within ${ms} ms:\n${log.slice(from)}`);
  };

  /** Make a change and wait for the build it starts to end. */
  const step = async (change: () => void): Promise<string> => {
    const from = log.length;
    change();
    return waitFor(/\[11ty\] (File (changed|added)|Watching)[\s\S]*Watching…/, from);
  };

  /** A fresh build of the files as they are now, in `fresh/`. */
  const freshBuild = (): void => {
    rmSync(path.join(project, "fresh"), { recursive: true, force: true });
    const r = spawnSync(process.execPath, [eleventyCli, "--config=eleventy.config.mjs", "--input=src", "--output=fresh", "--quiet"], {
      cwd: project,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  };

  /** The pages of the running server are those of a fresh build. */
  const assertFresh = (what: string): void => {
    freshBuild();
    const equal = ["index.html", "mentors.json"].every((name) => built("_site", name) === built("fresh", name));
    tally.record(server?.exitCode === null, equal);
    for (const name of ["index.html", "mentors.json"]) assert.equal(built("_site", name), built("fresh", name), `${what}: ${name}`);
  };

  /** A problem: the server keeps running, names the file and the rule, and keeps the last good pages. */
  const assertProblem = (seen: string, file: string, rule: string, before: string): void => {
    const kept = built("_site", "mentors.json") === before;
    tally.record(server?.exitCode === null, kept);
    assert.equal(server?.exitCode, null, "still running");
    assert.match(seen, new RegExp(`team_members/person/${file.replace(/[.]/g, "\\.")}(:\\d+:\\d+)?: error ${rule}`), seen);
    assert.ok(kept, "the last good build is kept");
  };

  before(async function () {
    requireBuiltCli();
    project = mkdtempSync(path.join(tmpdir(), "mentor-faults-watch-"));
    cpSync(path.join(root, "data/team_members"), path.join(project, "team_members"), { recursive: true });
    mkdirSync(path.join(project, "src"));
    writeFileSync(path.join(project, "src/index.md"), '---\ntitle: Mentors\n---\n# Mentors\n\n{{< group-by-expertise "mentor" >}}\n');
    writeFileSync(path.join(project, "outside.yml"), `name: ${OUTSIDE}\npicture: x.jpg\nmentor: true\n`);
    writeFileSync(
      path.join(project, "eleventy.config.mjs"),
      `import { mentorDirectory } from ${JSON.stringify(pathToFileURL(path.join(root, "dist/plugin/index.js")).href)};\n` +
        `export default function (config) {\n` +
        `  config.addPlugin(mentorDirectory, { dataDir: "team_members", showWarnings: false, teamPageUrl: "/team/" });\n}\n`,
    );
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    server = spawn(process.execPath, [eleventyCli, "--config=eleventy.config.mjs", "--input=src", "--serve", `--port=${port}`], {
      cwd: project,
    });
    server.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await waitFor(/Watching…/, 0, 40_000);
  });

  after(async () => {
    if (server?.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      process.kill(server.pid, "SIGTERM");
      await exited;
    }
    rmSync(project, { recursive: true, force: true });
    tally.print();
  });

  it("starts with the pages of a fresh build", () => assertFresh("start"));

  it("invalid YAML saved, then fixed", async () => {
    const good = readFileSync(team("b/bmwangi.yml"));
    const before = built("_site", "mentors.json");
    assertProblem(await step(() => writeFileSync(team("b/bmwangi.yml"), "name: [unclosed\n")), "b/bmwangi.yml", "yaml-syntax", before);
    await step(() => writeFileSync(team("b/bmwangi.yml"), good));
    assertFresh("fixed");
  });

  it("a file renamed, and moved to another letter folder and back", async () => {
    await step(() => renameSync(team("b/bmwangi.yml"), team("b/bmwangi2.yml")));
    assertFresh("renamed");
    const before = built("_site", "mentors.json");
    mkdirSync(team("z"), { recursive: true });
    assertProblem(await step(() => renameSync(team("b/bmwangi2.yml"), team("z/bmwangi2.yml"))), "z/bmwangi2.yml", "letter-folder", before);
    await step(() => renameSync(team("z/bmwangi2.yml"), team("b/bmwangi.yml")));
    assertFresh("moved back");
  });

  it("a file deleted: the plugin asks for the build Eleventy 3 does not start for a deletion", async () => {
    const seen = await step(() => rmSync(team("e/elindqvist.yml")));
    assert.match(seen, /\[mentor-directory\] File deleted: \S*elindqvist\.yml/);
    assert.doesNotMatch(built("_site", "mentors.json"), /elindqvist/);
    assertFresh("deleted");
  });

  it("a file replaced by a symbolic link to a file outside the folder: refused, never read", async () => {
    const good = readFileSync(team("f/fhaddad.yml"));
    const before = built("_site", "mentors.json");
    const seen = await step(() => {
      rmSync(team("f/fhaddad.yml"));
      symlinkSync(path.join(project, "outside.yml"), team("f/fhaddad.yml"));
    });
    assertProblem(seen, "f/fhaddad.yml", "symlink", before);
    assert.doesNotMatch(log, new RegExp(OUTSIDE));
    assert.doesNotMatch(built("_site", "index.html") + built("_site", "mentors.json"), new RegExp(OUTSIDE));
    await step(() => {
      rmSync(team("f/fhaddad.yml"));
      writeFileSync(team("f/fhaddad.yml"), good);
    });
    assertFresh("link replaced by the file");
  });

  it("a 20 MB file dropped in: refused by its size", async () => {
    const before = built("_site", "mentors.json");
    const big = Buffer.alloc(20 * 1024 * 1024, "a: b\n");
    assertProblem(await step(() => writeFileSync(team("h/huge.yml"), big)), "h/huge.yml", "file-too-large", before);
    await step(() => rmSync(team("h/huge.yml")));
    assertFresh("big file removed");
  });

  it("the whole team folder removed, then restored", async () => {
    const saved = path.join(project, "saved-team");
    cpSync(path.join(project, "team_members"), saved, { recursive: true });
    const from = log.length;
    rmSync(path.join(project, "team_members"), { recursive: true });
    await waitFor(/\[mentor-directory\] File deleted: team_members/, from);
    // Restored the way people do, a moment later.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.equal(server?.exitCode, null, "still running");
    // A build while it is gone (a page saved): one message naming the folder, no stack trace.
    const page = path.join(project, "src/index.md");
    const gone = await step(() => writeFileSync(page, readFileSync(page)));
    assert.equal(server.exitCode, null, "still running");
    assert.match(gone, /team folder not found: team_members/);
    assert.doesNotMatch(gone, /^\[11ty\]\s+at /m, "no stack trace");
    cpSync(saved, path.join(project, "team_members"), { recursive: true });
    // The next build, whatever starts it, shows the restored files, and watches the folder again.
    await step(() => writeFileSync(page, readFileSync(page)));
    assertFresh("restored");
    // So an edit in the restored folder is seen.
    const from2 = log.length;
    writeFileSync(team("a/abrandt.yml"), `${readFileSync(team("a/abrandt.yml"), "utf8")}# edited after the restore\n`);
    await waitFor(/\[mentor-directory\] File changed: \S*abrandt\.yml[\s\S]*Watching…/, from2, 5_000);
    assertFresh("edited after the restore");
  });
});
