// The validator compiled ahead of time must be the schema's, and report exactly what ajv would.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import { createAjv, FORMATS, schemaHash, VALIDATOR_FILE, validatorSource } from "../../plugin/team/check/schema-code.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const schemaFile = path.join(root, "data/schema/team-member.schema.json");
const validatorFile = path.join(root, "data/schema", VALIDATOR_FILE);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

describe("the validator compiled ahead of time", () => {
  it("is the one the schema gives (run `npm run validator` after editing the schema)", () => {
    const text = readFileSync(schemaFile, "utf8");
    assert.equal(readFileSync(validatorFile, "utf8"), validatorSource(text));
    const shipped = createRequire(import.meta.url)(validatorFile) as { schemaHash: string };
    assert.equal(shipped.schemaHash, schemaHash(text));
  });

  it("reports the same errors as ajv compiling the schema, for every fixture and sample entry", () => {
    const factory = createRequire(import.meta.url)(validatorFile) as (
      formats: typeof FORMATS,
    ) => ((data: unknown) => boolean) & { errors?: unknown };
    const shipped = factory(FORMATS);
    const compiled = createAjv().compile(JSON.parse(readFileSync(schemaFile, "utf8")) as object);
    const files = [...yamlFiles(path.join(root, "test/fixtures/validate")), ...yamlFiles(path.join(root, "data/team_members"))];
    let withErrors = 0;
    for (const file of files) {
      let data: unknown;
      try {
        data = load(readFileSync(file, "utf8"));
      } catch {
        continue; // not YAML: nothing to validate
      }
      assert.equal(shipped(data), compiled(data), file);
      assert.deepEqual(shipped.errors ?? null, compiled.errors ?? null, file);
      if (compiled.errors) withErrors += 1;
    }
    assert.ok(withErrors >= 5, `only ${withErrors} entries with schema errors: the comparison would prove little`);
  });

  it("is what a process checks entries with: ajv itself is not loaded", () => {
    const script =
      `
      import { createRequire } from "node:module";
      const { validateEntry } = await import(${JSON.stringify(path.join(root, "dist/plugin/team/check/schema.js"))});
      const found = validateEntry({ file: "x.yml", slug: "x", folder: "x", type: "person", ` +
      `data: { name: "X", mentor: "yes" }, source: undefined });
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes("ajv"));
      console.log(JSON.stringify({ rules: found.map((d) => d.rule), ` +
      `ajv: loaded.some((f) => /ajv[\\/]dist[\\/](2020|core|compile)/.test(f)) }));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), { rules: ["mentor-not-boolean"], ajv: false });
  });
});
