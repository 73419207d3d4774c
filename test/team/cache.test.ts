import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setImmediate as tick } from "node:timers/promises";
import { TeamStore } from "../../plugin/team/store.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("the parse cache", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-cache-"));
    cpSync(path.join(root, "data/team_members"), path.join(dir, "team_members"), { recursive: true });
    cpSync(path.join(root, "test/fixtures/validate/mentor-yes/team_members/person/j/jdoe.yml"), path.join(dir, "team_members/person/j/jdoe.yml"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = async (): Promise<Awaited<ReturnType<TeamStore["load"]>>> => {
    const report = await new TeamStore(["team_members"], { cwd: dir, cacheDir: ".cache" }).load();
    await tick(); // the cache is written just after the answer
    return report;
  };

  it("gives the same report from the cache as from parsing, positions included", async () => {
    const fresh = await load();
    assert.equal(readdirSync(path.join(dir, ".cache")).length, 1, "one cache file written");
    const warm = await load();
    assert.deepEqual(warm.summary, fresh.summary);
    assert.deepEqual(warm.diagnostics, fresh.diagnostics);
    assert.deepEqual(warm.members, fresh.members);
    assert.ok(warm.diagnostics.some((d) => d.rule === "mentor-not-boolean" && d.line === 3 && d.column === 9));
  });

  it("misses for a file whose content changed", async () => {
    await load();
    writeFileSync(path.join(dir, "team_members/person/j/jdoe.yml"), "name: Jane Doe\npicture: jdoe.jpg\nmentor: true\n");
    const warm = await load();
    assert.ok(!warm.diagnostics.some((d) => d.rule === "mentor-not-boolean"));
    assert.ok(warm.members.find((m) => m.slug === "jdoe")?.mentor);
  });

  it("ignores a damaged cache file", async () => {
    await load();
    const [file] = readdirSync(path.join(dir, ".cache"));
    writeFileSync(path.join(dir, ".cache", file as string), "not a cache");
    const report = await load();
    assert.equal(report.summary.errors, 1);
  });
});
