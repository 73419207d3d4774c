/**
 * What the fault tests share: a team on disk with errors and warnings in it, the CLI run as a
 * process, an in-process load with a cache, a seeded random source, and the tally each file
 * prints (cases tried, survived, outputs equal to a fresh build).
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setImmediate as tick } from "node:timers/promises";
import { readFrame, writeFrame } from "../../plugin/team/cache/frame-file.js";
import { cacheDataOf, cacheFileOf, cacheFileParts } from "../../plugin/team/cache/parse-cache.js";
import { TeamStore } from "../../plugin/team/pipeline/team-store.js";

export const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const cli = path.join(root, "dist/plugin/cli/main.js");

/**
 * A fresh folder holding `team_members/`: the sample team plus a file with `mentor: "yes"` (an
 * error) and one whose quoted text continues at column 1 (a warning, with its position).
 */
export function teamFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(path.join(root, "data/team_members"), path.join(dir, "team_members"), { recursive: true });
  cpSync(
    path.join(root, "test/fixtures/validate/mentor-yes/team_members/person/j/jdoe.yml"),
    path.join(dir, "team_members/person/j/jdoe.yml"),
  );
  mkdirSync(path.join(dir, "team_members/person/s"), { recursive: true });
  writeFileSync(path.join(dir, "team_members/person/s/sstory.yml"), "name: Sam Story\npicture: sstory.jpg\nstory: 'line one\nline two'\n");
  return dir;
}

/**
 * A fresh project of two pages, the directory (`src/index.md`) and the team page
 * (`src/team/index.md`), over the sample team in `team_members/`, with an `eleventy.config.mjs`
 * that adds the compiled plugin with `options` (and then runs `configLines`).
 */
export function twoPageProject(prefix: string, options: Readonly<Record<string, unknown>>, configLines = ""): string {
  const project = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(path.join(root, "data/team_members"), path.join(project, "team_members"), { recursive: true });
  mkdirSync(path.join(project, "src/team"), { recursive: true });
  writeFileSync(path.join(project, "src/index.md"), '# Mentors\n\n{{< group-by-expertise "mentor" >}}\n');
  writeFileSync(path.join(project, "src/team/index.md"), "# Team\n\n{{< team-members >}}\n");
  writeFileSync(
    path.join(project, "eleventy.config.mjs"),
    `import { mentorDirectory } from ${JSON.stringify(pathToFileURL(path.join(root, "dist/bundle/index.js")).href)};\n` +
      `export default function (config) {\n` +
      `  config.addPlugin(mentorDirectory, ${JSON.stringify(options)});\n${configLines}}\n`,
  );
  return project;
}

