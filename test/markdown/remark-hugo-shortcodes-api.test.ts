// The public face of remark-hugo-shortcodes, reached as a consumer reaches it: through the
// package's own name and its `exports` (the compiled code, so `tsc` runs first, as `npm test`
// does). Its names must be exactly those its readme documents.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { typeCheckConsumer } from "../strict-consumer.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, { types: string; default: string }>;
};
const subpath = `${manifest.name}/remark-hugo-shortcodes`;
const readme = readFileSync(path.join(root, "plugin/markdown/remark-hugo-shortcodes/readme.md"), "utf8");

/** The names in backticks of the readme's sentence "The package exports the identifiers … and the TypeScript types …". */
function documented(): { values: string[]; types: string[] } {
  const match = /The package exports the identifiers ([\s\S]*?), and the TypeScript types ([\s\S]*?)\. There is no default export\./.exec(
    readme,
  );
  assert.ok(match, "the readme's API section lists the exports");
  const names = (text: string) => [...text.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] ?? "").sort();
  return { values: names(match[1] ?? ""), types: names(match[2] ?? "") };
}

/** The JavaScript block under a readme heading. */
function example(heading: string): string {
  const match = new RegExp(`## ${heading}\\n+\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(readme);
  assert.ok(match, `the readme has a ${heading} section with a JavaScript block`);
  return match[1] ?? "";
}

describe("remark-hugo-shortcodes: public API", () => {
  it("is a subpath of the package's exports, with its types", () => {
    const entry = manifest.exports["./remark-hugo-shortcodes"];
    assert.ok(entry, "package.json exports ./remark-hugo-shortcodes");
    assert.equal(createRequire(import.meta.url).resolve(subpath), path.join(root, entry.default));
    assert.ok(existsSync(path.join(root, entry.types)), `${entry.types} is compiled`);
  });

  it("exposes exactly the documented names, and no default export", async () => {
    const api = (await import(subpath)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(api).sort(), documented().values);
    for (const name of documented().values) {
      const heading = new RegExp(`^### \`(?:unified\\(\\)\\.use\\()?${name}[[(\`]`, "m");
      assert.match(readme, heading, `the readme documents ${name} under a heading of its own`);
    }
  });

  it("documents its messages' source as the value it exports", async () => {
    const api = (await import(subpath)) as { messageSource: string };
    assert.ok(readme.includes(`\`"${api.messageSource}"\`, the \`source\``));
  });

  it("runs the readme's Use example as written, printing what it says", () => {
    const code = example("Use");
    const printed = execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, encoding: "utf8" });
    const expected = [...code.matchAll(/\/\/ (.*)$/gm)].map((m) => (m[1] ?? "").replace(/\\n/g, "\n"));
    assert.equal(printed, expected.join("\n") + "\n");
  });

  it("type-checks in a strict consumer that imports every documented type", function () {
    this.timeout(120_000);
    const project = mkdtempSync(path.join(tmpdir(), "remark-hugo-shortcodes-"));
    try {
      mkdirSync(path.join(project, "node_modules"));
      symlinkSync(root, path.join(project, "node_modules", manifest.name), "dir");
      const { values, types } = documented();
      const source = [
        `import { ${values.join(", ")} } from "${subpath}";`,
        `import type { ${types.join(", ")} } from "${subpath}";`,
        `export const values = [${values.join(", ")}] as const;`,
        `export type Types = [${types.join(", ")}];`,
        'export const options: Options = { isPaired: (name) => (name === "note" ? true : undefined) };',
        'export const render: HugoShortcodeRenderer = (node: HugoShortcode) => [{ type: "text", value: node.name }];',
        "// @ts-expect-error: isPaired answers with a boolean or undefined",
        'export const wrong: Options = { isPaired: () => "yes" };',
        "",
      ].join("\n");
      typeCheckConsumer(project, source);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
