import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { discover, RACY_MS, type Listings } from "../../plugin/team/read/listing.js";
import { mayContinueAtColumnOne, opensUnclosedQuote } from "../../plugin/yaml/unindented-continuation.js";
import { positionsFromDisk, restoreEntry } from "../../plugin/team/read/parse-entry.js";
import { readFileBytes } from "../../plugin/team/read/file-bytes.js";

// The rule as a regular expression: clear to read, slow to run on every file.
const SPEC = /^[^#\n]*:[ \t]+(['"])(?:(?!\1)[^\n])*$/m;

describe("opensUnclosedQuote", () => {
  it("finds a quoted value left open on its line, and only that", () => {
    assert.equal(opensUnclosedQuote("name: Ann\nstory: 'It goes on\nand on'\n"), true);
    assert.equal(opensUnclosedQuote('story: "all on one line"\n'), false);
    assert.equal(opensUnclosedQuote("# note: 'not a value\nname: Ann\n"), false);
    assert.equal(opensUnclosedQuote("name: Ann\n"), false);
  });

  it("agrees with the rule written as a regular expression", () => {
    const piece = fc.constantFrom("key", ":", " ", "\t", "'", '"', "#", "\n", "x", "-", "\r");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((p) => p.join("")),
        (text) => {
          assert.equal(opensUnclosedQuote(text), SPEC.test(text), JSON.stringify(text));
        },
      ),
      { numRuns: 5000, seed: 20261125 },
    );
  });
});

describe("mayContinueAtColumnOne", () => {
  // The rule line by line, with regular expressions: a line at column 1 that is not a comment, a
  // list item or `key:` followed by a blank or its end, or a line that leaves a quoted value open.
  const bareAtColumnOne = (line: string): boolean => line !== "" && !/^[\s#-]/.test(line) && !/:(?:[ \t]|$)/.test(line);
  const leavesQuoteOpen = /^[^#]*:[ \t]+(['"])(?:(?!\1).)*$/;
  const spec = (text: string): boolean => text.split(/\r\n|\r|\n/).some((line) => bareAtColumnOne(line) || leavesQuoteOpen.test(line));

  it("agrees with the rule read line by line, whatever the quotes and line ends", () => {
    const piece = fc.constantFrom("key", ":", " ", "  ", "\t", "'", '"', "#", "\n", "\r", "\r\n", "x", "-", "a: b\n", "\u00a0");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((p) => p.join("")),
        (text) => {
          assert.equal(mayContinueAtColumnOne(text), spec(text), JSON.stringify(text));
        },
      ),
      { numRuns: 5000, seed: 20261207 },
    );
  });
});

describe("discover with listings kept between loads", () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-listing-"));
    for (const letter of ["a", "b"]) {
      mkdirSync(path.join(dir, "person", letter), { recursive: true });
      writeFileSync(path.join(dir, "person", letter, `${letter}1.yml`), "name: X\n");
    }
    // Listings are reused only for folders whose times are older than a clock step.
    await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reuses the listing of a folder whose times did not change, and lists again one that did", () => {
    const listings: Listings = new Map();
    const first = discover(dir, dir, listings);
    assert.deepEqual(
      first.files.map((f) => path.relative(dir, f)),
      ["person/a/a1.yml", "person/b/b1.yml"],
    );
    // Mark the kept listing of folder `a`: it shows only if the folder is not read again.
    const a = path.join(dir, "person", "a");
    const kept = listings.get(a);
    assert.ok(kept);
    listings.set(a, { ...kept, items: [...kept.items, { file: path.join(a, "marker.yml") }] });
    assert.ok(discover(dir, dir, listings).files.includes(path.join(a, "marker.yml")), "folder a was not read again");

    // A file added to folder b (and one removed from a) changes those folders' times.
    writeFileSync(path.join(dir, "person", "b", "b2.yml"), "name: Y\n");
    unlinkSync(path.join(a, "a1.yml"));
    const after = discover(dir, dir, listings).files.map((f) => path.relative(dir, f));
    assert.deepEqual(after, ["person/b/b1.yml", "person/b/b2.yml"]);
  });
});

describe("positionsFromDisk", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-positions-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the places of a file's values when asked, and none once the file changed or became a link", () => {
    const file = path.join(dir, "ann.yml");
    const text = "name: Ann\nreports_to: bob\n";
    writeFileSync(file, text);
    const positions = positionsFromDisk(file, Buffer.byteLength(text));
    assert.deepEqual(positions()?.entries?.get("reports_to")?.start, { line: 2, column: 13 });
    writeFileSync(file, "name: Ann Longer\nreports_to: bob\n");
    assert.equal(positions(), undefined, "the file no longer holds what was parsed");
    unlinkSync(file);
    writeFileSync(path.join(dir, "other.yml"), text);
    symlinkSync(path.join(dir, "other.yml"), file);
    assert.equal(positions(), undefined, "links are not followed");
  });
});

