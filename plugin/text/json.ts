/**
 * `JSON.stringify` typed as it behaves: it gives `undefined` for `undefined`, functions and
 * symbols, which its declared type (`string`) hides.
 */
export const jsonText: (value: unknown) => string | undefined = JSON.stringify;

/** A value as a contributor wrote it: text as it is, anything else (`5`, `null`, `true`) as JSON. */
export function valueText(value: unknown): string {
  return typeof value === "string" ? value : (jsonText(value) ?? String(value));
}
