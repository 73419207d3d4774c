/**
 * JSON Schema validation of one entry, with every ajv error turned into a diagnostic that points at
 * the offending value and says what to write instead.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { Diagnostic } from "../../diagnostics/index.js";
import { Problems } from "../../diagnostics/problems.js";
import { TEAM_RULES, type TeamRuleId } from "../rule-list.js";
import { describeCause } from "../../diagnostics/fs-errors.js";
import { BoundedMemo } from "../../text/memo.js";
import { closestMatch, typoReach } from "../../text/suggest.js";
import { formatPath, locate, locateKey } from "../../yaml/parse.js";
import type { FieldPath, SourcePoint } from "../../yaml/source.js";
import { bundledSchema, SchemaFileError, schemaPath, schemaText, type TeamSchema } from "../read/schema-file.js";
import { dateProblem } from "./dates.js";
import type { LoadedEntry } from "../entry.js";
import { createAjv, FORMATS, schemaHash, VALIDATOR_FILE, VALIDATOR_RUNTIME } from "./schema-code.js";
import { schemaView, type SchemaPart, type SchemaView } from "./schema-view.js";
import { fieldWords, itemWords, typeWords, valueWords } from "./words.js";
import { valueText } from "../../text/json.js";
import { codePointLength } from "../../text/length.js";

interface Compiled {
  readonly validate: ValidateFunction;
  readonly schema: SchemaView;
  readonly keys: readonly string[];
}

/**
 * Validators by the hash of their schema's text: compiling costs far more than validating
 * thousands of entries, so each schema is compiled once per process. Keyed by the text, not by
 * a site, so two sites with different schemas in one process never share a validator. Bounded:
 * in watch mode every saved edit of a schema file is another text.
 */
const compiledByHash = new BoundedMemo<Compiled>(16);
const compiledBySchema = new WeakMap<TeamSchema, Compiled>();

// The precompiled validator is CommonJS, shipped beside the schema.
const require = createRequire(import.meta.url);

/** The validator compiled ahead of time, if it was compiled from this very schema text. */
function precompiled(schemaText: string): ValidateFunction | undefined {
  try {
    const code = require(path.join(path.dirname(schemaPath), VALIDATOR_FILE)) as ((
      formats: typeof FORMATS,
      runtime: typeof VALIDATOR_RUNTIME,
    ) => ValidateFunction) & { schemaHash?: string };
    return code.schemaHash === schemaHash(schemaText) ? code(FORMATS, VALIDATOR_RUNTIME) : undefined;
  } catch {
    return undefined; // not shipped (a build without it): compile below
  }
}

function parseJson(schema: TeamSchema): unknown {
  try {
    return JSON.parse(schema.text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    // Node names an offset into the text; whoever fixes the file looks for a line.
    const offset = /at position (\d+)/.exec(message)?.[1];
    const before = offset === undefined ? undefined : schema.text.slice(0, Number(offset)).split("\n");
    const cut = message.indexOf(" in JSON at position");
    const where = before ? ` (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})` : "";
    throw new SchemaFileError(schema.file, `is not valid JSON${where}: ${cut < 0 ? message : message.slice(0, cut)}`);
  }
}

/** The bundled schema's `$id` and document, so that another schema's `$ref` to it resolves. */
function bundledDocuments(): Map<string, unknown> {
  const document = JSON.parse(schemaText()) as { $id?: string };
  return new Map(document.$id ? [[document.$id, document]] : []);
}

/**
 * Compile `schema`: the bundled one from the code shipped with it (ajv is loaded only when that
 * code is stale); any other with ajv, checked against the 2020-12 meta-schema first, since it is
 * the user's, with the bundled schema known to ajv so that a `$ref` to its `$id` resolves.
 */
function compile(schema: TeamSchema): Compiled {
  // Asked for every entry and every field checked: the same schema object is answered without
  // hashing its text again.
  const same = compiledBySchema.get(schema);
  if (same) return same;
  const compiled = compiledByHash.get(schemaHash(schema.text), () => compileNow(schema));
  compiledBySchema.set(schema, compiled);
  return compiled;
}

function compileNow(schema: TeamSchema): Compiled {
  const json = parseJson(schema);
  const documents = bundledDocuments();
  let validate: ValidateFunction | undefined;
  if (schema.text === schemaText()) {
    // Ours, and checked against the meta-schema by the tests: not checked again on every run.
    validate = precompiled(schema.text) ?? createAjv().compile(json as object);
  } else {
    if (json === null || typeof json !== "object" || Array.isArray(json))
      throw new SchemaFileError(schema.file, "is not a JSON Schema: it must be a JSON object");
    const ajv = createAjv();
    for (const [id, document] of documents) if (id !== (json as { $id?: unknown }).$id) ajv.addSchema(document as object);
    try {
      if (!ajv.validateSchema(json)) {
        const first = ajv.errors?.[0];
        throw new Error(`at ${first?.instancePath || "its top"}: ${first?.message ?? "not valid"}`);
      }
      validate = ajv.compile(json);
    } catch (error) {
      throw new SchemaFileError(schema.file, `is not a valid JSON Schema (2020-12): ${(error as Error).message.split("\n")[0] ?? ""}`);
    }
    const id = (json as { $id?: unknown }).$id;
    if (typeof id === "string") documents.set(id, json);
  }
  const view = schemaView(json, documents);
  return { validate, schema: view, keys: Object.keys(view.properties) };
}

/**
 * Read and compile an organization's schema file (`path` relative to `cwd`); its problems are a
 * `SchemaFileError` naming the file.
 */
export function readSchemaFile(file: string, cwd: string = process.cwd()): TeamSchema {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    throw new SchemaFileError(file, `cannot be read: ${describeCause(error)}`);
  }
  const schema = { file, text };
  compile(schema);
  return schema;
}

