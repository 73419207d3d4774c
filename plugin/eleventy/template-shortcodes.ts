/**
 * The plugin's shortcodes for Liquid and Nunjucks: template values as shortcode arguments, the
 * output as HTML, a bad call as a one-line build error naming the template.
 */
import { MentorDirectoryError } from "./config.js";
import { featureOfShortcode } from "./page-assets.js";
import type { PluginState } from "./plugin-state.js";
import { timed } from "../diagnostics/timings.js";
import { jsonText } from "../text/json.js";
import { outputHtml } from "../../shortcodes/output.js";
import { ShortcodeUsageError, type ShortcodeDefinition } from "../../shortcodes/types.js";

/**
 * A template value as a shortcode argument: an undefined variable is empty (and keeps its place,
 * so later arguments are not shifted onto it); a value with text of its own (Nunjucks' `| safe`
 * strings, a list) is that text, as the template language would print it; a plain object is shown
 * as its JSON, not as `[object Object]`, so that the mistake can be seen.
 */
function argumentText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  const toText = (value as { toString?: unknown }).toString;
  if (typeof toText === "function" && toText !== Object.prototype.toString) {
    const text: unknown = Reflect.apply(toText, value, []);
    return typeof text === "string" ? text : "";
  }
  try {
    return jsonText(value) ?? "";
  } catch {
    return "";
  }
}

export function templateShortcode(state: PluginState, definition: ShortcodeDefinition): (...args: unknown[]) => string {
  const feature = featureOfShortcode(definition.name);
  return function (this: { page?: { inputPath?: string; outputPath?: unknown } } | undefined, ...args: unknown[]): string {
    const positional: string[] = [];
    const named: Record<string, string> = {};
    // Nunjucks calls a shortcode written without arguments with one empty string.
    if (args.length === 1 && args[0] === "") args = [];
    args.forEach((arg, index) => {
      // Nunjucks passes keyword arguments as a trailing object marked `__keywords`.
      if (index === args.length - 1 && arg && typeof arg === "object" && (arg as { __keywords?: unknown }).__keywords === true) {
        for (const [k, v] of Object.entries(arg)) if (k !== "__keywords") named[k] = argumentText(v);
      } else positional.push(argumentText(arg));
    });
    try {
      const html = timed("render", () => outputHtml(definition.render({ positional, named }, state.context())));
      // A page that is not written (`permalink: false`) has no output path and gets nothing.
      const outputPath = this?.page?.outputPath;
      if (feature !== undefined && typeof outputPath === "string") state.uses(outputPath, [feature]);
      return html;
    } catch (error) {
      if (error instanceof ShortcodeUsageError) {
        const where = this?.page?.inputPath ?? "a template";
        throw new MentorDirectoryError(`${where}: ${definition.templateName}: ${error.message}${error.hint ? ` (${error.hint})` : ""}`);
      }
      throw error;
    }
  };
}
