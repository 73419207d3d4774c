/**
 * The team-member schema compiled ahead of time: ajv's standalone code, written to
 * `data/schema/team-member.validator.cjs` and shipped, so that a process checks entries without
 * loading ajv and compiling the schema (about as long as checking thousands of entries). The file
 * records a hash of the schema it was compiled from; a schema edited since is compiled at run time.
 */
import { createRequire } from "node:module";
import type { Ajv2020 as Ajv2020Class, Format, Options } from "ajv/dist/2020.js";
import { digest } from "../../text/hash.js";
import { isCalendarDate } from "./dates.js";

/** The ajv options of both paths, so that the compiled code reports exactly what ajv would. */
const AJV_OPTIONS: Options = Object.freeze({
  allErrors: true,
  strict: true,
  strictTypes: false,
  allowUnionTypes: true,
  validateSchema: false,
});

/** The formats the schema uses; ajv knows none of its own. The compiled code is given them too. */
export const FORMATS: Readonly<Record<string, Format>> = Object.freeze({ date: { type: "string" as const, validate: isCalendarDate } });

type Ajv2020Module = { Ajv2020: typeof Ajv2020Class; _: (strings: TemplateStringsArray) => unknown };

/** An ajv with the options and formats of the schema; `code` for generating its source. */
export function createAjv(code?: Options["code"]): Ajv2020Class {
  const { Ajv2020 } = createRequire(import.meta.url)("ajv/dist/2020.js") as Ajv2020Module;
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...(code ? { code } : {}) });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;
const { default: ucs2length } = createRequire(import.meta.url)("ajv/dist/runtime/ucs2length.js") as { default: (text: string) => number };

/**
 * Code points in `text`, as ajv's `ucs2length` counts them for `maxLength` and `minLength`. Its
 * loop visits every unit of every string; text with no high surrogate holds no pair, and its
 * length is the count (a native search finds that about ten times faster than the loop).
 */
export function codePointLength(text: string): number {
  return HIGH_SURROGATE.test(text) ? ucs2length(text) : text.length;
}

/** What the compiled validator is given besides the formats: code of this package, not of the generated file. */
export const VALIDATOR_RUNTIME = Object.freeze({ codePointLength });

/** How ajv's standalone code takes its length counter, replaced by `VALIDATOR_RUNTIME`'s. */
const AJV_LENGTH = 'require("ajv/dist/runtime/ucs2length").default';

/** File name of the compiled validator, next to the schema. */
export const VALIDATOR_FILE = "team-member.validator.cjs";

export function schemaHash(schemaText: string): string {
  return digest([schemaText]);
}

/**
 * The CommonJS source of the validator for `schemaText`: a function that takes the formats
 * (`FORMATS`) and `VALIDATOR_RUNTIME`, which are code of this package, not of the generated file,
 * and returns the validator, with the schema's hash as `schemaHash`.
 */
export function validatorSource(schemaText: string): string {
  const require = createRequire(import.meta.url);
  const { _ } = require("ajv/dist/2020.js") as Ajv2020Module;
  const standalone = require("ajv/dist/standalone/index.js") as { default: (ajv: Ajv2020Class, validate: unknown) => string };
  const ajv = createAjv({ source: true, formats: _`formats` as never });
  const code = standalone.default(ajv, ajv.compile(JSON.parse(schemaText) as object)).replaceAll(AJV_LENGTH, "runtime.codePointLength");
  return [
    "// Generated from team-member.schema.json by `npm run validator`; do not edit.",
    "module.exports = function validatorWith(formats, runtime) {",
    "const module = { exports: {} };",
    code,
    "return module.exports;",
    "};",
    `module.exports.schemaHash = ${JSON.stringify(schemaHash(schemaText))};`,
    "",
  ].join("\n");
}