/** The keys the schema documents, for near-miss suggestions. */
export function knownKeys(schema: TeamSchema = bundledSchema()): readonly string[] {
  return compile(schema).keys;
}

function pathOf(error: ErrorObject): (string | number)[] {
  if (!error.instancePath) return [];
  return error.instancePath
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let current = data;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** The part of the schema that describes the value at `path` (items and sub-fields followed). */
function partAt(schema: SchemaView, path: FieldPath): SchemaPart | undefined {
  let part: SchemaPart | undefined = schema;
  for (const step of path) part = typeof step === "number" ? part?.items : (part?.properties?.[step] ?? part?.additionalProperties);
  return part;
}

/**
 * Whether `value` is longer than the schema allows at `path`. The schema reports such a value and
 * the field is left out; other checks need not read it (its markup, for one, is not parsed).
 */
export function overLengthLimit(path: FieldPath, value: string, schema: TeamSchema = bundledSchema()): boolean {
  const limit = partAt(compile(schema).schema, path)?.maxLength;
  return limit !== undefined && value.length > limit && codePointLength(value) > limit;
}

const TRUTHY = /^(?:y|yes|true|on|1)$/i;

function mentorHint(value: unknown): string {
  const truthy = value === 1 || (typeof value === "string" && TRUTHY.test(value.trim()));
  return `write \`mentor: ${truthy ? "true" : "false"}\` (a YAML boolean: no quotes, not yes/no)`;
}

/**
 * `expertise` takes several forms and is the field most often written as something else (a list
 * of `- name: Ruby`, a mapping): its hint shows both forms that work.
 */
const EXPERTISE_FORMS = [
  "expertise:",
  "  - Ruby on Rails",
  "  - Remote work",
  "or <li> HTML:",
  "expertise: |",
  "  <li>Ruby on Rails</li>",
  "  <li>Remote work</li>",
].join("\n");

function expertiseHint(lead: string): string {
  return `${lead}:\n${EXPERTISE_FORMS}`;
}

function yamlScalar(example: unknown): string {
  const text = String(example);
  return typeof example === "string" && /[:#'"<>]|^\s|\s$|^$/.test(text) ? JSON.stringify(text) : text;
}

/** `field: example` as it would be written in the file, from the schema's first example. */
function exampleFor(part: SchemaPart | undefined, field: string): string | undefined {
  const example = part?.examples?.[0];
  if (example === undefined) return undefined;
  if (Array.isArray(example)) return `${field}:\n  - ${example.map(yamlScalar).join("\n  - ")}`;
  if (typeof example === "object" && example)
    return `${field}:\n${Object.entries(example)
      .map(([k, v]) => `  ${k}: ${yamlScalar(v)}`)
      .join("\n")}`;
  return `${field}: ${yamlScalar(example)}`;
}

/** What to write instead of a wrong item of a list of words. */
function itemHint(value: unknown, part: SchemaPart | undefined, field: string): string {
  const sample = part?.examples?.find((e): e is unknown[] => Array.isArray(e))?.[0] ?? part?.items?.examples?.[0];
  const item = sample === undefined ? "Something" : yamlScalar(sample);
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const [key, inner] = Object.entries(value)[0] ?? [];
    const shown = typeof inner === "string" ? yamlScalar(inner) : item;
    return (
      `write each item of \`${field}\` as plain text on its own \`- \` line, ` +
      `without \`${key ?? "key"}:\`, e.g.\n${field}:\n  - ${shown}`
    );
  }
  if (Array.isArray(value)) return `write one item per \`- \` line, each plain text, e.g.\n${field}:\n  - ${item}`;
  if (value === null) return "remove the empty `-` line, or write the item after it";
  return `put the item in quotes, so that it is read as text: \`- "${valueText(value)}"\``;
}

function typeHint(schema: SchemaView, path: FieldPath, value: unknown): string | undefined {
  const top = typeof path[0] === "string" ? path[0] : undefined;
  if (top === "expertise") {
    if (path.length === 1) return expertiseHint("write a list of plain items or <li> HTML");
    const key = value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value)[0] : undefined;
    return expertiseHint(
      key
        ? `write each topic as plain text, without \`${key}:\`, as a list or as <li> HTML`
        : "write each topic as plain text, as a list or as <li> HTML",
    );
  }
  const last = path.at(-1);
  if (typeof last === "number" && top) return itemHint(value, partAt(schema, path.slice(0, -1)), String(path.at(-2)));
  return fallbackHint(schema, path);
}

