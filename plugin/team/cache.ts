/**
 * A parse cache keyed by file content: for each team file, what parsing, validating and building
 * its member produced. Unchanged files cost a read and a hash instead of a YAML parse, a schema
 * validation and an HTML parse of their expertise. Keyed by content, not by time stamps, so a CI
 * job may restore the folder into a fresh clone and still hit.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import type { Diagnostic } from "../diagnostics.js";
import { schemaPath } from "./schema.js";

/** What one file gave, apart from the rules that span files. */
export interface CachedFile {
  readonly data: Readonly<Record<string, unknown>>;
  /** Diagnostics of parsing (notices) and of the entry's own checks. */
  readonly diagnostics: readonly Diagnostic[];
  /** The member is not stored: it is rebuilt from `data` and `own`, which is cheap. */
  readonly own: readonly Diagnostic[];
}

const FORMAT = 2;

/** Anything that changes what a file gives invalidates every key: format, package, schema. */
function salt(): string {
  const require = createRequire(import.meta.url);
  // The code that turns a file into its results, too: a change to the rules without a new
  // version (a local build, a linked package) must not serve results of the old rules.
  const here = path.dirname(fileURLToPath(import.meta.url));
  let code = "";
  for (const dir of [here, path.join(here, "../html"), path.join(here, "..")]) {
    try {
      for (const name of readdirSync(dir).sort()) if (/\.(js|ts)$/.test(name)) code += readFileSync(path.join(dir, name), "utf8");
    } catch {
      // A folder that is not there (a bundled build) only weakens the key.
    }
  }
  const version = (require("eleventy-plugin-mentor-directory/package.json") as { version: string }).version;
  let schema = "";
  try {
    schema = readFileSync(schemaPath, "utf8");
  } catch {
    // Without the schema nothing validates anyway; the key only needs to be stable.
  }
  return createHash("sha256").update(`${FORMAT}\0${version}\0${schema}\0`).update(code).digest("hex");
}

export class ParseCache {
  readonly #file: string;
  readonly #salt = salt();
  #entries = new Map<string, CachedFile>();
  #used = new Map<string, CachedFile>();
  #dirty = false;

  /** `dir` holds one file per team folder set (`key` tells them apart). */
  constructor(dir: string, key: string) {
    this.#file = path.join(dir, `team-${createHash("sha256").update(key).digest("hex").slice(0, 16)}.v8`);
    try {
      const stored = deserialize(readFileSync(this.#file)) as { salt: string; entries: Map<string, CachedFile> };
      if (stored.salt === this.#salt && stored.entries instanceof Map) this.#entries = stored.entries;
    } catch {
      // No cache yet, or one from another version: start empty.
    }
  }

  /** The key of a file: where it is (slug, folder and type come from it) and what it holds. */
  key(shown: string, bytes: Uint8Array): string {
    return createHash("sha1").update(shown).update("\0").update(bytes).digest("base64");
  }

  get(key: string): CachedFile | undefined {
    const hit = this.#entries.get(key);
    if (hit) this.#used.set(key, hit);
    return hit;
  }

  set(key: string, value: CachedFile): void {
    this.#used.set(key, value);
    this.#dirty = true;
  }

  /** Write what this load used (dropping entries of files that changed or went away). */
  save(): void {
    if (!this.#dirty && this.#used.size === this.#entries.size) return;
    try {
      mkdirSync(path.dirname(this.#file), { recursive: true });
      const temporary = `${this.#file}.${process.pid}.tmp`;
      writeFileSync(temporary, serialize({ salt: this.#salt, entries: this.#used }));
      renameSync(temporary, this.#file);
      this.#entries = this.#used;
      this.#used = new Map();
      this.#dirty = false;
    } catch {
      // A cache that cannot be written only costs time on the next build.
    }
  }
}
