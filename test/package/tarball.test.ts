// The package as users get it: `npm pack`, installed into a new Eleventy project, registered as
// the README's "Use" section says, built by Eleventy's own command; its types checked by a strict
// TypeScript consumer without Node's types; its command's commands and version.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { typeCheckConsumer } from "../strict-consumer.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string };
const eleventyVersion = (
  JSON.parse(readFileSync(path.join(root, "node_modules/@11ty/eleventy/package.json"), "utf8")) as { version: string }
).version;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
}

/** The "Use" snippet of the README, as a user copies it. */
function readmeSnippet(): string {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const match = /## Use\n+```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(match, "the README has a Use section with a JavaScript snippet");
  return match[1]!;
}

describe("the packed package in a new project", function () {
  this.timeout(240_000);
  let project: string;

  before(() => {
    project = mkdtempSync(path.join(tmpdir(), "mentor-package-"));
    // `prepack` would compile again: the tarball holds what `npm test` compiled before the tests.
    const tarball = run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", project], root).trim().split("\n").pop()!;
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "scratch-site", private: true, type: "module" }));
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${tarball}`, `@11ty/eleventy@${eleventyVersion}`], project);
  });

  after(() => rmSync(project, { recursive: true, force: true }));

  it("ships compiled code, types and assets, and no source maps without their sources", () => {
    const installed = path.join(project, "node_modules", manifest.name);
    const files = readdirSync(installed, { recursive: true }).map(String);
    assert.ok(files.includes(path.join("dist", "plugin", "index.d.ts")));
    assert.ok(files.includes(path.join("plugin", "assets", "mentor-directory.js")));
    assert.deepEqual(
      files.filter((f) => f.endsWith(".map")),
      [],
    );
    assert.deepEqual(
      files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")),
      [],
    );
    assert.ok(files.includes(path.join("plugin", "markdown", "remark-hugo-shortcodes", "readme.md")), "the remark plugin's readme ships");
    // The compiled code's hash keys the parse cache; it ships with the code it describes.
    const record = JSON.parse(readFileSync(path.join(installed, "dist", "code-hash.json"), "utf8")) as { sha256: string };
    assert.equal(record.sha256, (JSON.parse(readFileSync(path.join(root, "dist", "code-hash.json"), "utf8")) as { sha256: string }).sha256);
    assert.match(record.sha256, /^[0-9a-f]{64}$/);
  });

  it("builds a site registered as the README says, rendering a Hugo-shortcode page", () => {
    writeFileSync(path.join(project, "eleventy.config.js"), readmeSnippet());
    cpSync(path.join(root, "data/team_members"), path.join(project, "data/team_members"), { recursive: true });
    writeFileSync(path.join(project, "index.md"), "# Home\n\nNothing of the plugin here.\n");
    mkdirSync(path.join(project, "team"));
    writeFileSync(path.join(project, "team/index.njk"), "{% teamMembers %}\n");
    writeFileSync(path.join(project, "mentors.md"), '## Find a mentor\n\n{{< group-by-expertise "mentor" >}}\n');
    run("node", ["node_modules/@11ty/eleventy/cmd.cjs", "--quiet"], project);

    const mentors = readFileSync(path.join(project, "_site/mentors/index.html"), "utf8");
    assert.match(mentors, /data-mentor-directory[\s\S]*Mentors: 10 team members/);
    // The team page is found on its own: members link to it.
    assert.match(mentors, /href="\/team\/#aoconnor"/);
    assert.equal(readFileSync(path.join(project, "_site/index.html"), "utf8"), "<h1>Home</h1>\n<p>Nothing of the plugin here.</p>\n");
    assert.ok(existsSync(path.join(project, "_site/assets/mentor-directory/mentor-directory.js")));
  });

  it("type-checks in a strict consumer without Node's types and without skipLibCheck", () => {
    const source = [
      `import mentorDirectoryDefault, { mentorDirectory, resolveOptions, VERSION, ` +
        `type MentorDirectoryOptions, type Directory } from "${manifest.name}";`,
      'const options: MentorDirectoryOptions = { dataDir: "team", toc: true, anchorCheck: "warn" };',
      "export const same: typeof mentorDirectory = mentorDirectoryDefault;",
      "export const resolved = resolveOptions(options);",
      "export const version: string = VERSION;",
      "export type D = Directory;",
      `import { remarkHugoShortcodes, type HugoShortcode } from "${manifest.name}/remark-hugo-shortcodes";`,
      "export const plugin = remarkHugoShortcodes;",
      "export type Node = HugoShortcode;",
      "// @ts-expect-error: an unknown value of a documented option is a type error",
      'export const wrong: MentorDirectoryOptions = { anchorCheck: "loud" };',
      "",
    ].join("\n");
    assert.ok(!existsSync(path.join(project, "node_modules/@types/node")), "the consumer has no Node types");
    typeCheckConsumer(project, source);
  });

  it("loads the plugin as one file, and the command with the chunks it loads: the bundles are the only code it ships", () => {
    const installed = path.join(project, "node_modules", manifest.name);
    const bundle = path.join("dist", "bundle");
    const code = readdirSync(installed, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".js") && !f.startsWith(path.join("plugin", "assets")) && !f.startsWith("node_modules"));
    const chunks = code.filter((f) => path.dirname(f) === bundle && path.basename(f).startsWith("cli-"));
    assert.ok(chunks.length > 0, "the command's commands are chunks of their own");
    assert.deepEqual(
      code.filter((f) => !chunks.includes(f)).sort(),
      // The read-ahead worker's own file, which the plugin's bundle starts beside itself.
      ["cli.js", "index.js", "read-ahead-worker.js", "remark-hugo-shortcodes.js"].map((f) => path.join(bundle, f)),
    );
    for (const file of code) {
      const text = readFileSync(path.join(installed, file), "utf8");
      const own = [...text.matchAll(/\b(?:from\s*|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']*)["']/g)].map((m) => m[1] as string);
      if (!path.basename(file).startsWith("cli")) assert.deepEqual(own, [], `${file} imports no file of its own`);
      // The command's files import only the command's chunks, each shipped beside them.
      for (const imported of own) assert.ok(chunks.includes(path.join(bundle, imported)), `${file} imports ${imported}, which is shipped`);
    }
    const remark = `import("${manifest.name}/remark-hugo-shortcodes").then((m) => console.log(typeof m.remarkHugoShortcodes))`;
    assert.equal(run("node", ["--input-type=module", "-e", remark], project).trim(), "function");
  });

  it("keeps the command's run bit in the repository after each compile", () => {
    const bin = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { bin: Record<string, string> }).bin[
      manifest.name.replace(/^eleventy-plugin-/, "")
    ];
    assert.ok(bin, "the package has a mentor-directory command");
    assert.ok((statSync(path.join(root, bin)).mode & 0o111) !== 0, `${bin} is executable`);
  });

  it("runs each command from the chunks it ships: validate, with a parse cache filled then kept, list and pair", () => {
    const team = path.join(project, "cli-team");
    cpSync(path.join(root, "data/team_members"), team, { recursive: true });
    const files = readdirSync(team, { recursive: true }).filter((f) => String(f).endsWith(".yml")).length;
    const validate = (): string =>
      run("node", ["node_modules/.bin/mentor-directory", "validate", "cli-team", "--format", "json", "--cache", ".cli-cache"], project);
    const filled = validate();
    assert.ok(existsSync(path.join(project, ".cli-cache")), "the parse cache was written");
    assert.equal(validate(), filled, "a report kept whole is the report made");
    assert.equal((JSON.parse(filled) as { summary: { files: number } }).summary.files, files);
    const listed = JSON.parse(
      run("node", ["node_modules/.bin/mentor-directory", "list", "cli-team", "--format", "json"], project),
    ) as unknown[];
    assert.equal(listed.length, files);
    assert.match(run("node", ["node_modules/.bin/mentor-directory", "pair", "--help"], project), /^Usage: mentor-directory pair/);
  });

  it("answers --version with the package's version", () => {
    assert.equal(run("node", ["node_modules/.bin/mentor-directory", "--version"], project).trim(), manifest.version);
  });
});