/**
 * A hint for every error: the field's example, or what the schema says the field takes. A field
 * the bundled schema lacks (an organization's own) gets its description and its example: the words
 * its schema's authors wrote for their contributors.
 */
function fallbackHint(schema: SchemaView, path: FieldPath): string {
  const part = partAt(schema, path);
  if (typeof path[0] === "string" && !knownKeys().includes(path[0])) return describedHint(part, String(path.at(-1) ?? ""));
  const example = exampleFor(part, String(path.at(-1) ?? ""));
  if (example) return example.includes("\n") ? `for example:\n${example}` : `for example: \`${example}\``;
  const parent = partAt(schema, path.slice(0, -1));
  return part?.description ?? parent?.description ?? "see the team-member schema for what each field takes";
}

/**
 * What the field is for and how it is written, both from the schema (`description`, then the first
 * of `examples`): the words an organization wrote for its own fields reach its contributors.
 */
function describedHint(part: SchemaPart | undefined, field: string): string {
  const example = exampleFor(part, field);
  const shown = example ? (example.includes("\n") ? `for example:\n${example}` : `for example: \`${example}\``) : undefined;
  const description = part?.description?.trim().replace(/\.$/, "");
  if (description && shown) return `${description}; ${shown}`;
  return description ?? shown ?? "see the team-member schema for what this field takes";
}

/**
 * A text longer than any real value of its field: the schema's limits sit far above real values, so
 * the words say what the field is for rather than how to trim it.
 */
function tooLong(Words: string, value: unknown, limit: number): { message: string; hint: string } {
  const length = typeof value === "string" ? codePointLength(value) : 0;
  return {
    message: `${Words} is ${length.toLocaleString("en")} characters long; it may hold at most ${limit.toLocaleString("en")}`,
    hint:
      `shorten it to ${limit.toLocaleString("en")} characters or fewer: ` +
      "it is shown in lists and searched on every keystroke, so longer text belongs in `story`",
  };
}

/** One ajv error with what every explanation of it needs. */
interface SchemaError {
  readonly entry: LoadedEntry;
  readonly error: ErrorObject;
  readonly schema: SchemaView;
  readonly path: FieldPath;
  readonly value: unknown;
  /** The field in words, capitalised to open a message. */
  readonly Words: string;
  readonly field: string;
}

/** What an error says; `rule`, `field` and `point` only where they differ from the error's own. */
interface Explanation {
  readonly message: string;
  readonly hint: string | undefined;
  readonly rule?: TeamRuleId;
  readonly field?: string;
  readonly point?: SourcePoint | undefined;
}

/** An error of the schema as a problem of the entry: its rule, field, place, message and hint. */
function explainError(entry: LoadedEntry, error: ErrorObject, schema: SchemaView) {
  const path = pathOf(error);
  const words = fieldWords(path);
  const explained = explain({
    entry,
    error,
    schema,
    path,
    value: valueAt(entry.data, path),
    Words: words.charAt(0).toUpperCase() + words.slice(1),
    field: formatPath(path),
  });
  const point = "point" in explained ? explained.point : locate(entry.source, path)?.point;
  return {
    rule: explained.rule ?? keywordRule(error.keyword),
    field: (explained.field ?? formatPath(path)) || undefined,
    at: point ? { line: point.line, column: point.column } : {},
    message: explained.message,
    hint: explained.hint,
  };
}

