/**
 * The columns the readers know, each under the names form tools give it. Column names are matched
 * loosely (`Focus areas (pick up to 3)` is `focus_areas`).
 */

export type Column = "slug" | "name" | "focus" | "timezone" | "location" | "goal" | "capacity" | "mentee" | "mentor" | "reason";

const SLUG = ["slug", "team_member_slug", "gitlab_slug"];
const NAME = ["name", "full_name", "your_name", "team_member", "team_member_name"];
const FOCUS = ["focus_areas", "focus_area", "focus", "mentorship_focus_area", "mentorship_focus_areas", "topics", "topic"];
const TIMEZONE = ["time_zone", "timezone", "tz", "utc_offset"];
const LOCATION = ["location", "locality", "city"];

export const MENTEE_COLUMNS: Partial<Record<Column, readonly string[]>> = {
  slug: SLUG,
  name: [...NAME, "mentee", "mentee_name"],
  focus: FOCUS,
  timezone: TIMEZONE,
  location: LOCATION,
  goal: ["goal", "goals", "ideal_goal", "ideal_goals", "mentorship_goal"],
};
export const MENTOR_COLUMNS: Partial<Record<Column, readonly string[]>> = {
  slug: SLUG,
  name: [...NAME, "mentor", "mentor_name"],
  focus: [...FOCUS, "expertise"],
  timezone: TIMEZONE,
  location: LOCATION,
  capacity: ["capacity", "max_mentees", "number_of_mentees", "mentees"],
};
export const EXCLUSION_COLUMNS: Partial<Record<Column, readonly string[]>> = {
  mentee: ["mentee", "mentee_slug", "mentee_name"],
  mentor: ["mentor", "mentor_slug", "mentor_name"],
  reason: ["reason", "note", "notes", "why"],
};

/** `Focus areas (pick up to 3)` → `focus_areas`. */
export function columnKey(header: string): string {
  // Runs of other characters become one `_`, so at most one is left at each end.
  return withoutBrackets(header.normalize("NFKC").toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_|_$/g, "");
}

const CLOSING: Readonly<Record<string, string>> = { "(": ")", "[": "]" };

/**
 * `text` with each `(…)` and `[…]` replaced by a space, from an opening bracket to the first
 * closing one after it. A pattern doing this (`\([^)]*\)`) tries to the end again from each `(`
 * that is never closed, quadratic in a header of `(((…`; once a closing bracket is known to be
 * missing, it is not looked for again.
 */
function withoutBrackets(text: string): string {
  let out = "";
  let from = 0;
  const missing = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const close = CLOSING[text.charAt(i)];
    if (close === undefined || missing.has(close)) continue;
    const end = text.indexOf(close, i + 1);
    if (end === -1) {
      missing.add(close);
      continue;
    }
    out += `${text.slice(from, i)} `;
    from = end + 1;
    i = end;
  }
  return out + text.slice(from);
}

/** Each alias of `columns`, by the column it names. */
export function aliasMap(columns: Partial<Record<Column, readonly string[]>>): Map<string, Column> {
  const map = new Map<string, Column>();
  for (const [column, aliases] of Object.entries(columns) as [Column, readonly string[]][])
    for (const alias of aliases) map.set(alias, column);
  return map;
}
