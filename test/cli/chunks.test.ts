/**
 * The command's bundle loads each command's code when the command runs, and the parsing and
 * checking of team files only when a load must look at a file: which of its files a run loaded is
 * read from Node's own module hooks (a `resolve` hook registered before the command starts).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = path.join(root, "dist/bundle/cli.js");

describe("the command's chunks", function () {
  this.timeout(60_000);
  let dir: string;
  let register: string;

  before(async () => {
    if (!existsSync(bin)) throw new Error("dist/bundle/cli.js is missing: run `npm run compile`");
    dir = mkdtempSync(path.join(tmpdir(), "mentor-chunks-"));
    cpSync(path.join(root, "data/team_members"), path.join(dir, "team"), { recursive: true });
    cpSync(path.join(root, "data/team_members"), path.join(dir, "broken"), { recursive: true });
    const broken = path.join(dir, "broken/person/a/aoconnor.yml");
    writeFileSync(broken, readFileSync(broken, "utf8").replace(/^mentor: true$/m, 'mentor: "yes"'));
    // Every module the run resolves, one line each, in the file the run names.
    writeFileSync(
      path.join(dir, "hooks.mjs"),
      [
        'import { appendFileSync } from "node:fs";',
        "export async function resolve(specifier, context, next) {",
        "  const found = await next(specifier, context);",
        "  appendFileSync(process.env.LOADED_LOG, `${found.url}\\n`);",
        "  return found;",
        "}",
      ].join("\n"),
    );
    register = path.join(dir, "register.mjs");
    writeFileSync(
      register,
      `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(path.join(dir, "hooks.mjs")).href)});\n`,
    );
    // The parse cache trusts where a file stands only once its times are older than a clock step.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The command run with `args` in the scratch folder: its exit code and the bundle files it loaded. */
  function loaded(name: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string; files: string[] } {
    const log = path.join(dir, `${name}.log`);
    const run = spawnSync(process.execPath, ["--import", pathToFileURL(register).href, bin, ...args], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, LOADED_LOG: log },
    });
    const bundle = pathToFileURL(path.dirname(bin)).href;
    const urls = existsSync(log) ? readFileSync(log, "utf8").split("\n") : [];
    const files = [...new Set(urls.filter((u) => u.startsWith(`${bundle}/`)).map((u) => u.slice(bundle.length + 1)))];
    return { code: run.status, stdout: run.stdout, stderr: run.stderr, files };
  }

  /** Whether the files loaded hold the YAML parser's code, or the HTML parser's (which the checks use). */
  const parsing = (files: readonly string[]): boolean =>
    files.some((f) => /^\/\/ node_modules\/(?:js-yaml|parse5)\//m.test(readFileSync(path.join(path.dirname(bin), f), "utf8")));

  it("answers --version with no command's code loaded", () => {
    const { code, files } = loaded("version", ["--version"]);
    assert.equal(code, 0);
    assert.ok(files.includes("cli.js"), "the log saw the command itself");
    assert.deepEqual(
      files.filter((f) => /^cli-(?:validate|list|pair)-command-/.test(f)),
      [],
    );
    assert.equal(parsing(files), false, "no parser is loaded");
  });

  it("parses and checks the files for a report made, and loads neither for the same report kept by the parse cache", () => {
    const args = ["validate", "team", "--format", "json", "--cache", ".cache"];
    const filled = loaded("filled", args);
    assert.equal(filled.code, 0);
    assert.ok(parsing(filled.files), "the first report parses the files");
    const kept = loaded("kept", args);
    assert.equal(kept.code, 0);
    assert.ok(
      kept.files.some((f) => f.startsWith("cli-validate-command-")),
      "the second run is validate",
    );
    assert.equal(parsing(kept.files), false, "an unchanged team's report loads no parser nor checks");
    assert.equal(kept.stdout, filled.stdout, "the report kept is the report made");
    // A file changed since: its content must be looked at, so the parsing is loaded again.
    const file = path.join(dir, "team/person/a/aoconnor.yml");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n# changed\n`);
    const changed = loaded("changed", [...args, "--timings"]);
    assert.ok(parsing(changed.files), "a changed file is parsed");
    assert.equal(changed.stdout, loaded("uncached", ["validate", "team", "--format", "json"]).stdout, "the report is a full load's");
    // What asking for the kept report learned is handed over: the folder is listed once, and each
    // file asked where it stands once (the changed file is then read).
    const files = (JSON.parse(filled.stdout) as { summary: { files: number } }).summary.files;
    assert.match(changed.stderr, new RegExp(`\\blist [\\d.]+, read [\\d.]+ \\(${files + 1}×\\)`));
  });

  it("exits with the report's status when the report is kept: 1 for errors, with the whole report written", () => {
    const args = ["validate", "broken", "--format", "json", "--cache", ".broken-cache"];
    const filled = loaded("broken-filled", args);
    const kept = loaded("broken-kept", args);
    assert.equal(filled.code, 1);
    assert.match(filled.stdout, /"rule": "schema-type"|"field": "mentor"/);
    assert.equal(parsing(kept.files), false, "the second report is the kept one");
    assert.deepEqual([kept.code, kept.stdout], [1, filled.stdout]);
  });
});
