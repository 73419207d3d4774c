// The validator compiled ahead of time must be the schema's, and report exactly what ajv would.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import fc from "fast-check";
import {
  codePointLength,
  createAjv,
  FORMATS,
  schemaHash,
  VALIDATOR_FILE,
  VALIDATOR_RUNTIME,
  validatorSource,
} from "../../plugin/team/check/schema-code.js";

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

  const shippedValidator = (): ((data: unknown) => boolean) & { errors?: unknown } => {
    const factory = createRequire(import.meta.url)(validatorFile) as (
      formats: typeof FORMATS,
      runtime: typeof VALIDATOR_RUNTIME,
    ) => ((data: unknown) => boolean) & { errors?: unknown };
    return factory(FORMATS, VALIDATOR_RUNTIME);
  };

  it("reports the same errors as ajv compiling the schema, for every fixture and sample entry", () => {
    const shipped = shippedValidator();
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

  it("counts a length as ajv does: code points, a pair one, a lone surrogate one", () => {
    const { default: ucs2length } = createRequire(import.meta.url)("ajv/dist/runtime/ucs2length.js") as {
      default: (text: string) => number;
    };
    const units = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary" }),
      fc.string({ unit: fc.constantFrom("a", "\uD83D", "\uDE00", "\uD83D\uDE00", "\uDBFF", "\uDC00", "é") }),
    );
    fc.assert(
      fc.property(units, (text) => codePointLength(text) === ucs2length(text)),
      { numRuns: 3_000 },
    );
    // At the schema's limits, in the shipped validator: 200 emoji are 400 units and 200 characters.
    const shipped = shippedValidator();
    const compiled = createAjv().compile(JSON.parse(readFileSync(schemaFile, "utf8")) as object);
    const names = ["😀".repeat(200), "😀".repeat(201), "\uD83D".repeat(200), "\uD83D".repeat(201), "a".repeat(199) + "😀"];
    const verdicts = names.map((name) => {
      assert.equal(shipped({ name }), compiled({ name }), JSON.stringify(name.slice(0, 4)));
      return compiled({ name });
    });
    assert.deepEqual(verdicts, [true, false, true, false, true]);
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