describe("readFileBytes", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mentor-read-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const ruleOf = (read: ReturnType<typeof readFileBytes>): string | undefined =>
    "diagnostics" in read ? read.diagnostics[0]?.rule : undefined;
  const textOf = (read: ReturnType<typeof readFileBytes>): string | undefined =>
    "bytes" in read ? Buffer.from(read.bytes).toString("utf8") : undefined;

  it("gives each file its own bytes, small or past the one-read size, with where it stood only when asked", () => {
    const small = path.join(dir, "ann.yml");
    const large = path.join(dir, "bob.yml");
    writeFileSync(small, "name: Ann\n");
    const story = `name: Bob\nstory: ${"x".repeat(200_000)}\n`;
    writeFileSync(large, story);
    const first = readFileBytes(small, { cwd: dir });
    const second = readFileBytes(large, { cwd: dir });
    // The first file's bytes are not a view of what the second read overwrote.
    assert.equal(textOf(first), "name: Ann\n");
    assert.equal(textOf(second), story);
    assert.equal("bytes" in first ? first.stat : "refused", undefined);
    const stamped = readFileBytes(small, { cwd: dir }, true);
    assert.equal("bytes" in stamped ? stamped.stat?.size : "refused", 10);
    assert.equal(textOf(stamped), "name: Ann\n");
  });

  it("refuses what is past the limit, at the limit's edge and beyond the one-read size", () => {
    const file = path.join(dir, "ann.yml");
    writeFileSync(file, "name: Ann\n");
    assert.equal(textOf(readFileBytes(file, { maxFileBytes: 10 })), "name: Ann\n");
    assert.equal(ruleOf(readFileBytes(file, { maxFileBytes: 9 })), "file-too-large");
    writeFileSync(file, "x".repeat(100_000));
    assert.equal(ruleOf(readFileBytes(file, { maxFileBytes: 99_999 })), "file-too-large");
    assert.equal(textOf(readFileBytes(file, { maxFileBytes: 100_000 }))?.length, 100_000);
  });

  it("reads an empty file as empty, and names a link, a folder and a pipe for what they are", () => {
    const empty = path.join(dir, "empty.yml");
    writeFileSync(empty, "");
    assert.equal(textOf(readFileBytes(empty)), "");
    const link = path.join(dir, "link.yml");
    symlinkSync(empty, link);
    assert.equal(ruleOf(readFileBytes(link)), "symlink");
    const folder = path.join(dir, "folder.yml");
    mkdirSync(folder);
    assert.equal(ruleOf(readFileBytes(folder)), "not-a-file");
    const pipe = path.join(dir, "pipe.yml");
    execFileSync("mkfifo", [pipe]);
    assert.equal(ruleOf(readFileBytes(pipe)), "not-a-file");
  });
});

describe("restoreEntry: type and letter folder", () => {
  const noPositions = (): undefined => undefined;
  it("reads them from the file's place under its root, file after file, whatever root each is read under", () => {
    const root = path.join(path.sep, "site", "team_members");
    const person = path.join(root, "person");
    const file = path.join(person, "j", "jdoe.yml");
    const bot = path.join(root, "bot", "r", "robot.yml");
    // The same folder under two roots, one after the other and back: each answer is its root's.
    const seen = [
      restoreEntry(root, file, "jdoe.yml", noPositions, {}),
      restoreEntry(path.join(person, "j"), file, "jdoe.yml", noPositions, {}),
      restoreEntry(root, file, "jdoe.yml", noPositions, {}),
      restoreEntry(root, bot, "robot.yml", noPositions, {}),
      restoreEntry(root, path.join(root, "bot", "robot.yml"), "robot.yml", noPositions, {}),
    ].map((entry) => `${entry.type}/${entry.folder}/${entry.slug}`);
    assert.deepEqual(seen, ["person/j/jdoe", "person//jdoe", "person/j/jdoe", "bot/r/robot", "bot//robot"]);
  });

  it("keeps `source` an own, enumerable property worked out once, in the entry's key order", () => {
    let calls = 0;
    const entry = restoreEntry(
      path.sep,
      path.join(path.sep, "a", "ann.yml"),
      "ann.yml",
      () => ((calls += 1), { start: { line: 1, column: 1 } }),
      {},
    );
    assert.deepEqual(Object.keys(entry), ["file", "slug", "folder", "type", "data", "source"]);
    assert.deepEqual(entry.source, { start: { line: 1, column: 1 } });
    assert.equal(entry.source, entry.source);
    assert.equal(calls, 1);
    assert.deepEqual((JSON.parse(JSON.stringify(entry)) as { source: unknown }).source, { start: { line: 1, column: 1 } });
  });
});
