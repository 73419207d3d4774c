import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { CODE_HASH_FILE, codeHash, compiledFiles, hashFiles, packageRoot } from "../../plugin/team/code-hash.js";

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

  it("is recorded by the compile step for exactly the compiled tree, and read back at run time", () => {
    const root = packageRoot();
    const record = JSON.parse(readFileSync(path.join(root, CODE_HASH_FILE), "utf8")) as { sha256: string; files: number };
    const files = compiledFiles(root);
    assert.ok(files.some((f) => f.path === "dist/plugin/team/rules.js"));
    assert.ok(
      files.some((f) => f.path === "dist/plugin/markdown/remark-hugo-shortcodes/lib/syntax.js"),
      "subfolders are covered",
    );
    assert.ok(files.some((f) => f.path === "data/schema/team-member.schema.json"));
    assert.equal(record.files, files.length);
    assert.equal(record.sha256, hashFiles(files), "dist/ changed after `npm run compile` recorded its hash");
    assert.equal(codeHash(), record.sha256);
  });
});
