// Watch mode keeps the rules across files in step with which files are rejected.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TeamStore } from "../../plugin/team/pipeline/team-store.js";

describe("TeamStore: a manager's file rejected, then fixed, in watch mode", () => {
  let dir: string;
  const write = (slug: string, text: string): string => {
    const file = path.join(dir, "team_members/person", slug[0] as string, `${slug}.yml`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  const blamed = (diagnostics: readonly { file: string; rule: string }[]): string[] =>
    diagnostics.map((d) => `${path.basename(d.file)} ${d.rule}`).sort();
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-rejected-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("blames only the manager's file while it is broken, and no one once it is fixed", async () => {
    write("amember", "name: Ana Member\npicture: a.jpg\nreports_to: hkaur\n");
    write("bmember", "name: Bo Member\npicture: b.jpg\nreports_to: hkaur\n");
    const store = new TeamStore(["team_members"], { cwd: dir });
    // No file for the manager yet: the reports are dangling.
    assert.deepEqual(blamed((await store.load()).diagnostics), ["amember.yml reports-to-unknown", "bmember.yml reports-to-unknown"]);
    // The manager's file appears, empty: the problem is that file's alone.
    const manager = write("hkaur", "");
    assert.deepEqual(blamed((await store.load([manager])).diagnostics), ["hkaur.yml not-a-mapping"]);
    writeFileSync(manager, "name: H Kaur\npicture: h.jpg\n");
    const fixed = await store.load([manager]);
    assert.deepEqual(fixed.diagnostics, []);
    assert.equal(fixed.members.find((m) => m.slug === "amember")?.reportsTo, "hkaur");
    // Broken again, as YAML this time.
    writeFileSync(manager, "name: 'H Kaur\npicture: h.jpg\n");
    assert.deepEqual(blamed((await store.load([manager])).diagnostics), ["hkaur.yml yaml-syntax"]);
  });
});
