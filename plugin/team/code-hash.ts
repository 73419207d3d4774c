/**
 * The hash of the package's compiled code, worked out when the package is compiled (see
 * `scripts/compile.ts`) and read here: cached results are only reused by the code that made them.
 * Working it out at run time would mean reading the package's own folders on every build and
 * knowing which of them matter; at compile time every compiled file is hashed, whatever its folder.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PACKAGE } from "../package.js";
import { digest } from "../text/hash.js";

/** Where the compile step writes the hash, relative to the package's root. */
export const CODE_HASH_FILE = "dist/code-hash.json";

/** One compiled file: its path relative to the package's root, and its bytes. */
export interface CompiledFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** The hash of a set of files: each path and content, in code-unit order of path. */
export function hashFiles(files: readonly CompiledFile[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return digest(sorted.flatMap((f) => [f.path, digest([f.bytes])]));
}

/** What the hash covers: every file the compile step wrote below `dist/`, and the schemas. */
export function compiledFiles(root: string): CompiledFile[] {
  const below = (folder: string): CompiledFile[] =>
    readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
      .filter((file) => file !== CODE_HASH_FILE)
      .map((file) => ({ path: file, bytes: readFileSync(path.join(root, file)) }));
  return [...below("dist"), ...below("data/schema")];
}

/** The package's root folder (where its `package.json` is). */
export function packageRoot(): string {
  return path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
}

let known: string | undefined;

/**
 * The compiled code's hash, as the compile step recorded it; `"uncompiled"` when no record is
 * there (a copy assembled without the compile step), which keys the cache on the version alone.
 */
export function codeHash(): string {
  if (known !== undefined) return known;
  try {
    const record = JSON.parse(readFileSync(path.join(packageRoot(), CODE_HASH_FILE), "utf8")) as { sha256?: unknown };
    known = typeof record.sha256 === "string" ? record.sha256 : "uncompiled";
  } catch {
    known = "uncompiled";
  }
  return known;
}
