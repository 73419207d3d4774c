import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from "node:fs";
import fc from "fast-check";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TeamStore } from "../../plugin/team/pipeline/team-store.js";
import type { TeamReport } from "../../plugin/team/check/team-report.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("TeamStore: reloading only what changed (watch mode)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-store-"));
    cpSync(path.join(root, "data/team_members"), path.join(dir, "team_members"), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("re-reads a changed file and keeps every other member object as it was", async () => {
    const store = new TeamStore(["team_members"], { cwd: dir });
    const before = await store.load();
    const file = path.join(dir, "team_members/person/z/znunez.yml");
    writeFileSync(file, "name: Zoë Renamed\npicture: z.jpg\nmentor: true\n");
    const after = await store.load([file]);
    assert.equal(after.members.find((m) => m.slug === "znunez")?.name, "Zoë Renamed");
    const unchanged = before.members.find((m) => m.slug === "tbergstrom");
    assert.equal(
      after.members.find((m) => m.slug === "tbergstrom"),
      unchanged,
      "same object: not parsed again",
    );
    assert.equal(after.summary.files, before.summary.files);
  });

  it("notices a new file and a deleted one", async () => {
    const store = new TeamStore(["team_members"], { cwd: dir });
    const before = await store.load();
    mkdirSync(path.join(dir, "team_members/person/n"), { recursive: true });
    const added = path.join(dir, "team_members/person/n/newcomer.yml");
    writeFileSync(added, "name: New Comer\npicture: n.jpg\n");
    const removed = path.join(dir, "team_members/person/z/znunez.yml");
    unlinkSync(removed);
    const after = await store.load([added, removed]);
    assert.equal(after.summary.files, before.summary.files);
    assert.ok(after.members.some((m) => m.slug === "newcomer"));
    assert.ok(!after.members.some((m) => m.slug === "znunez"));
  });

  it("takes loads one at a time: a load started during another sees what that one read", async () => {
    const store = new TeamStore(["team_members"], { cwd: dir });
    await store.load();
    const x = path.join(dir, "team_members/person/z/znunez.yml");
    const y = path.join(dir, "team_members/person/t/tbergstrom.yml");
    writeFileSync(x, "name: Xavier New\npicture: x.jpg\n");
    writeFileSync(y, "name: Yara New\npicture: y.jpg\n");
    const [first, second] = await Promise.all([store.load([x]), store.load([y])]);
    const names = (report: typeof first): string[] =>
      report.members.filter((m) => m.slug === "znunez" || m.slug === "tbergstrom").map((m) => m.name);
    assert.deepEqual(names(first).sort(), ["Tove Bergström", "Xavier New"].sort(), "the first load read its change only");
    assert.deepEqual(names(second).sort(), ["Xavier New", "Yara New"]);
    assert.deepEqual(names(await store.load([])).sort(), ["Xavier New", "Yara New"], "no stale member left behind");
  });

  it("runs the cross-file rules again: a new dangling reports_to is reported", async () => {
    const store = new TeamStore(["team_members"], { cwd: dir });
    await store.load();
    const file = path.join(dir, "team_members/person/z/znunez.yml");
    writeFileSync(file, "name: Zoë\npicture: z.jpg\nreports_to: nobody-here\n");
    const after = await store.load([file]);
    assert.deepEqual(
      after.diagnostics.filter((d) => d.severity === "error").map((d) => d.rule),
      ["reports-to-unknown"],
    );
  });
});

