import assert from "node:assert/strict";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { entryBudget, isEntryOf, Walk, type UncheckedEntry } from "../../plugin/team/cache/stored-check.js";
import { cacheFile, forgeEntry, JDOE, loadTeam, readStored, Tally, teamFolder, visible, type Stored } from "./helpers.js";

/** A list holding the same list twice, `levels` times over: 2^levels values to a walk that does not notice. */
function sharedLists(levels: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < levels; i += 1) value = [value, value];
  return value;
}

/** Every entry of the cache file `file`, with the file it is about, as a build reads them. */
function entriesOf(file: string): { shown: string; entry: UncheckedEntry }[] {
  const stored = readStored(file);
  return stored.shown.map((shown, i) => {
    const key = stored.fileKeys[i] as string;
    const at = stored.keys.indexOf(key);
    const notes = stored.notes.get(key) as [unknown, unknown] | undefined;
    return { shown, entry: { data: stored.data[at], diagnostics: notes?.[0] ?? [], own: notes?.[1] ?? [] } };
  });
}

describe("faults: a forged parse cache costs no more to check than its file to parse", function () {
  let dir: string;
  let fresh: unknown;
  let jdoeBytes: number;

  before(async () => {
    dir = teamFolder("mentor-faults-cache-cost-");
    jdoeBytes = statSync(path.join(dir, JDOE)).size;
    fresh = visible((await loadTeam(dir)).report);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A cache of the team whose entry for jdoe is rewritten by `forge`. */
  const forged = async (forge: (stored: Stored, key: string, at: number) => void): Promise<string> => {
    rmSync(path.join(dir, "forged"), { recursive: true, force: true });
    await loadTeam(dir, "forged");
    const file = cacheFile(path.join(dir, "forged"));
    forgeEntry(file, JDOE, forge);
    return file;
  };

  it("refuses an entry of shared lists nested 30 deep after a few dozen values, and parses the file again", async () => {
    const file = await forged((s, _k, at) => void (s.data[at] = { ...s.data[at], projects: sharedLists(30) }));
    assert.ok(serialize(sharedLists(30)).length < 300, "a few hundred bytes on disk");
    const jdoe = entriesOf(file).find((e) => e.shown === JDOE);
    assert.ok(jdoe, "the forged entry is in the cache");
    const walk = new Walk(entryBudget(jdoeBytes));
    assert.equal(isEntryOf(jdoe.entry, JDOE, walk), false);
    // A walk that met each list anew would visit 2^31 values; this one stops at the first list met twice.
    assert.ok(walk.visited < 100, `${walk.visited} values visited`);
    assert.ok(walk.visited < walk.budget, "refused for the shared list, not for the budget");

    const tally = new Tally("forged entries too costly to check");
    const { report, warnings } = await loadTeam(dir, "forged");
    tally.record(true, JSON.stringify(visible(report)) === JSON.stringify(fresh));
    tally.print();
    assert.deepEqual(visible(report), fresh, "the file is parsed again: the report is a fresh build's");
    assert.deepEqual(warnings, [], "like any entry a team file could not give: dropped without a word");
    const rewritten = entriesOf(cacheFile(path.join(dir, "forged"))).find((e) => e.shown === JDOE);
    assert.ok(rewritten && isEntryOf(rewritten.entry, JDOE, new Walk(entryBudget(jdoeBytes))), "the cache holds the real entry again");
  });

  it("counts the same work for 15 levels as for 30: the check is linear in what was stored, not in what it stands for", () => {
    const visits = [15, 30].map((levels) => {
      const walk = new Walk(entryBudget(jdoeBytes));
      isEntryOf({ data: deserialize(serialize({ projects: sharedLists(levels) })), diagnostics: [], own: [] }, JDOE, walk);
      return walk.visited;
    });
    const [fifteen, thirty] = visits as [number, number];
    // Twice the levels: twice the values stored, about twice the values visited (not 2^15 times).
    assert.ok(thirty <= 2 * fifteen + 2, `15 levels: ${fifteen} values visited; 30 levels: ${thirty}`);
  });

  it("refuses a tree larger than its file could give (the node budget), and parses the file again", async () => {
    const budget = entryBudget(jdoeBytes);
    const many = Array.from({ length: budget }, (_, i) => `project ${i}`);
    const file = await forged((s, _k, at) => void (s.data[at] = { ...s.data[at], projects: many }));
    const jdoe = entriesOf(file).find((e) => e.shown === JDOE);
    assert.ok(jdoe);
    const walk = new Walk(budget);
    assert.equal(isEntryOf(jdoe.entry, JDOE, walk), false);
    assert.equal(walk.visited, budget, "the walk stops when the budget is spent");
    // The same tree is plain data: only its size refuses it.
    assert.equal(isEntryOf(jdoe.entry, JDOE, new Walk(budget + many.length)), true);

    const { report, warnings } = await loadTeam(dir, "forged");
    assert.deepEqual(visible(report), fresh);
    assert.deepEqual(warnings, []);
  });

  it("keeps using a cache of real files, the densest shapes included, whose entries stay well within the budget", async () => {
    // The densest values per byte (`[:,:,…]`: a mapping and its null per two bytes), the densest
    // errors per byte (a `schema-type` error per item), and both at once, at 100 KB each.
    const shapes = {
      "zvalues.yml": `name: Dense Values\npicture: z.jpg\nprojects: [${":,".repeat(50_000)}]\n`,
      "zerrors.yml": `name: Dense Errors\npicture: z.jpg\ndepartments:\n${"-\n".repeat(50_000)}`,
      "zboth.yml": `name: Dense Both\npicture: z.jpg\nexpertise: [${":,".repeat(50_000)}]\n`,
    };
    const dense = Object.keys(shapes).map((name) => path.join(dir, "team_members/person/z", name));
    mkdirSync(path.join(dir, "team_members/person/z"), { recursive: true });
    for (const [name, text] of Object.entries(shapes)) writeFileSync(path.join(dir, "team_members/person/z", name), text);
    // File stamps are trusted only for files older than the read by the clock's step (2 s): then a
    // warm load reads only the files whose entries it refused.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    try {
      rmSync(path.join(dir, "real"), { recursive: true, force: true });
      const { report } = await loadTeam(dir, "real");
      const file = cacheFile(path.join(dir, "real"));
      const entries = entriesOf(file);
      assert.equal(entries.length, report.summary.files, "every file has an entry");
      for (const { shown, entry } of entries) {
        const bytes = statSync(path.join(dir, shown)).size;
        const walk = new Walk(entryBudget(bytes));
        assert.ok(isEntryOf(entry, shown, walk), `${shown}: the entry passes the check`);
        // At most 1.5 per byte (values and diagnostics of `zboth.yml`): half the budget's 3.
        assert.ok(walk.visited <= 1.5 * bytes + 64, `${shown}: ${walk.visited} values and diagnostics for ${bytes} bytes`);
        if (shown.endsWith("zboth.yml"))
          assert.ok(walk.visited > 1.4 * bytes, `zboth.yml is as dense as said: ${walk.visited} for ${bytes} bytes`);
      }
      const warm = await loadTeam(dir, "real");
      assert.deepEqual(
        warm.store.lastLoad,
        { read: 0, unchanged: report.summary.files, readAhead: 0 },
        "every entry was used: no file was read",
      );
      assert.deepEqual(visible(warm.report), visible(report));
    } finally {
      for (const file of dense) rmSync(file, { force: true });
    }
  });
});
