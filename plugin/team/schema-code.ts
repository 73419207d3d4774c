/**
 * The team-member schema compiled ahead of time: ajv's standalone code, written to
 * `data/schema/team-member.validator.cjs` and shipped, so that a process checks entries without
 * loading ajv and compiling the schema (about as long as checking thousands of entries). The file
 * records a hash of the schema it was compiled from; a schema edited since is compiled at run time.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Ajv2020 as Ajv2020Class, Options } from "ajv/dist/2020.js";

/** The ajv options of both paths, so that the compiled code reports exactly what ajv would. */
export const AJV_OPTIONS: Options = Object.freeze({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true, validateSchema: false });

/** File name of the compiled validator, next to the schema. */
export const VALIDATOR_FILE = "team-member.validator.cjs";

export function schemaHash(schemaText: string): string {
  return createHash("sha256").update(schemaText).digest("hex");
}

/** The CommonJS source of the validator for `schemaText`, with the schema's hash as `schemaHash`. */
export function validatorSource(schemaText: string): string {
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require("ajv/dist/2020.js") as { Ajv2020: typeof Ajv2020Class };
  const standalone = require("ajv/dist/standalone/index.js") as { default: (ajv: Ajv2020Class, validate: unknown) => string };
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  const code = standalone.default(ajv, ajv.compile(JSON.parse(schemaText) as object));
  return `// Generated from team-member.schema.json by \`npm run validator\`; do not edit.\n${code}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(schemaText))};\n`;
}