describe("TeamStore: the rules across files in watch mode", () => {
  let dir: string;
  const write = (slug: string, text: string): string => {
    const file = path.join(dir, "team_members/person", slug[0] as string, `${slug}.yml`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  const errors = (report: Awaited<ReturnType<TeamStore["load"]>>): string[] =>
    report.diagnostics.filter((d) => d.severity === "error").map((d) => `${path.basename(d.file)} ${d.rule}`);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-rules-"));
    write("ann", "name: Ann\npicture: a.jpg\nreports_to: bob\n");
    write("bob", "name: Bob\npicture: b.jpg\n");
    write("cy", "name: Cy\npicture: c.jpg\nreports_to: nobody\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps a problem of an unchanged file when another file's name changes", async () => {
    const store = new TeamStore(["team_members"], { cwd: dir });
    assert.deepEqual(errors(await store.load()), ["cy.yml reports-to-unknown"]);
    const after = await store.load([write("ann", "name: Ann Renamed\npicture: a.jpg\nreports_to: bob\n")]);
    assert.deepEqual(errors(after), ["cy.yml reports-to-unknown"]);
    assert.equal(after.members.find((m) => m.slug === "ann")?.name, "Ann Renamed");
  });

  it("checks again when a changed file makes or mends a cycle, or mends a problem", async () => {
    const store = new TeamStore(["team_members"], { cwd: dir });
    await store.load();
    const cycle = await store.load([write("bob", "name: Bob\npicture: b.jpg\nreports_to: ann\n")]);
    assert.deepEqual(errors(cycle), ["ann.yml reports-to-cycle", "bob.yml reports-to-cycle", "cy.yml reports-to-unknown"]);
    // Ann's file was read in the first load; the place of her `reports_to` is read from it now.
    const ann = cycle.diagnostics.find((d) => d.rule === "reports-to-cycle" && d.file.endsWith("ann.yml"));
    assert.deepEqual([ann?.line, ann?.column], [3, 13]);
    const mended = await store.load([write("bob", "name: Bob\npicture: b.jpg\n")]);
    assert.deepEqual(errors(mended), ["cy.yml reports-to-unknown"]);
    // The problem's own file changed, keeping its `reports_to`: its position may have moved.
    const moved = await store.load([write("cy", "# moved down\nname: Cy\npicture: c.jpg\nreports_to: nobody\n")]);
    assert.equal(moved.diagnostics.find((d) => d.rule === "reports-to-unknown")?.line, 4);
  });
});

describe("watch mode: files that change without being named", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-watch-"));
    cpSync(path.join(root, "data/team_members"), path.join(dir, "team_members"), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("drops a deleted member on the next rebuild even when the deletion is not reported", async () => {
    const store = new TeamStore(["team_members"], { cwd: dir });
    await store.load();
    unlinkSync(path.join(dir, "team_members/person/b/bmwangi.yml"));
    const after = await store.load([]); // a rebuild for an unrelated change
    assert.ok(!after.members.some((m) => m.slug === "bmwangi"));
  });

  it("moves a file to another letter folder without a false duplicate-slug", async () => {
    const store = new TeamStore(["team_members"], { cwd: dir });
    const before = await store.load();
    const to = path.join(dir, "team_members/person/m/bmwangi.yml");
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(path.join(dir, "team_members/person/b/bmwangi.yml"), to);
    unlinkSync(path.join(dir, "team_members/person/b/bmwangi.yml"));
    const after = await store.load([to]); // only the addition is reported
    assert.deepEqual(
      after.diagnostics.filter((d) => d.severity === "error").map((d) => d.rule),
      ["letter-folder"],
    );
    assert.equal(after.summary.files, before.summary.files);
  });
});

describe("the team folder itself", () => {
  it("may be a symbolic link the user names (links inside it are still refused)", async () => {
    const { symlinkSync } = await import("node:fs");
    const dir = mkdtempSync(path.join(tmpdir(), "mentor-link-"));
    try {
      cpSync(path.join(root, "data/team_members"), path.join(dir, "real"), { recursive: true });
      symlinkSync(path.join(dir, "real"), path.join(dir, "team_members"));
      const report = await new TeamStore(["team_members"], { cwd: dir }).load();
      assert.ok(report.summary.members >= 40);
      assert.equal(report.summary.errors, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("TeamStore: a watch-mode load is the load of a fresh store", () => {
  /** What a report says, without object identity. */
  function shown(report: TeamReport): unknown {
    return {
      summary: report.summary,
      files: report.files,
      members: report.members.map((m) => [m.slug, m.name, m.role, m.mentor]),
      diagnostics: report.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.message]),
    };
  }

  const CONTENTS = [
    "name: Ada Edited\nrole: Engineer\nmentor: true\n",
    'name: Ada Edited\nrole: <a href="/x">Engineer</a>\nreports_to: nobody-here\n',
    "name: [unclosed\n",
    "role: no name here\n",
    "name: Grace\nmentor: yes\n",
  ];
  const step = fc.oneof(
    fc.record({ kind: fc.constant("edit" as const), at: fc.nat(), content: fc.constantFrom(...CONTENTS) }),
    fc.record({
      kind: fc.constant("add" as const),
      name: fc.constantFrom("aa", "zz", "mm"),
      content: fc.constantFrom(...CONTENTS),
      named: fc.boolean(),
    }),
    fc.record({ kind: fc.constant("remove" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("rename" as const), at: fc.nat() }),
  );

  // The watcher names each saved file; a file that comes or goes is seen by the listing, named or not.
  it("after any edits, additions, deletions and renames", async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), async (builds) => {
        const dir = mkdtempSync(path.join(tmpdir(), "mentor-store-watch-"));
        try {
          cpSync(path.join(root, "data/team_members"), path.join(dir, "team_members"), { recursive: true });
          // The last folder listed: a file removed there may be the last of the listing.
          const folder = path.join(dir, "team_members/person/z");
          mkdirSync(folder, { recursive: true });
          const store = new TeamStore(["team_members"], { cwd: dir });
          await store.load();
          for (const changes of builds) {
            const named: string[] = [];
            for (const change of changes) {
              const files = readdirSync(folder).sort();
              const pick = (at: number): string | undefined =>
                files.length === 0 ? undefined : path.join(folder, files[at % files.length] as string);
              if (change.kind === "add") {
                const file = path.join(folder, `${change.name}.yml`);
                writeFileSync(file, change.content);
                if (change.named) named.push(file);
              } else {
                const file = pick(change.at);
                if (file === undefined) continue;
                if (change.kind === "edit") {
                  writeFileSync(file, change.content);
                  named.push(file);
                } else if (change.kind === "remove") unlinkSync(file);
                else renameSync(file, path.join(folder, `renamed-${path.basename(file)}`));
              }
            }
            const watched = await store.load(named);
            const fresh = await new TeamStore(["team_members"], { cwd: dir }).load();
            assert.deepEqual(shown(watched), shown(fresh));
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40, seed: 21 },
    );
  });
});
