// Compiles the package into dist/ from nothing (no file of an older layout is left to ship), then
// records the hash of everything compiled and of the schemas, which keys the parse cache.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CODE_HASH_FILE, compiledFiles, hashFiles, packageRoot } from "../plugin/team/code-hash.js";

const root = packageRoot();
rmSync(path.join(root, "dist"), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json")], { stdio: "inherit" });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const files = compiledFiles(root);
writeFileSync(path.join(root, CODE_HASH_FILE), `${JSON.stringify({ sha256: hashFiles(files), files: files.length }, null, 2)}\n`);