/** Add `count` generated members to `dir/team_members` (a cache of some size: writing it takes time). */
export function addMembers(dir: string, count: number): void {
  const story = "Works on the handbook and likes to help people find their way around it. ".repeat(6);
  for (let i = 0; i < count; i += 1) {
    const slug = `member${String(i).padStart(5, "0")}`;
    const folder = path.join(dir, "team_members/person/m");
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, `${slug}.yml`),
      `name: Member ${i}\nrole: <a href="/job-families/engineering/">Engineer ${i % 7}</a>\n` +
        `picture: ${slug}.jpg\nmentor: ${i % 40 === 0}\nstory: ${story}\n`,
    );
  }
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `mentor-directory …args` in `cwd`, to its end. */
export function runCli(args: readonly string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `mentor-directory …args` in `cwd`, started now; resolves at its end. */
export function startCli(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Fails unless the CLI is built (the tests run it as users do). */
export function requireBuiltCli(): void {
  const r = spawnSync(process.execPath, [cli, "--version"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error("dist/plugin/cli/main.js is missing: run `npm test` (it compiles first) or `npm run compile`");
}

/** The lines of a run's stderr. */
export function stderrLines(run: Run): string[] {
  return run.stderr.split("\n").filter((line) => line !== "");
}

/** A run's output is a fresh run's, with at most one warning line and no stack trace. */
export function assertSameAsFresh(run: Run, fresh: Run, what: string): void {
  assert.equal(run.code, fresh.code, `${what}: exit status\n${run.stderr}`);
  assert.equal(run.stdout, fresh.stdout, `${what}: report`);
  const lines = stderrLines(run);
  assert.ok(lines.length <= 1, `${what}: at most one warning, got:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /^\s+at /m, `${what}: no stack trace`);
}

export type Report = Awaited<ReturnType<TeamStore["load"]>>;

/** One build's load of `dir/team_members`, with the cache in `dir/cacheDir` when given; waits for the cache write. */
export async function loadTeam(
  dir: string,
  cacheDir?: string,
  options: { readonly members?: boolean } = {},
): Promise<{ report: Report; warnings: string[]; store: TeamStore }> {
  const warnings: string[] = [];
  const store = new TeamStore(["team_members"], {
    cwd: dir,
    ...options,
    ...(cacheDir ? { cacheDir, warn: (m: string) => warnings.push(m) } : {}),
  });
  const report = await store.load();
  await tick();
  return { report, warnings, store };
}

/** What of a report a build shows: members as data, every diagnostic, the counts. */
export function visible(report: Report): unknown {
  return { summary: report.summary, diagnostics: report.diagnostics, members: report.members };
}

/** The only file of the cache folder. */
export function cacheFile(dir: string): string {
  const names = readdirSync(dir);
  assert.equal(names.length, 1, `one file in ${dir}: ${names.join(", ")}`);
  return path.join(dir, names[0] as string);
}

/** The file of `teamFolder` with an error (`mentor: "yes"`), as diagnostics name it. */
export const JDOE = "team_members/person/j/jdoe.yml";

/** The parts of a cache file that forgeries change (see `ParseCache`). */
export interface Stored {
  shown: string[];
  fileKeys: string[];
  keys: string[];
  data: Record<string, unknown>[];
  /** Per entry: none 0, a member 1, a mentor 2. */
  roster: Uint8Array;
  reportsTo: (string | null)[];
  notes: Map<string, unknown>;
}

/** The cache file `file` as a build reads it, the entries' data (one serialized block after the index) as a list. */
export function readStored(file: string): Stored {
  const read = readFrame(file, file);
  assert.ok("payload" in read, "a whole cache");
  const written = cacheFileOf(read.payload);
  assert.ok(written, "a cache file's payload");
  return { ...(written.index as Omit<Stored, "data">), data: cacheDataOf(written.data) as Stored["data"] };
}

/**
 * Rewrite the entry of `shown` in the cache file `file` as `forge` says, in a whole frame: what
 * anyone who can write the cache folder can do.
 */
export function forgeEntry(file: string, shown: string, forge: (stored: Stored, key: string, at: number) => void): void {
  const stored = readStored(file);
  const key = stored.fileKeys[stored.shown.indexOf(shown)] as string;
  const at = stored.keys.indexOf(key);
  assert.ok(at >= 0, `an entry for ${shown}`);
  forge(stored, key, at);
  const { data, ...index } = stored;
  assert.equal(writeFrame(file, file, cacheFileParts(index, data)), undefined);
}

/** A small seeded generator (xorshift32): the same seed tries the same cases on every machine. */
export function seeded(seed: number): (below: number) => number {
  let state = seed >>> 0 || 1;
  return (below) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % below;
  };
}

/** Every tally of this run, for the summary line at the end (`summary.test.ts`). */
export const tallies: Tally[] = [];

/** Cases tried, survived (the process ended normally), outputs equal to a fresh build. */
export class Tally {
  tried = 0;
  survived = 0;
  equal = 0;

  constructor(readonly name: string) {
    tallies.push(this);
  }

  record(survived: boolean, equal: boolean): void {
    this.tried += 1;
    if (survived) this.survived += 1;
    if (equal) this.equal += 1;
  }

  print(): void {
    process.stdout.write(
      `      ${this.name}: ${this.tried} cases tried, ${this.survived} survived, ${this.equal} outputs equal to a fresh build\n`,
    );
  }
}
