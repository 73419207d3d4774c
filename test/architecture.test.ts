/**
 * The layout is the architecture: each folder imports only from the layers before it, so data
 * flows files → entries → diagnostics + directory → shortcodes → pages and nothing reaches back.
 * The order is the README's "Architecture" list.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Layers, first to last; a module may import its own layer's files and earlier layers'. */
const LAYERS = [
  "plugin/package.ts",
  "plugin/assets",
  "plugin/text",
  "plugin/html",
  "plugin/yaml",
  "plugin/diagnostics",
  // The team core by stage: the entry types every stage shares, the list of its rules, reading files, the parse cache,
  // the member model, the checks (which build members), and the pipeline that runs them all.
  "plugin/team/entry.ts",
  "plugin/team/rule-list.ts",
  "plugin/team/read",
  "plugin/team/cache",
  "plugin/team/model",
  "plugin/team/check",
  "plugin/team/pipeline",
  "plugin/pairing",
  "shortcodes",
  "plugin/markdown/remark-hugo-shortcodes",
  "plugin/markdown",
  "plugin/eleventy",
  "plugin/cli",
  "plugin/index.ts",
] as const;

/** The layer a repository path belongs to: the longest entry that contains it. */
export function layerOf(file: string): number {
  let best = -1;
  for (const [index, layer] of LAYERS.entries()) {
    if ((file === layer || file.startsWith(`${layer}/`)) && (best < 0 || layer.length > LAYERS[best]!.length)) best = index;
  }
  return best;
}

/** Relative import specifiers of a module's text (static, re-exports and dynamic imports). */
export function relativeImports(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
}

/** The repository path an import of `spec` in `file` loads: the `.ts` source of a `.js` specifier when there is one. */
function resolveModule(file: string, spec: string): string {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  const source = target.replace(/\.js$/, ".ts");
  return fs.existsSync(path.join(ROOT, source)) ? source : target;
}

/** One circle through each strongly connected group of `graph` (module → what it imports), as `a → b → a`. */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const circles: string[] = [];
  const done = new Set<string>();
  for (const start of [...graph.keys()].sort()) {
    if (done.has(start)) continue;
    // Depth-first from `start`; a module met again while still on the path closes a circle.
    const onPath: string[] = [];
    const visit = (module: string): void => {
      const at = onPath.indexOf(module);
      if (at >= 0) {
        circles.push([...onPath.slice(at), module].join(" → "));
        return;
      }
      if (done.has(module)) return;
      onPath.push(module);
      for (const next of graph.get(module) ?? []) visit(next);
      onPath.pop();
      done.add(module);
    };
    visit(start);
  }
  return circles;
}

function modules(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...modules(rel));
    else if (/\.(ts|js)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

describe("architecture: the folders' import order", () => {
  const files = [...modules("plugin"), ...modules("shortcodes")];

  it("puts every module of plugin/ and shortcodes/ in a layer", () => {
    assert.deepEqual(
      files.filter((f) => layerOf(f) < 0),
      [],
    );
  });

  it("has no import from a later layer", () => {
    const backwards: string[] = [];
    for (const file of files) {
      for (const spec of relativeImports(fs.readFileSync(path.join(ROOT, file), "utf8"))) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
        // A target outside every layer, or not there at all, is as wrong as one that reaches back.
        const resolved = resolveModule(file, spec);
        const exists = fs.existsSync(path.join(ROOT, resolved));
        if (!exists || layerOf(resolved) < 0 || layerOf(resolved) > layerOf(file)) backwards.push(`${file} imports ${target}`);
      }
    }
    assert.deepEqual(backwards, []);
  });

  it("has no import circle among the modules of plugin/ and shortcodes/, type-only imports included", () => {
    // A layer may import its own files, so the order above allows a circle inside one folder:
    // two modules that need each other are one module, or share a third both import.
    const graph = new Map(
      files.map((file) => [file, relativeImports(fs.readFileSync(path.join(ROOT, file), "utf8")).map((spec) => resolveModule(file, spec))]),
    );
    assert.deepEqual(importCircles(graph), []);
  });

  it("finds import circles the way the check above needs", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts", "d.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", []],
      ["e.ts", ["e.ts"]],
    ]);
    assert.deepEqual(importCircles(graph), ["a.ts → b.ts → c.ts → a.ts", "e.ts → e.ts"]);
    assert.equal(resolveModule("plugin/team/read/listing.ts", "../entry.js"), "plugin/team/entry.ts");
  });

  it("keeps the browser scripts self-contained: they import only each other (the folder is copied to sites as it is)", () => {
    const outside: string[] = [];
    for (const file of files.filter((f) => f.startsWith("plugin/assets/"))) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      const bare = [...source.matchAll(/\bfrom\s*["']([^./][^"']*)["']/g)].map((m) => m[1]!);
      for (const spec of [...relativeImports(source), ...bare]) {
        if (!/^\.\/[\w-]+\.js$/.test(spec) || !fs.existsSync(path.join(ROOT, "plugin/assets", spec)))
          outside.push(`${file} imports ${spec}`);
      }
    }
    assert.deepEqual(outside, []);
  });

  it("keeps remark-hugo-shortcodes free of the rest of the package", () => {
    const outside: string[] = [];
    for (const file of files.filter((f) => f.startsWith("plugin/markdown/remark-hugo-shortcodes/"))) {
      for (const spec of relativeImports(fs.readFileSync(path.join(ROOT, file), "utf8"))) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
        if (!target.startsWith("plugin/markdown/remark-hugo-shortcodes/")) outside.push(`${file} imports ${target}`);
      }
    }
    assert.deepEqual(outside, []);
  });

  it("reads import specifiers the way the checks above need", () => {
    // The checks can only fail if the reader sees imports: these are the forms the code uses.
    const text =
      `import { a } from "../team/a.js";\nexport { b } from "./b.js";\nimport "./c.js";\n` +
      `const d = await import("../d.js");\nimport x from "node:fs";`;
    assert.deepEqual(relativeImports(text), ["../team/a.js", "./b.js", "./c.js", "../d.js"]);
    assert.equal(layerOf("plugin/markdown/remark-hugo-shortcodes/lib/syntax.ts"), LAYERS.indexOf("plugin/markdown/remark-hugo-shortcodes"));
    assert.ok(layerOf("plugin/team/read/parse-entry.ts") < layerOf("shortcodes/index.ts"));
    assert.ok(layerOf("plugin/team/entry.ts") < layerOf("plugin/team/read/listing.ts"));
  });

  it("keeps every line of code within 140 characters (Prettier's width; strings and comments included)", () => {
    const skipped = new Set(["test/fixtures", "test/artifacts", "bench/results", "bench/work"]);
    const code = (dir: string): string[] =>
      fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = `${dir}/${entry.name}`;
        if (entry.isDirectory()) return skipped.has(rel) ? [] : code(rel);
        return /\.(ts|js)$/.test(entry.name) ? [rel] : [];
      });
    const long: string[] = [];
    for (const file of ["plugin", "shortcodes", "test", "scripts", "bench"].flatMap(code)) {
      fs.readFileSync(path.join(ROOT, file), "utf8")
        .split("\n")
        .forEach((line, index) => {
          // Counted in code points, close to Prettier's count, not in UTF-16 units or bytes.
          const length = line.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "x").length;
          if (length > 140) long.push(`${file}:${index + 1}: ${length}`);
        });
    }
    assert.deepEqual(long, []);
  });
});
