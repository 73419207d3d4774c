// A newcomer's first `npm run build` must not print a warning: they would take it for a broken build.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("a fresh build of the repository", function () {
  this.timeout(120_000);

  it("prints no warning and no error", () => {
    const out = mkdtempSync(path.join(tmpdir(), "mentor-quiet-"));
    try {
      // The same command `npm run build` runs after compiling (the tests compile first).
      const run = spawnSync(process.execPath, [path.join(root, "node_modules/@11ty/eleventy/cmd.cjs"), `--output=${out}`], {
        cwd: root,
        encoding: "utf8",
        timeout: 110_000,
      });
      const log = `${run.stdout}\n${run.stderr}`;
      assert.equal(run.status, 0, log);
      assert.match(log, /0 errors, 0 warnings/, "the plugin's summary line is printed");
      assert.doesNotMatch(log, /\bwarning\b(?!s)/i, log);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
