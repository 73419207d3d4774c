/**
 * Structural checks of what a parse cache holds. A cache is input: a whole frame proves only that
 * the file is as its writer left it, and its writer may be a less trusted job or a person. An
 * entry is used only if it is something loading a team file could have given: plain YAML data,
 * and diagnostics of the right shape that name that file. So a cache can never do more than a
 * team file can (no prototype keys, no objects of other kinds, no diagnostics moved onto other
 * files), and anything else is dropped and parsed again.
 *
 * Nor may checking an entry cost more than parsing its file. `v8.deserialize` keeps shared
 * references, so a list holding one list twice, nested thirty deep, is a billion values to a walk
 * and 200 bytes on disk. A walk therefore meets each object once (the entry of a team file is a
 * tree: see `Walk`) and visits at most `entryBudget` values.
 */
import type { Diagnostic } from "../../diagnostics/index.js";
import { UNSAFE_KEYS } from "../../yaml/unsafe-keys.js";

/** Deeper than the YAML loader ever nests (it refuses 64 levels); bounds the recursion. */
const MAX_DEPTH = 128;

/**
 * Values and diagnostics an entry may hold per byte of its file. A value takes at least one byte
 * of the text: the densest shape, `[:,:,…]`, gives a mapping and its null for every two bytes. A
 * diagnostic is about one value, and the densest shape of errors gives one for every two bytes
 * (`departments:` over lines of `-`, each item null). Both at once (`expertise: [:,:,…]`) make
 * 1.5 per byte; 3 leaves room for shapes not thought of, and any constant keeps the check linear.
 */
const NODES_PER_BYTE = 3;
/** For the root and the notices of a file of a few bytes (empty, or a lone scalar). */
const NODES_FLOOR = 1024;

/**
 * How many values a check may visit in the entry of a file of `bytes` bytes. Entries are used only
 * for files within the loader's `maxFileBytes`, so no entry costs more than what the largest file
 * allowed would: about 3.1 million values at the default 1 MiB.
 */
export function entryBudget(bytes: number): number {
  return NODES_PER_BYTE * bytes + NODES_FLOOR;
}

/**
 * One check's allowance: the values it may still visit, and the objects it has met. The YAML
 * loader shares a value only for an alias (`*name`), and entries of such files are not written
 * (`ParseCache#set`), so an object met twice in an entry is a forgery and refuses it.
 */
export class Walk {
  /** Made on the first object met: most entries' diagnostics are empty lists, which hold none. */
  #seen: Set<object> | undefined;
  #left: number;

  constructor(readonly budget: number) {
    this.#left = budget;
  }

  /** Values visited so far. */
  get visited(): number {
    return this.budget - this.#left;
  }

