/**
 * JSON Schema validation of one entry, with every ajv error turned into a diagnostic that points at
 * the offending value and says what to write instead.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Ajv2020 as Ajv2020Class, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { Diagnostic } from "../diagnostics.js";
import { closestMatch, typoReach } from "../suggest.js";
import { formatPath, locate, locateKey, type FieldPath } from "../yaml.js";
import type { LoadedEntry } from "./load.js";
import { AJV_OPTIONS, schemaHash, VALIDATOR_FILE } from "./schema-code.js";

type Schema = { properties: Record<string, { description?: string; examples?: unknown[]; items?: { enum?: string[] } }> };

/** Path of the team-member JSON Schema shipped with the package. */
const require = createRequire(import.meta.url);
export const schemaPath: string = require.resolve("eleventy-plugin-mentor-directory/schema.json");

let compiled: { validate: ValidateFunction; schema: Schema } | undefined;

/** The validator compiled ahead of time, if it was compiled from this very schema text. */
function precompiled(schemaText: string): ValidateFunction | undefined {
  try {
    const code = require(path.join(path.dirname(schemaPath), VALIDATOR_FILE)) as ValidateFunction & { schemaHash?: string };
    return code.schemaHash === schemaHash(schemaText) ? code : undefined;
  } catch {
    return undefined; // not shipped (a build without it): compile below
  }
}

/** Compile once per process: compiling costs far more than validating thousands of entries. */
function validator(): { validate: ValidateFunction; schema: Schema } {
  if (!compiled) {
    const text = readFileSync(schemaPath, "utf8");
    const schema = JSON.parse(text) as Schema;
    compiled = { validate: precompiled(text) ?? compileNow(schema), schema };
  }
  return compiled;
}

/** Compile with ajv in this process: the schema changed since the shipped validator was made. */
function compileNow(schema: Schema): ValidateFunction {
  // Loaded here, not at the top: a build whose files all come from the cache never needs it.
  const { Ajv2020 } = require("ajv/dist/2020.js") as { Ajv2020: typeof Ajv2020Class };
  // The schema is ours and checked against the 2020-12 meta-schema by the tests; checking it
  // again on every run would cost more than validating a thousand entries.
  return new Ajv2020(AJV_OPTIONS).compile(schema);
}

/** The keys the schema documents, for near-miss suggestions. */
export function knownKeys(): readonly string[] {
  return Object.keys(validator().schema.properties);
}

function pathOf(error: ErrorObject): (string | number)[] {
  if (!error.instancePath) return [];
  return error.instancePath
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "a mapping of keys to values",
  null: "empty",
  number: "a number",
  integer: "a whole number",
};

/** How a contributor would name the value they wrote. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let current = data;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

const TRUTHY = /^(y|yes|true|on|1)$/i;

function mentorHint(value: unknown): string {
  const truthy = value === 1 || (typeof value === "string" && TRUTHY.test(value.trim()));
  return `write \`mentor: ${truthy ? "true" : "false"}\` (a YAML boolean: no quotes, not yes/no)`;
}

function exampleFor(schema: Schema, field: string): string | undefined {
  const example = schema.properties[field]?.examples?.[0];
  if (example === undefined) return undefined;
  if (typeof example === "string") return `${field}: ${/[:#'"<>]|^\s|\s$/.test(example) ? JSON.stringify(example) : example}`;
  if (Array.isArray(example)) return `${field}:\n  - ${example.map(String).join("\n  - ")}`;
  if (typeof example === "object" && example) return `${field}:\n${Object.entries(example).map(([k, v]) => `  ${k}: ${String(v)}`).join("\n")}`;
  return `${field}: ${String(example)}`;
}

function toDiagnostic(entry: LoadedEntry, error: ErrorObject, schema: Schema): Diagnostic {
  const path = pathOf(error);
  const value = valueAt(entry.data, path);
  const top = typeof path[0] === "string" ? path[0] : undefined;
  let field = formatPath(path);
  let point = locate(entry.source, path)?.point;
  let rule = `schema-${error.keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  let message: string;
  let hint: string | undefined;

  switch (error.keyword) {
    case "type": {
      const wanted = ([] as string[]).concat(error.params.type as string | string[]).map((t) => TYPE_WORDS[t] ?? t);
      message = `\`${field}\` must be ${wanted.join(" or ")}, not ${describeValue(value)}`;
      if (field === "mentor") {
        rule = "mentor-not-boolean";
        hint = mentorHint(value);
      } else if (top && path.length === 1) hint = exampleFor(schema, top);
      break;
    }
    case "required": {
      const missing = String(error.params.missingProperty);
      const parentField = field;
      field = parentField ? `${parentField}.${missing}` : missing;
      point = path.length ? locateKey(entry.source, path) : entry.source?.start;
      message = parentField ? `\`${parentField}\` is missing \`${missing}\`` : `\`${missing}\` is missing`;
      hint = missing === "name" ? "add `name: Your Full Name`" : `add \`${missing}:\` under \`${parentField}\``;
      break;
    }
    case "enum": {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      message = `\`${field}\` is ${describeValue(value)}, which is not one of the allowed values: ${allowed.join(", ")}`;
      const near = typeof value === "string" ? closestMatch(value, allowed, typoReach(value), { ignoreCase: true }) : undefined;
      hint = near ? `did you mean \`${near}\`?` : `use one of: ${allowed.join(", ")}`;
      break;
    }
    case "pattern": {
      const isDate = /\\d\{4\}/.test(String(error.params.pattern));
      message = isDate ? `\`${field}\` must be a date written YYYY-MM-DD, not ${describeValue(value)}` : `\`${field}\` does not have the expected form (${describeValue(value)})`;
      hint = isDate ? `${field}: 2021-03-15` : top ? exampleFor(schema, top) : undefined;
      break;
    }
    case "minLength":
      message = `\`${field}\` is empty`;
      hint = top ? exampleFor(schema, top) : undefined;
      break;
    case "uniqueItems":
      message = `\`${field}\` lists the same value twice (items ${Number(error.params.j) + 1} and ${Number(error.params.i) + 1})`;
      hint = "remove the repeated item";
      point = locate(entry.source, [...path, Number(error.params.i)])?.point ?? point;
      break;
    default:
      message = `\`${field || "the entry"}\` ${error.message ?? "is not valid"}`;
  }
  return {
    file: entry.file,
    ...(point ? { line: point.line, column: point.column } : {}),
    severity: "error",
    rule,
    ...(field ? { field } : {}),
    message,
    ...(hint ? { hint } : {}),
  };
}

/**
 * Validate one entry against the schema. Union types make ajv report a type error once per
 * alternative branch; keep one diagnostic per place and rule.
 */
export function validateEntry(entry: LoadedEntry): Diagnostic[] {
  const { validate, schema } = validator();
  if (validate(entry.data)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of validate.errors ?? []) {
    const diagnostic = toDiagnostic(entry, error, schema);
    const key = `${diagnostic.field}|${diagnostic.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out;
}
