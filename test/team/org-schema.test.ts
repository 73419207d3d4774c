// An organization's own schema (issue #22): extends the bundled one by `$ref` inside `allOf`,
// adds `timezone` and `capacity` and makes `mentor` required. Through the CLI as a process and
// through the plugin in a real Eleventy build.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { captureOutput, errorText } from "../site/output.js";
import { mentorDirectory, OptionError, type MentorDirectoryOptions } from "../../plugin/index.js";
import { knownKeys, readSchemaFile, validateEntry } from "../../plugin/team/check/schema.js";
import { SchemaFileError } from "../../plugin/team/read/schema-file.js";
import { schemaView } from "../../plugin/team/check/schema-view.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "dist/plugin/cli/main.js");
const fixture = path.join(root, "test/fixtures/org-schema");
const schemaFile = path.join(fixture, "schema.json");

interface Report {
  summary: { errors: number; warnings: number; members: number };
  diagnostics: {
    file: string;
    line?: number;
    column?: number;
    rule: string;
    severity: string;
    field?: string;
    message: string;
    hint?: string;
  }[];
}

function run(args: string[], cwd = fixture): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the fixture's wrong files must give with the organization's schema, whichever way it is used. */
const EXPECTED = [
  ["team_members/person/b/blake.yml", 1, 1, "schema-required", "mentor", "error"],
  ["team_members/person/b/blake.yml", 4, 11, "schema-pattern", "timezone", "error"],
  ["team_members/person/b/blake.yml", 5, 11, "schema-range", "capacity", "error"],
  ["team_members/person/c/casey.yml", 5, 1, "near-miss-key", "timezon", "warning"],
  ["team_members/person/c/casey.yml", 6, 11, "schema-type", "capacity", "error"],
];

function checkDiagnostics(diagnostics: Report["diagnostics"]): void {
  assert.deepEqual(
    diagnostics.map((d) => [d.file, d.line, d.column, d.rule, d.field, d.severity]),
    EXPECTED,
  );
  const by = (field: string): Report["diagnostics"][number] => diagnostics.find((d) => d.field === field)!;
  assert.equal(by("timezone").message, '`timezone` is the text "Berlin", which is not written the way this field is');
  assert.equal(by("timezone").hint, "Your time zone as the tz database names it: Area/City; for example: `timezone: Europe/Berlin`");
  assert.equal(by("capacity").message, "`capacity` is the number 7; it must be at most 5");
  assert.equal(by("capacity").hint, "How many mentees you can take at once, from 0 to 5; for example: `capacity: 2`");
  assert.equal(by("timezon").message, "`timezon` is not a known key, so it is ignored; did you mean `timezone`?");
  assert.match(
    by("mentor").hint ?? "",
    /^add a `mentor:` line: Whether this person is available as a mentor\..*for example: `mentor: true`$/,
  );
  const casey = diagnostics.find((d) => d.file.endsWith("casey.yml") && d.field === "capacity")!;
  assert.equal(casey.message, '`capacity` must be a whole number, not the text "three"');
  assert.equal(casey.hint, "How many mentees you can take at once, from 0 to 5; for example: `capacity: 2`");
}

