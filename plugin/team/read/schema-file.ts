/** The team-member schema as a file: the one the package ships, and what can go wrong reading one. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** A team-member schema: the bundled one, or an organization's that extends or replaces it. */
export interface TeamSchema {
  /** Where it was read from, as the user named it (messages name it). */
  readonly file: string;
  /** Its text: it keys the parse cache and the compiled validator. */
  readonly text: string;
}

/** A schema file that cannot be used: not readable, not JSON, or not a valid JSON Schema. */
export class SchemaFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`the schema ${file} ${problem}`);
    this.name = "SchemaFileError";
  }
}

/** Path of the team-member JSON Schema shipped with the package. */
const require = createRequire(import.meta.url);
export const schemaPath: string = require.resolve("eleventy-plugin-mentor-directory/schema.json");

let bundled: TeamSchema | undefined;

/** The bundled schema, read once per process. */
export function bundledSchema(): TeamSchema {
  bundled ??= { file: schemaPath, text: readFileSync(schemaPath, "utf8") };
  return bundled;
}

/** The bundled schema's text, read once per process (it keys the parse cache and makes the validator). */
export function schemaText(): string {
  return bundledSchema().text;
}
