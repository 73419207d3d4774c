/**
 * Structural checks of what a parse cache holds. A cache is input: a whole frame proves only that
 * the file is as its writer left it, and its writer may be a less trusted job or a person. An
 * entry is used only if it is something loading a team file could have given: plain YAML data,
 * and diagnostics of the right shape that name that file. So a cache can never do more than a
 * team file can (no prototype keys, no objects of other kinds, no diagnostics moved onto other
 * files), and anything else is dropped and parsed again.
 */
import type { Diagnostic } from "../diagnostics/index.js";
import { UNSAFE_KEYS } from "../yaml/parse.js";

/** Deeper than the YAML loader ever nests (it refuses 64 levels); bounds the walk. */
const MAX_DEPTH = 128;

const unsafe = new Set(UNSAFE_KEYS);

/** Whether `value` is a value the YAML loader gives: null, a boolean, number or string, a list or a mapping of them. */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null) return true;
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return true;
  if (type !== "object" || depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    // A hole reads as `undefined`, which is not plain data: sparse lists are refused too.
    for (let i = 0; i < value.length; i += 1) if (!isPlainData(value[i], depth + 1)) return false;
    return Object.keys(value).length === value.length;
  }
  return isPlainMapping(value, depth);
}

/** Whether `value` is a mapping of plain data with ordinary keys (the whole of a team entry). */
export function isPlainMapping(value: unknown, depth = 0): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  // Deserialized objects hold only string-keyed data properties (no symbols, no getters), so
  // their own enumerable keys are all there is to see.
  for (const key of Object.keys(value)) {
    if (unsafe.has(key) || !isPlainData((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

const DIAGNOSTIC_KEYS = new Set(["file", "line", "column", "severity", "rule", "field", "message", "hint"]);

const isPosition = (value: unknown): boolean => value === undefined || (Number.isInteger(value) && (value as number) >= 1);
const isOptionalText = (value: unknown): boolean => value === undefined || typeof value === "string";

/** Whether `value` is a list of diagnostics, each of the `Diagnostic` shape and about `file`. */
export function areDiagnosticsOf(value: unknown, file: string): value is readonly Diagnostic[] {
  if (!Array.isArray(value)) return false;
  for (const d of value as unknown[]) {
    if (!isPlainMapping(d)) return false;
    const { file: of, line, column, severity, rule, field, message, hint } = d;
    if (Object.keys(d).some((key) => !DIAGNOSTIC_KEYS.has(key))) return false;
    if (of !== file || (severity !== "error" && severity !== "warning") || typeof rule !== "string" || typeof message !== "string")
      return false;
    if (!isPosition(line) || !isPosition(column) || !isOptionalText(field) || !isOptionalText(hint)) return false;
  }
  return true;
}

/** Whether `value` is a list of `length` strings (`length` omitted: any length). */
export function isStringList(value: unknown, length?: number): value is string[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) return false;
  for (const item of value as unknown[]) if (typeof item !== "string") return false;
  return true;
}