describe("an organization's schema", function () {
  this.timeout(60_000);

  before(function () {
    try {
      readFileSync(cli);
    } catch {
      throw new Error("dist/plugin/cli/main.js is missing: run `npm test` (it compiles first) or `npm run compile`");
    }
  });

  describe("read as messages read it", () => {
    it("finds the fields of both parts of `allOf`, the bundled one through its `$id`", () => {
      const keys = knownKeys(readSchemaFile(schemaFile));
      for (const key of ["name", "mentor", "expertise", "timezone", "capacity"]) assert.ok(keys.includes(key), key);
      assert.ok(!knownKeys().includes("timezone"), "the bundled schema's keys stay its own");
    });

    it("follows `$ref`s into `$defs` and lets the later words win", () => {
      const view = schemaView(
        {
          $defs: { zone: { type: "string", description: "a zone", examples: ["UTC"] } },
          allOf: [{ properties: { tz: { $ref: "#/$defs/zone" } } }],
          properties: { tz: { description: "Your time zone" } },
        },
        new Map(),
      );
      assert.deepEqual(view.properties.tz, { type: "string", description: "Your time zone", examples: ["UTC"] });
    });

    it("replaces the bundled schema when it does not refer to it", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "org-schema-"));
      try {
        const file = path.join(dir, "own.json");
        writeFileSync(
          file,
          JSON.stringify({
            type: "object",
            required: ["name", "team"],
            properties: { name: { type: "string" }, team: { type: "string" } },
          }),
        );
        const schema = readSchemaFile(file);
        assert.deepEqual(knownKeys(schema), ["name", "team"]);
        const entry = { file: "x.yml", slug: "x", folder: "x", type: "person", data: { name: "X", mentor: "yes" }, source: undefined };
        assert.deepEqual(
          validateEntry(entry, schema).map((d) => d.rule),
          ["schema-required"],
        );
        assert.deepEqual(
          validateEntry(entry).map((d) => d.rule),
          ["mentor-not-boolean"],
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("validate --schema", () => {
    it("reports the organization's rules with its positions, words and examples", () => {
      const r = run(["validate", "team_members", "--schema", "schema.json", "--format", "json"]);
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout) as Report;
      checkDiagnostics(report.diagnostics);
      assert.equal(report.summary.errors, 4);
    });

    it("is needed: without it the same files pass the bundled schema", () => {
      const r = run(["validate", "team_members", "--format", "json"]);
      assert.equal(r.code, 0, r.stdout);
    });

    it("keys the parse cache: a cache written without the schema does not hide its errors", () => {
      const cache = mkdtempSync(path.join(tmpdir(), "org-schema-cache-"));
      try {
        assert.equal(run(["validate", "team_members", "--cache", cache]).code, 0);
        const r = run(["validate", "team_members", "--cache", cache, "--schema", "schema.json", "--format", "json"]);
        assert.equal(r.code, 1);
        assert.equal((JSON.parse(r.stdout) as Report).summary.errors, 4);
        assert.equal(run(["validate", "team_members", "--cache", cache]).code, 0);
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    });

    it("refuses a schema that is not JSON, not a valid schema or not there, naming the file, with exit status 2", () => {
      const cases: [string, string][] = [
        ["broken/not-json.json", "is not valid JSON (line 4, column 1): "],
        // The first of the meta-schema's objections, at the place in the schema that it names.
        ["broken/not-a-schema.json", "is not a valid JSON Schema (2020-12): at /properties/capacity/type: must be "],
        ["missing.json", "cannot be read: no such file"],
      ];
      for (const [file, words] of cases) {
        const r = run(["validate", "team_members", "--schema", file]);
        assert.equal(r.code, 2, file);
        assert.ok(r.stderr.startsWith(`mentor-directory: --schema: the schema ${file} ${words}`), r.stderr);
        assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
      }
    });

    it("refuses a keyword the schema does not know (ajv's strict mode): a typo is not a rule silently skipped", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "org-schema-"));
      try {
        writeFileSync(path.join(dir, "typo.json"), JSON.stringify({ properties: { capacity: { type: "integer", maximun: 5 } } }));
        assert.throws(
          () => readSchemaFile(path.join(dir, "typo.json")),
          (e: unknown) => e instanceof SchemaFileError && /typo\.json is not a valid JSON Schema .*maximun/.test(e.message),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("list --format json --field carries the fields asked for, without those with errors", () => {
      const r = run(["list", "team_members", "--schema", "schema.json", "--format", "json", "--field", "timezone", "--field", "capacity"]);
      assert.equal(r.code, 0, r.stderr);
      const rows = JSON.parse(r.stdout) as { slug: string; fields?: Record<string, unknown> }[];
      assert.deepEqual(Object.fromEntries(rows.map((row) => [row.slug, row.fields])), {
        alex: { timezone: "Europe/Berlin", capacity: 2 },
        blake: {},
        casey: {},
      });
      const plain = JSON.parse(run(["list", "team_members", "--format", "json"]).stdout) as object[];
      assert.ok(plain.every((row) => !("fields" in row)));
    });
  });

  describe("the plugin's `schema` option in an Eleventy build", () => {
    /** Build a one-page site over a copy of the fixture's team, from inside its folder. */
    async function build(options: MentorDirectoryOptions): Promise<{ log: string; json: string | undefined }> {
      const dir = mkdtempSync(path.join(tmpdir(), "org-schema-site-"));
      cpSync(fixture, dir, { recursive: true });
      mkdirSync(path.join(dir, "site"));
      writeFileSync(path.join(dir, "site/index.md"), "# Team\n");
      const output = captureOutput();
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        const eleventy = new Eleventy("site", "_site", {
          quietMode: false,
          config(config) {
            config.addPlugin(mentorDirectory, { dataDir: "team_members", cacheDir: false, ...options });
          },
        });
        const pages = await eleventy.toJSON();
        return { log: output.text(), json: pages.find((p) => p.url === "/mentors.json")?.content };
      } catch (error) {
        throw Object.assign(error as Error, { log: output.text() });
      } finally {
        output.restore();
        process.chdir(cwd);
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it("logs the organization's errors and carries `exportFields` into /mentors.json", async () => {
      const { log, json } = await build({ schema: "schema.json", failOnError: false, exportFields: ["timezone", "capacity"] });
      for (const [file, line, column, rule] of EXPECTED)
        assert.ok(
          log.includes(`${String(file)}:${String(line)}:${String(column)}`) && log.includes(String(rule)),
          `${String(file)} ${String(rule)}\n${log}`,
        );
      assert.match(log, /hint: Your time zone as the tz database names it: Area\/City; for example: `timezone: Europe\/Berlin`/);
      assert.match(log, /did you mean `timezone`\?/);
      const mentors = (JSON.parse(json ?? "{}") as { mentors: { slug: string; fields?: object }[] }).mentors;
      assert.deepEqual(
        mentors.map((m) => [m.slug, m.fields]),
        [
          ["alex", { timezone: "Europe/Berlin", capacity: 2 }],
          ["casey", {}],
        ],
      );
    });

    it("fails the build on them by default, and leaves a site without the option to the bundled schema", async () => {
      await assert.rejects(build({ schema: "schema.json" }), (error: unknown) =>
        /4 error\(s\) in team-member files/.test(errorText(error)),
      );
      const { log, json } = await build({});
      assert.doesNotMatch(log, /schema-pattern|schema-range|near-miss-key/);
      assert.ok(!(json ?? "").includes('"fields"'));
    });

    it("answers a schema file that cannot be used with an option error naming it, not a stack trace", async () => {
      for (const [file, words] of [
        ["broken/not-json.json", "is not valid JSON (line 4, column 1)"],
        ["broken/not-a-schema.json", "is not a valid JSON Schema (2020-12)"],
      ]) {
        await assert.rejects(build({ schema: file }), (error: unknown) => {
          const text = errorText(error);
          assert.ok(text.includes(`[eleventy-plugin-mentor-directory] option \`schema\`: the schema ${file} ${words}`), text);
          let cause = error as (Error & { originalError?: Error }) | undefined;
          while (cause && !(cause instanceof OptionError)) cause = cause.originalError;
          assert.ok(cause instanceof OptionError && cause.skipOriginalStack, "an OptionError, shown without its stack");
          return true;
        });
      }
    });
  });
});
