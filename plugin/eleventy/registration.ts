/**
 * A second `addPlugin` of the plugin on one config: harmless with the same options, reported with
 * others (the first is kept). Eleventy's \`unique\` plugin option would drop the second silently,
 * without saying which options were lost.
 */
import type { Log } from "./log.js";
import type { ResolvedOptions } from "./options.js";
import { jsonText } from "../text/json.js";

// Options of each registration, by config: a second `addPlugin` with other options is reported.
const registered = new WeakMap<object, ResolvedOptions>();

/** An option's value in a message; `undefined` (a page URL not set) is "unset". */
function shown(value: unknown): string {
  return jsonText(value) ?? "unset";
}

/** `option: kept ≠ ignored` for each option the two registrations set differently. */
function changedOptions(kept: ResolvedOptions, ignored: ResolvedOptions): string[] {
  const keys = Object.keys(kept) as (keyof ResolvedOptions)[];
  return keys
    .filter((key) => shown(kept[key]) !== shown(ignored[key]))
    .map((key) => `\`${key}\`: ${shown(kept[key])} kept, ${shown(ignored[key])} ignored`);
}

/**
 * Whether this is the first registration on `config`; a later one with other options is reported
 * on `log`.
 */
export function isFirstRegistration(config: object, options: ResolvedOptions, log: Log): boolean {
  const first = registered.get(config);
  if (first === undefined) {
    registered.set(config, options);
    return true;
  }
  const differences = changedOptions(first, options);
  if (differences.length > 0) {
    log.warn(
      `the plugin is registered twice with different options; the second registration is ignored (${differences.join("; ")}). ` +
        `Register it once, with all the options.`,
    );
  }
  return false;
}
