import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { setImmediate as tick } from "node:timers/promises";
import { cacheFileOf, cacheSalt } from "../../plugin/team/cache/parse-cache.js";
import { readFrame } from "../../plugin/team/cache/frame-file.js";
import {
  CODE_HASH_FILE,
  codeHash,
  compiledFiles,
  hashFiles,
  packageRoot,
  recordedHash,
  sourceFiles,
} from "../../plugin/team/cache/code-hash.js";
import { schemaText } from "../../plugin/team/read/schema-file.js";
import { TeamStore } from "../../plugin/team/pipeline/team-store.js";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("the compiled code's hash (parse-cache key)", () => {
  it("changes with any file's content or path, and not with the order files are listed in", () => {
    const files = [
      { path: "dist/plugin/team/rules.js", bytes: bytes("export const a = 1;") },
      { path: "dist/plugin/new-folder/deep/extra.js", bytes: bytes("export const b = 2;") },
    ];
    const base = hashFiles(files);
    assert.equal(hashFiles([...files].reverse()), base);
    assert.notEqual(
      hashFiles([files[0]!, { ...files[1]!, bytes: bytes("export const b = 3;") }]),
      base,
      "a file in a new subfolder counts",
    );
    assert.notEqual(hashFiles([files[0]!, { ...files[1]!, path: "dist/plugin/other.js" }]), base);
    assert.notEqual(hashFiles(files.slice(0, 1)), base);
  });

  it("is recorded by the compile step for exactly the compiled tree", () => {
    const root = packageRoot();
    const record = JSON.parse(readFileSync(path.join(root, CODE_HASH_FILE), "utf8")) as { sha256: string; files: number };
    const files = compiledFiles(root);
    assert.ok(files.some((f) => f.path === "dist/plugin/team/check/rules.js"));
    assert.ok(
      files.some((f) => f.path === "dist/plugin/markdown/remark-hugo-shortcodes/lib/syntax.js"),
      "subfolders are covered",
    );
    assert.ok(files.some((f) => f.path === "data/schema/team-member.schema.json"));
    assert.equal(record.files, files.length);
    assert.equal(record.sha256, hashFiles(files), "dist/ changed after `npm run compile` recorded its hash");
  });

  it("is the record for the compiled code, and a hash of all the sources for a run from them", async () => {
    const root = packageRoot();
    const record = JSON.parse(readFileSync(path.join(root, CODE_HASH_FILE), "utf8")) as { sha256: string };
    const compiled = (await import(path.join(root, "dist/plugin/team/cache/code-hash.js"))) as { codeHash: () => string };
    assert.equal(compiled.codeHash(), record.sha256);
    // These tests run the TypeScript sources.
    const sources = sourceFiles(root);
    assert.ok(
      sources.some((f) => f.path === "plugin/markdown/remark-hugo-shortcodes/lib/syntax.ts"),
      "subfolders are covered",
    );
    assert.ok(sources.some((f) => f.path === "data/schema/team-member.schema.json"));
    assert.equal(codeHash(), hashFiles(sources));
  });
  it("without a record (a copy assembled without compiling) is new for each process, so no cache is reused", () => {
    const bare = mkdtempSync(path.join(tmpdir(), "mentor-no-record-"));
    try {
      const first = recordedHash(bare);
      assert.match(first, /^unrecorded /);
      assert.notEqual(recordedHash(bare), first);
      const record = JSON.parse(readFileSync(path.join(packageRoot(), CODE_HASH_FILE), "utf8")) as { sha256: string };
      assert.equal(recordedHash(packageRoot()), record.sha256);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe("the parse cache's key", () => {
  it("changes with the code and with the schema's text", () => {
    const base = cacheSalt("code", "{}");
    assert.notEqual(cacheSalt("other code", "{}"), base);
    assert.notEqual(cacheSalt("code", '{"type":"object"}'), base);
    assert.equal(cacheSalt("code", "{}"), base);
  });

  it("is what a written cache records: the running code's hash and the schema as read", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mentor-cache-salt-"));
    try {
      cpSync(path.join(packageRoot(), "data/team_members"), path.join(dir, "team_members"), { recursive: true });
      await new TeamStore(["team_members"], { cwd: dir, cacheDir: ".cache" }).load();
      await tick(); // the cache is written just after the answer
      const [name] = readdirSync(path.join(dir, ".cache"));
      assert.ok(name !== undefined, "a cache file is written");
      const read = readFrame(path.join(dir, ".cache", name), name);
      assert.ok("payload" in read, "the cache file reads whole");
      const stored = cacheFileOf(read.payload)?.index as { salt: string };
      assert.equal(stored.salt, cacheSalt(codeHash(), schemaText()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
