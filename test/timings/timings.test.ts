// The timing report: off unless asked for, and then every phase of a load is in it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { debugAsksForTimings, startTimings, stopTimings, timed } from "../../plugin/diagnostics/timings.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "dist/plugin/cli/main.js");

describe("phase timings", () => {
  afterEach(() => stopTimings());

  it("reads DEBUG as the debug package does: wildcards, lists, exclusions", () => {
    for (const on of [
      "Eleventy:MentorDirectory*",
      "Eleventy*",
      "*",
      "Eleventy:Template,Eleventy:MentorDirectory:*",
      "foo Eleventy:MentorDirectory:Timings",
    ]) {
      assert.equal(debugAsksForTimings(on), true, on);
    }
    for (const off of [undefined, "", "Eleventy:Template*", "MentorDirectory*", "Eleventy*,-Eleventy:MentorDirectory*", "*,-*Timings"]) {
      assert.equal(debugAsksForTimings(off), false, String(off));
    }
  });

  it("records nothing unless a recording is running, and sums the calls of each phase", () => {
    assert.equal(
      timed("parse", () => 42),
      42,
    );
    assert.equal(stopTimings(), undefined);
    const times = startTimings();
    timed("read", () => undefined);
    timed("parse", () => undefined);
    timed("parse", () => undefined);
    assert.throws(
      () =>
        timed("rules", () => {
          throw new Error("kept");
        }),
      /kept/,
    );
    assert.equal(stopTimings(), times);
    assert.deepEqual(
      times.entries().map((e) => [e.phase, e.calls]),
      [
        ["read", 1],
        ["parse", 2],
        ["rules", 1],
      ],
    );
    assert.ok(times.entries().every((e) => e.ms >= 0));
    assert.match(times.format(), /^timings \(ms\): read [\d.]+, parse [\d.]+ \(2×\), rules [\d.]+; phases [\d.]+ of [\d.]+ since start/);
    timed("list", () => undefined);
    assert.equal(times.entries().length, 3, "nothing is added once the recording stopped");
  });

  it("validate --timings prints each phase to stderr and leaves the report as it was", () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, [cli, "validate", "data/team_members", "--format", "json", ...args], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, DEBUG: "" },
      });
    const plain = run([]);
    const timedRun = run(["--timings"]);
    assert.equal(timedRun.status, plain.status);
    assert.equal(timedRun.stdout, plain.stdout);
    assert.equal(plain.stderr, "");
    const line = timedRun.stderr.trim();
    for (const phase of ["list", "read", "parse", "validate", "rules", "team-rules"])
      assert.match(line, new RegExp(`\\b${phase} [\\d.]+`), phase);
  });
});