  /** Count one value: `false` once the budget is spent. */
  step(): boolean {
    if (this.#left <= 0) return false;
    this.#left -= 1;
    return true;
  }

  /** Note that `object` is met: `false` if it was met before in this entry. */
  first(object: object): boolean {
    this.#seen ??= new Set();
    if (this.#seen.has(object)) return false;
    this.#seen.add(object);
    return true;
  }
}

const unsafe = new Set(UNSAFE_KEYS);

/** Whether `value` is a value the YAML loader gives: null, a boolean, number or string, a list or a mapping of them. */
function isPlainData(value: unknown, walk: Walk, depth = 0): boolean {
  if (!walk.step()) return false;
  if (value === null) return true;
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return true;
  if (type !== "object" || depth >= MAX_DEPTH || !walk.first(value as object)) return false;
  return Array.isArray(value) ? isPlainList(value, walk, depth) : hasPlainEntries(value as object, walk, depth);
}

/** Whether `value` is a mapping of plain data with ordinary keys (the whole of a team entry). */
function isPlainMapping(value: unknown, walk: Walk): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && isPlainData(value, walk);
}

function isPlainList(list: unknown[], walk: Walk, depth: number): boolean {
  if (Object.getPrototypeOf(list) !== Array.prototype) return false;
  // A hole reads as `undefined`, which is not plain data: sparse lists are refused too, at the
  // first hole, however long they claim to be.
  for (let i = 0; i < list.length; i += 1) if (!isPlainData(list[i], walk, depth + 1)) return false;
  return Object.keys(list).length === list.length;
}

function hasPlainEntries(mapping: object, walk: Walk, depth: number): boolean {
  const prototype: unknown = Object.getPrototypeOf(mapping);
  if (prototype !== Object.prototype && prototype !== null) return false;
  // Deserialized objects hold only string-keyed data properties (no symbols, no getters), so
  // their own enumerable keys are all there is to see.
  for (const key of Object.keys(mapping)) {
    if (unsafe.has(key) || !isPlainData((mapping as Record<string, unknown>)[key], walk, depth + 1)) return false;
  }
  return true;
}

/** An entry as read from a cache, before the check. */
export interface UncheckedEntry {
  readonly data: unknown;
  readonly diagnostics: unknown;
  readonly own: unknown;
}

/** An entry that passed the check: what loading its file could give. */
interface PlainEntry {
  readonly data: Readonly<Record<string, unknown>>;
  readonly diagnostics: readonly Diagnostic[];
  readonly own: readonly Diagnostic[];
}

const DIAGNOSTIC_KEYS = new Set(["file", "line", "column", "severity", "rule", "field", "message", "hint"]);

const isPosition = (value: unknown): boolean => value === undefined || (Number.isInteger(value) && (value as number) >= 1);
const isOptionalText = (value: unknown): boolean => value === undefined || typeof value === "string";

/**
 * Whether `value` is a list of diagnostics, each of the `Diagnostic` shape and about `file`. A
 * diagnostic holds only numbers and strings, checked field by field: it counts as one value.
 */
function areDiagnosticsOf(value: unknown, file: string, walk: Walk): value is readonly Diagnostic[] {
  if (!Array.isArray(value)) return false;
  // An empty list holds nothing to walk twice: entries without diagnostics may share one.
  if (value.length === 0) return true;
  if (!walk.step() || !walk.first(value)) return false;
  for (const d of value as unknown[]) if (!isDiagnosticOf(d, file, walk)) return false;
  return true;
}

function isDiagnosticOf(d: unknown, file: string, walk: Walk): boolean {
  if (typeof d !== "object" || d === null || Array.isArray(d) || !walk.step() || !walk.first(d)) return false;
  if (Object.getPrototypeOf(d) !== Object.prototype || Object.keys(d).some((key) => !DIAGNOSTIC_KEYS.has(key))) return false;
  const { file: of, line, column, severity, rule, field, message, hint } = d as Partial<Record<keyof Diagnostic, unknown>>;
  if (of !== file || (severity !== "error" && severity !== "warning") || typeof rule !== "string" || typeof message !== "string")
    return false;
  return isPosition(line) && isPosition(column) && isOptionalText(field) && isOptionalText(hint);
}

/**
 * Whether `data`, `diagnostics` and `own` are what loading the file shown as `file` could give:
 * plain data and diagnostics about that file, a tree within what `walk` allows (for a file of
 * `bytes` bytes, `new Walk(entryBudget(bytes))`).
 */
export function isEntryOf(entry: UncheckedEntry, file: string, walk: Walk): entry is PlainEntry {
  return isPlainMapping(entry.data, walk) && areDiagnosticsOf(entry.diagnostics, file, walk) && areDiagnosticsOf(entry.own, file, walk);
}

/** Whether `diagnostics` and `own` are diagnostics loading the file shown as `file` could give (`isEntryOf` without the data). */
export function areNotesOf(diagnostics: unknown, own: unknown, file: string, walk: Walk): boolean {
  return areDiagnosticsOf(diagnostics, file, walk) && areDiagnosticsOf(own, file, walk);
}

/**
 * Whether `diagnostics` are what a report of the team files `files` could hold: each of the usual
 * shape and about one of the files.
 */
export function areReportDiagnosticsOf(diagnostics: unknown, files: readonly string[]): diagnostics is readonly Diagnostic[] {
  if (!Array.isArray(diagnostics)) return false;
  if (diagnostics.length === 0) return true;
  const listed = new Set(files);
  for (const d of diagnostics as unknown[]) {
    const file = typeof d === "object" && d !== null ? (d as { file?: unknown }).file : undefined;
    if (typeof file !== "string" || !listed.has(file) || !isDiagnosticOf(d, file, new Walk(1))) return false;
  }
  return true;
}

/** Whether `value` is a list of `length` strings (`length` omitted: any length). */
export function isStringList(value: unknown, length?: number): value is string[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) return false;
  for (const item of value as unknown[]) if (typeof item !== "string") return false;
  return true;
}
