/**
 * A schema as the messages read it: one set of properties, with `$ref` and `allOf` followed. An
 * organization's schema usually extends the bundled one (`allOf: [{ $ref: <bundled $id> }]`) and
 * adds properties of its own; a field of either part must be found, with its `description` and
 * `examples`, to say what to write.
 */

/** The parts of a schema (or of one of its properties) that messages use. */
export interface SchemaPart {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly examples?: readonly unknown[];
  readonly items?: SchemaPart & { readonly enum?: readonly string[] };
  readonly properties?: Readonly<Record<string, SchemaPart>>;
  readonly additionalProperties?: SchemaPart;
  readonly maxLength?: number;
}

export type SchemaView = SchemaPart & { readonly properties: Readonly<Record<string, SchemaPart>> };

type Raw = Readonly<Record<string, unknown>>;

/** Deeper than any real schema; a `$ref` cycle stops here instead of looping. */
const MAX_DEPTH = 32;

function isObject(value: unknown): value is Raw {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The part a JSON pointer (`#/$defs/zone`) names inside `root`. */
function pointerTarget(root: Raw, pointer: string): Raw | undefined {
  let current: unknown = root;
  for (const token of pointer.split("/").slice(1)) {
    if (!isObject(current)) return undefined;
    current = current[decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return isObject(current) ? current : undefined;
}

/** Two views of the same place as one: properties merged field by field, the later words winning. */
function merge(a: SchemaPart, b: SchemaPart): SchemaPart {
  const properties: Record<string, SchemaPart> = { ...a.properties };
  for (const [key, part] of Object.entries(b.properties ?? {})) properties[key] = properties[key] ? merge(properties[key], part) : part;
  const items = a.items && b.items ? merge(a.items, b.items) : (b.items ?? a.items);
  return { ...a, ...b, ...(a.properties || b.properties ? { properties } : {}), ...(items ? { items } : {}) };
}

/**
 * The view of `root`: `documents` maps each `$id` a `$ref` may name (the bundled schema's, the
 * schema's own) to its document; a `$ref` to anything else is left unread.
 */
export function schemaView(root: unknown, documents: ReadonlyMap<string, unknown>): SchemaView {
  const view = isObject(root) ? partOf(root, root, documents, 0) : {};
  return { ...view, properties: view.properties ?? {} };
}

function partOf(raw: Raw, document: Raw, documents: ReadonlyMap<string, unknown>, depth: number): SchemaPart {
  if (depth > MAX_DEPTH) return {};
  const next = (value: unknown, inDocument = document): SchemaPart | undefined =>
    isObject(value) ? partOf(value, inDocument, documents, depth + 1) : undefined;
  let out: SchemaPart = {};
  const ref = raw.$ref;
  if (typeof ref === "string") {
    const hash = ref.indexOf("#");
    const base = hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? "" : ref.slice(hash + 1);
    const target = base === "" ? document : documents.get(base);
    if (isObject(target)) {
      const part = pointer === "" ? target : pointerTarget(target, pointer);
      if (part) out = merge(out, next(part, target) ?? {});
    }
  }
  if (Array.isArray(raw.allOf)) for (const member of raw.allOf) out = merge(out, next(member) ?? {});
  const own: Record<string, unknown> = {};
  for (const key of ["type", "description", "examples", "maxLength", "enum"] as const) if (raw[key] !== undefined) own[key] = raw[key];
  const items = next(raw.items);
  if (items) own.items = items;
  const additional = next(raw.additionalProperties);
  if (additional) own.additionalProperties = additional;
  if (isObject(raw.properties)) {
    const properties: Record<string, SchemaPart> = {};
    for (const [key, value] of Object.entries(raw.properties)) {
      const part = next(value);
      if (part) properties[key] = part;
    }
    own.properties = properties;
  }
  return merge(out, own);
}
