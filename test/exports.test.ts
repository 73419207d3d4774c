/**
 * Every export of plugin/ and shortcodes/ has a user: a module that imports it, or the package's
 * public entry points (`plugin/index.ts`, the `remark-hugo-shortcodes` subpath, the command), whose
 * exports are the API. An export nothing imports is dead weight that still reads as a promise.
 *
 * Tests count as users: a unit they import directly is an interface the suite pins down, and
 * removing the export would take its tests with it. Scripts count too (the compile step).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Modules whose every export is used by definition: what the package's `exports` and `bin` load. */
const ENTRY_POINTS = new Set(["plugin/index.ts", "plugin/markdown/remark-hugo-shortcodes/index.ts", "plugin/cli/main.ts"]);

/** Folders a site loads from the package as they are (`exports["./assets/*"]`): every export is API. */
const PUBLIC_FOLDERS = ["plugin/assets/"];

/** Every `.ts` and `.js` file below `dir`, as repository paths. */
function codeFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return rel === "test/artifacts" ? [] : codeFiles(rel);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [rel] : [];
  });
}

/** The repository path a relative specifier of `file` loads (the `.ts` source of a `.js` name when there is one). */
function resolve(file: string, spec: string): string {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  const source = target.replace(/\.js$/, ".ts");
  return fs.existsSync(path.join(ROOT, source)) ? source : target;
}

interface Scanned {
  /** Names the module exports (`default` for a default export). */
  readonly exports: Set<string>;
  /** Names the module takes from each other module; `*` for all of them. */
  readonly uses: Map<string, Set<string>>;
}

const ALL = "*";

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** The exports of a module and what it takes from others: static imports, re-exports, and `import("…")` of a literal path. */
export function scan(file: string, text: string): Scanned {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const exports = new Set<string>();
  const uses = new Map<string, Set<string>>();
  const use = (spec: string, name: string): void => {
    if (!spec.startsWith(".")) return;
    const target = resolve(file, spec);
    const names = uses.get(target) ?? new Set<string>();
    names.add(name);
    uses.set(target, names);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const spec = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause?.name) use(spec, "default");
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) use(spec, ALL);
      else if (bindings) for (const element of bindings.elements) use(spec, (element.propertyName ?? element.name).text);
    } else if (ts.isExportDeclaration(statement)) {
      const spec = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const clause = statement.exportClause;
      if (!clause) {
        if (spec) use(spec, ALL);
      } else if (ts.isNamespaceExport(clause)) {
        exports.add(clause.name.text);
        if (spec) use(spec, ALL);
      } else {
        for (const element of clause.elements) {
          exports.add(element.name.text);
          if (spec) use(spec, (element.propertyName ?? element.name).text);
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      exports.add("default");
    } else if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) exports.add("default");
      else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations)
          if (ts.isIdentifier(declaration.name)) exports.add(declaration.name.text);
      } else if ("name" in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) {
        exports.add((statement.name as ts.Identifier).text);
      }
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) use(argument.text, ALL);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { exports, uses };
}

/** `file: name` for each export of `modules` that no scanned file uses. */
export function unusedExports(
  scanned: ReadonlyMap<string, Scanned>,
  modules: readonly string[],
  entryPoints: ReadonlySet<string>,
): string[] {
  const used = new Map<string, Set<string>>();
  for (const [file, { uses }] of scanned) {
    for (const [target, names] of uses) {
      if (target === file) continue;
      const all = used.get(target) ?? new Set<string>();
      for (const name of names) all.add(name);
      used.set(target, all);
    }
  }
  const unused: string[] = [];
  for (const file of modules) {
    if (entryPoints.has(file)) continue;
    const names = used.get(file);
    if (names?.has(ALL)) continue;
    for (const name of scanned.get(file)?.exports ?? []) if (!names?.has(name)) unused.push(`${file}: ${name}`);
  }
  return unused;
}

describe("exports: nothing exported that nothing imports", () => {
  it("every export of plugin/ and shortcodes/ is imported somewhere, or is the package's API", () => {
    const modules = [...codeFiles("plugin"), ...codeFiles("shortcodes")];
    const users = [...modules, ...codeFiles("scripts"), ...codeFiles("test")];
    const scanned = new Map(users.map((file) => [file, scan(file, fs.readFileSync(path.join(ROOT, file), "utf8"))]));
    const entries = new Set([...ENTRY_POINTS, ...modules.filter((file) => PUBLIC_FOLDERS.some((folder) => file.startsWith(folder)))]);
    const unused = unusedExports(scanned, modules, entries);
    assert.deepEqual(unused, []);
  });

  it("reads exports and imports the way the check above needs", () => {
    const module = scan(
      "plugin/x/a.js",
      `export function f() {}\nexport const g = 1, h = 2;\nexport interface I {}\nexport type T = 1;\nexport class C {}\n` +
        `export default f;\nexport { k as l } from "./b.js";\nexport * as ns from "./c.js";\nconst m = 1;\nexport { m };`,
    );
    assert.deepEqual([...module.exports].sort(), ["C", "I", "T", "default", "f", "g", "h", "l", "m", "ns"]);
    const user = scan(
      "plugin/y/u.ts",
      `import d, { a, type b, c as e } from "../x/a.js";\nimport * as all from "./all.js";\nimport "./side.js";\n` +
        `import fs from "node:fs";\nconst lazy = await import("./lazy.js");`,
    );
    assert.deepEqual(Object.fromEntries([...user.uses].map(([file, names]) => [file, [...names].sort()])), {
      "plugin/x/a.js": ["a", "b", "c", "default"],
      "plugin/y/all.js": ["*"],
      "plugin/y/lazy.js": ["*"],
    });
    const scanned = new Map([
      ["plugin/x/a.js", module],
      ["plugin/y/u.ts", user],
    ]);
    assert.deepEqual(unusedExports(scanned, ["plugin/x/a.js"], new Set()).sort(), [
      "plugin/x/a.js: C",
      "plugin/x/a.js: I",
      "plugin/x/a.js: T",
      "plugin/x/a.js: f",
      "plugin/x/a.js: g",
      "plugin/x/a.js: h",
      "plugin/x/a.js: l",
      "plugin/x/a.js: m",
      "plugin/x/a.js: ns",
    ]);
  });
});
