/**
 * The hash of the package's compiled code, worked out when the package is compiled (see
 * `scripts/compile.ts`) and read here: cached results are only reused by the code that made them.
 * Working it out at run time would mean reading the package's own folders on every build and
 * knowing which of them matter; at compile time every compiled file is hashed, whatever its folder.
 * Only a run from the TypeScript sources (the repository's own tests and scripts, through tsx),
 * which has no compiled code to speak of, hashes the sources it runs instead.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PACKAGE } from "../../package.js";
import { digest } from "../../text/hash.js";

/** Where the compile step writes the hash, relative to the package's root. */
export const CODE_HASH_FILE = "dist/code-hash.json";

/** One compiled file: its path relative to the package's root, and its bytes. */
interface CompiledFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** The hash of a set of files: each path and content, in code-unit order of path. */
export function hashFiles(files: readonly CompiledFile[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return digest(sorted.flatMap((f) => [f.path, digest([f.bytes])]));
}

/** Every file below `folders` of `root` (subfolders too), but the record itself. */
function filesBelow(root: string, folders: readonly string[]): CompiledFile[] {
  return folders.flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
      .filter((file) => file !== CODE_HASH_FILE)
      .map((file) => ({ path: file, bytes: readFileSync(path.join(root, file)) })),
  );
}

/** What the hash covers: every file the compile step wrote below `dist/`, and the schemas. */
export function compiledFiles(root: string): CompiledFile[] {
  return filesBelow(root, ["dist", "data/schema"]);
}

/** What a run from the sources hashes instead: the code it runs (all of it, subfolders too), and the schemas. */
export function sourceFiles(root: string): CompiledFile[] {
  return filesBelow(root, ["plugin", "shortcodes", "data/schema"]);
}

/** The package's root folder (where its `package.json` is). */
export function packageRoot(): string {
  return path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
}

let known: string | undefined;

/**
 * The hash of the code that is running: the compile step's record for compiled code, a hash of
 * the sources for a run from them. Without a record (a copy assembled without the compile step)
 * it is a new value in each process: the cache then never serves results across runs, which is
 * slower but never wrong.
 */
export function codeHash(): string {
  known ??= import.meta.url.endsWith(".ts") ? hashFiles(sourceFiles(packageRoot())) : recordedHash();
  return known;
}

/** The hash the compile step recorded below `root`; without one, a value no other call gives. */
export function recordedHash(root: string = packageRoot()): string {
  try {
    const record = JSON.parse(readFileSync(path.join(root, CODE_HASH_FILE), "utf8")) as { sha256?: unknown };
    if (typeof record.sha256 === "string") return record.sha256;
  } catch {
    // No record: below.
  }
  return `unrecorded ${randomUUID()}`;
}