/** The rule of a keyword `explain` leaves to its name: `minLength` is `schema-min-length`. */
function keywordRule(keyword: string): TeamRuleId {
  return TEAM_RULES.get(`schema-${keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)?.id ?? "schema-other";
}

function explain(e: SchemaError): Explanation {
  const { error, schema, path, value, Words } = e;
  switch (error.keyword) {
    case "type":
      return explainType(e);
    case "required":
      return explainRequired(e);
    case "enum":
      return explainEnum(e);
    case "format":
      return explainFormat(e);
    case "pattern":
      return {
        message: `${Words} is ${valueWords(value)}, which is not written the way this field is`,
        hint: describedHint(partAt(schema, path), String(path.at(-1) ?? "")),
      };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return explainRange(e, error.keyword);
    case "minLength":
      return { message: `${Words} is empty`, hint: fallbackHint(schema, path) };
    case "maxLength":
      return tooLong(Words, value, Number(error.params.limit));
    case "uniqueItems":
      return explainRepeat(e);
    default:
      // The bundled schema uses none of the other keywords; an organization's may use any.
      return {
        rule: "schema-other",
        message: `${path.length ? Words : "The entry"} ${error.message ?? "is not valid"}`,
        hint: fallbackHint(schema, path),
      };
  }
}

function explainType({ error, schema, path, value, Words, field }: SchemaError): Explanation {
  const types = ([] as string[]).concat(error.params.type as string | string[]);
  const listOfWords = partAt(schema, path)?.items?.type === "string";
  const message = `${Words} must be ${typeWords(types, listOfWords)}, not ${valueWords(value)}`;
  return field === "mentor"
    ? { rule: "mentor-not-boolean", message, hint: mentorHint(value) }
    : { message, hint: typeHint(schema, path, value) };
}

function explainRequired({ entry, error, schema, path, Words, field: parentField }: SchemaError): Explanation {
  const missing = String(error.params.missingProperty);
  const example = parentField ? exampleFor(partAt(schema, [...path, missing]), missing) : undefined;
  return {
    field: parentField ? `${parentField}.${missing}` : missing,
    point: path.length ? locateKey(entry.source, path) : entry.source?.start,
    message: parentField ? `${Words} is missing its sub-field \`${missing}\`` : `\`${missing}\` is missing`,
    hint:
      missing === "name"
        ? "add `name: Your Full Name`"
        : !parentField
          ? `add a \`${missing}:\` line: ${describedHint(partAt(schema, [missing]), missing)}`
          : `add \`${missing}:\` on its own line under \`${parentField}\`, indented by two spaces` +
            (example ? `, e.g. \`${example}\`` : ""),
  };
}

function explainEnum({ error, value, Words }: SchemaError): Explanation {
  const allowed = (error.params.allowedValues as unknown[]).map(String);
  const near = typeof value === "string" ? closestMatch(value, allowed, typoReach(value), { ignoreCase: true }) : undefined;
  return {
    message: `${Words} is ${valueWords(value)}, which is not one of the allowed values: ${allowed.join(", ")}`,
    hint: near ? `did you mean \`${near}\`?` : `use one of: ${allowed.join(", ")}`,
  };
}

function explainFormat({ schema, path, value, Words }: SchemaError): Explanation {
  const problem = typeof value === "string" ? dateProblem(value) : "form";
  const name = String(path.at(-1));
  const example = exampleFor(partAt(schema, path), name) ?? `${name}: 2021-03-15`;
  return problem === "form" || problem === undefined
    ? {
        message: `${Words} must be a date written YYYY-MM-DD (year, month, day), not ${valueWords(value)}`,
        hint: `write the date as year-month-day, e.g. \`${example}\``,
      }
    : {
        message: `${Words} is ${valueWords(value)}, which is not a real date: ${problem}`,
        hint: `write a date that exists, as year-month-day, e.g. \`${example}\``,
      };
}

function explainRange(
  { error, schema, path, value, Words }: SchemaError,
  keyword: "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum",
): Explanation {
  const limit = Number(error.params.limit);
  const words = { minimum: "at least", maximum: "at most", exclusiveMinimum: "more than", exclusiveMaximum: "less than" }[keyword];
  return {
    rule: "schema-range",
    message: `${Words} is ${valueWords(value)}; it must be ${words} ${limit.toLocaleString("en")}`,
    hint: describedHint(partAt(schema, path), String(path.at(-1) ?? "")),
  };
}

function explainRepeat({ entry, error, path, Words }: SchemaError): Explanation {
  const first = itemWords(Number(error.params.j));
  const again = itemWords(Number(error.params.i));
  return {
    message: `${Words} lists the same value twice (${first} and ${again})`,
    hint: `remove ${again}, which repeats ${first}`,
    point: locate(entry.source, [...path, Number(error.params.i)])?.point ?? locate(entry.source, path)?.point,
  };
}

/**
 * Validate one entry against the schema. Union types make ajv report a type error once per
 * alternative branch; keep one diagnostic per place and rule.
 */
export function validateEntry(entry: LoadedEntry, teamSchema: TeamSchema = bundledSchema()): Diagnostic[] {
  const { validate, schema } = compile(teamSchema);
  if (validate(entry.data)) return [];
  const seen = new Set<string>();
  const problems = new Problems(TEAM_RULES, entry.file);
  for (const error of validate.errors ?? []) {
    const { rule, field, at, message, hint } = explainError(entry, error, schema);
    const key = `${field}|${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.report(rule, at, message, { field, hint });
  }
  return problems.diagnostics;
}
