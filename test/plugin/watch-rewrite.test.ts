import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { requireBuiltCli, root, twoPageProject } from "../faults/helpers.js";

const eleventyCli = path.join(root, "node_modules/@11ty/eleventy/cmd.cjs");

/** The team page's cards by id: each card's text up to the next card (or the end of its list). */
function cardsOf(html: string): Map<string, string> {
  const cards = new Map<string, string>();
  const starts = [...html.matchAll(/<li id="([^"]+)" class="team-member member-card"/g)];
  starts.forEach((match, index) => {
    const end = starts[index + 1]?.index ?? html.length;
    cards.set(match[1]!, html.slice(match.index, end).replace(/<\/ul><\/section>[\s\S]*$/, ""));
  });
  return cards;
}

/** Ids of the cards that differ between two team pages, those that came and went included. */
function changedCards(before: string, after: string): string[] {
  const a = cardsOf(before);
  const b = cardsOf(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((id) => a.get(id) !== b.get(id)).sort();
}

/**
 * `eleventy --watch` with the plugin's timings on: after one saved, renamed or deleted team file,
 * the build writes that member's pieces anew and reuses every other member's, and the pages differ
 * from the last build in that member's cards only.
 */
describe("watch mode: one changed file, one member written again", function () {
  let project: string;
  let watcher: ChildProcess | undefined;
  let log = "";

  const team = (...parts: string[]): string => path.join(project, "team_members/person", ...parts);
  const page = (name: string): string => readFileSync(path.join(project, "_site", name), "utf8");

  /** The timings line of the next build after `from` in the log. */
  const nextBuild = async (from: number, ms = 30_000): Promise<string> => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const line = /\[mentor-directory\] timings \(ms\):[^\n]*/.exec(log.slice(from));
      if (line && /Wrote \d+ files/.test(log.slice(from + line.index))) return line[0];
      if (watcher?.exitCode !== null) throw new Error(`eleventy --watch ended:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no build within ${ms} ms:\n${log.slice(from)}`);
  };

  const change = async (what: () => void): Promise<{ timings: string; changed: string[]; directoryChanged: boolean }> => {
    const team = page("team/index.html");
    const directory = page("index.html");
    const from = log.length;
    what();
    const timings = await nextBuild(from);
    return { timings, changed: changedCards(team, page("team/index.html")), directoryChanged: directory !== page("index.html") };
  };

  before(async function () {
    requireBuiltCli();
    project = twoPageProject(
      "mentor-watch-rewrite-",
      { dataDir: "team_members", showWarnings: false, teamPageUrl: "/team/" },
      `  config.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 } });\n`,
    );
    watcher = spawn(process.execPath, [eleventyCli, "--config=eleventy.config.mjs", "--input=src", "--watch"], {
      cwd: project,
      env: { ...process.env, DEBUG: "Eleventy:MentorDirectory:Timings" },
    });
    watcher.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    watcher.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const first = await nextBuild(0, 60_000);
    // Saved before the watcher is ready, a change would start no build.
    while (!log.includes("Watching…")) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cards = cardsOf(page("team/index.html"));
    const members = cards.size;
    assert.ok(members > 20, `${members} cards`);
    // A mentor's details are written once for both pages; a member the directory lists without
    // being a mentor (the word in their expertise) has them written for each page, and kept by neither.
    const mentors = [...cards.values()].filter((card) => card.includes('data-mentor="true"')).length;
    const written = /directory cards (\d+)/.exec(first);
    const listedOthers = Number(written?.[1]) - mentors;
    assert.ok(listedOthers >= 1, "the sample team has a member listed for the word in their expertise");
    assert.match(
      first,
      new RegExp(
        `written anew: member details ${members + listedOthers}, team cards ${members}, team sections \\d+, ` +
          `directory cards \\d+, mentor records \\d+, pages 2$`,
      ),
    );
  });

  after(async () => {
    if (watcher?.pid !== undefined && watcher.exitCode === null) {
      const exited = new Promise((resolve) => watcher?.once("exit", resolve));
      process.kill(watcher.pid, "SIGTERM");
      await exited;
    }
    rmSync(project, { recursive: true, force: true });
  });

  // The two pages are Markdown pages: each is written from its frame while the ids, headings and
  // in-page links of its output stay the same (see page-frame.ts), and rendered again otherwise.
  it("an edited mentor: that member's details, team card, directory card and record, nothing else", async () => {
    const file = team("b/bmwangi.yml");
    const edited = readFileSync(file, "utf8").replace(/^role: .*$/m, "role: Chief Listener");
    const { timings, changed, directoryChanged } = await change(() => writeFileSync(file, edited));
    // The member's letter section is put together again; the other letters' are reused as they are.
    assert.match(timings, /written anew: member details 1, team cards 1, team sections 1, directory cards 1, mentor records 1$/);
    assert.deepEqual(changed, ["bmwangi"]);
    assert.ok(directoryChanged);
    assert.match(page("team/index.html"), /Chief Listener/);
  });

  it("a renamed file (a new slug): the card under its new id, the old one gone, no other card touched", async () => {
    const { timings, changed, directoryChanged } = await change(() => renameSync(team("q/qnguyen.yml"), team("q/qnguyen2.yml")));
    // The team page's ids changed (the card's is the slug): that page only is rendered again.
    assert.match(timings, /written anew: member details 1, team cards 1, team sections 1, pages 1$/);
    assert.deepEqual(changed, ["qnguyen", "qnguyen2"]);
    assert.equal(directoryChanged, false, "qnguyen is not a mentor");
  });

  it("a member given another name: the card moves to its new letter, and those two letters' sections are put together again", async () => {
    const file = team("m/msoto.yml");
    const edited = readFileSync(file, "utf8").replace(/^name: .*$/m, "name: Sofia Soto");
    const { timings, changed } = await change(() => writeFileSync(file, edited));
    assert.match(timings, /written anew: member details 1, team cards 1, team sections 2$/);
    assert.deepEqual(changed, ["msoto"]);
    const html = page("team/index.html");
    const section = (letter: string): string => {
      const start = html.indexOf(`<section id="Team-letter-${letter}"`);
      return html.slice(start, html.indexOf("</section>", start));
    };
    assert.match(section("S"), /id="msoto"/);
    assert.doesNotMatch(section("M"), /id="msoto"/);
  });

  it("a deleted file: no member's piece written anew, the card gone", async () => {
    const { timings, changed } = await change(() => rmSync(team("x/xu-ming.yml")));
    // Xu Ming was the only X: the letter goes, and no section is put together again.
    assert.match(timings, /written anew: pages 1$/);
    assert.doesNotMatch(page("team/index.html"), /id="Team-letter-X"/);
    assert.deepEqual(changed, ["xu-ming"]);
  });

  it("after those changes, both pages are what a new build of the same files writes", () => {
    const built = spawnSync(process.execPath, [eleventyCli, "--config=eleventy.config.mjs", "--input=src", "--output=_fresh", "--quiet"], {
      cwd: project,
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(built.status, 0, built.stderr);
    for (const name of ["team/index.html", "index.html"]) {
      assert.equal(page(name), readFileSync(path.join(project, "_fresh", name), "utf8"), name);
    }
  });
});
