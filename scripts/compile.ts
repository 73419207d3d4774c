// Compiles the package into dist/ from nothing (no file of an older layout is left to ship):
// TypeScript to one module per source file with its types (`dist/plugin/`, what the types and the
// repository's own tests use), then each entry point bundled (`dist/bundle/`, what the package's
// `exports` and command load): the plugin's entries into one file each, since Eleventy resolves
// every module a plugin imports one by one and one file loads several times faster than hundreds;
// the command into a small file and the chunks it loads as it needs them. Last, it records the hash
// of everything compiled and of the schemas, which keys the parse cache.
import { spawnSync } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build, type BuildOptions } from "esbuild";
import { CODE_HASH_FILE, compiledFiles, hashFiles, packageRoot } from "../plugin/team/cache/code-hash.js";

const root = packageRoot();
rmSync(path.join(root, "dist"), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json")], { stdio: "inherit" });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

/** The bundles, by the name of their file in `dist/bundle/`. */
const ENTRY_POINTS = {
  index: "plugin/index.ts",
  "remark-hugo-shortcodes": "plugin/markdown/remark-hugo-shortcodes/index.ts",
  // The read-ahead worker's own file (see `read-ahead.ts`), beside the bundle that starts it.
  "read-ahead-worker": "plugin/team/read/read-ahead-worker.ts",
};
const outdir = path.join(root, "dist/bundle");
const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outdir,
  // Eleventy is the host, never a copy of ours.
  external: ["@11ty/eleventy"],
  // Dependencies written as CommonJS call `require`, which an ES module lacks.
  banner: { js: 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);' },
  legalComments: "none",
  logLevel: "warning",
};
await build({ ...common, entryPoints: ENTRY_POINTS });
// The command is one small file and the chunks its commands load when they run (`cli-*.js`, beside
// it): a report the parse cache kept whole starts without the parser and the checks. A plugin is
// imported through Eleventy's loader, which resolves every file one by one, so it stays one file.
await build({ ...common, entryPoints: { cli: "plugin/cli/main.ts" }, splitting: true, chunkNames: "cli-[name]-[hash]" });
// The command is run directly (`npx mentor-directory`): it keeps its run bit on every compile.
chmodSync(path.join(outdir, "cli.js"), 0o755);

const files = compiledFiles(root);
writeFileSync(path.join(root, CODE_HASH_FILE), `${JSON.stringify({ sha256: hashFiles(files), files: files.length }, null, 2)}\n`);
