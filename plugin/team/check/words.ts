/**
 * The words schema messages use. Contributors are rarely engineers: they know "a list" and "the
 * second item", not "array", "mapping" or `departments[1]`.
 */
import type { FieldPath } from "../../yaml/source.js";

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** `the third item`, or `item 12` past the tenth. */
export function itemWords(index: number): string {
  const ordinal = ORDINALS[index];
  return ordinal ? `the ${ordinal} item` : `item ${index + 1}`;
}

/** A field as a contributor finds it in the file: `` `name` ``, ``the second item of `departments` ``, `` `to` under `borrow` ``. */
export function fieldWords(path: FieldPath): string {
  if (path.length === 0) return "the file";
  let out = "";
  let parent: string | undefined;
  for (const step of path) {
    if (typeof step === "number") {
      out = `${itemWords(step)} of ${out}`;
    } else {
      out = parent === undefined ? `\`${step}\`` : `\`${step}\` under ${out}`;
    }
    parent = String(step);
  }
  return out;
}

/** What a JSON Schema type is called in a team file. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "a field with sub-fields",
  null: "empty",
  number: "a number",
  integer: "a whole number",
};

/** `a, b or c` (or `a, b and c`). */
export function listWords(words: readonly string[], last: "or" | "and" = "and"): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} ${last} ${words.at(-1)}` : (words[0] ?? "");
}

/** `text, a list or empty`. */
export function typeWords(types: readonly string[], listOfWords: boolean): string {
  return listWords(
    types.map((t) => (t === "array" && listOfWords ? "a list of words" : (TYPE_WORDS[t] ?? t))),
    "or",
  );
}

/** How a contributor would name the value they wrote. */
export function valueWords(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  const first = Object.keys(value)[0];
  return first === undefined ? "a field with sub-fields" : `a field with sub-fields (\`${first}: …\`)`;
}
