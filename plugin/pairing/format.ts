/**
 * The pairing as people use it: Markdown to paste into the program's announcement, CSV for the
 * organizers' spreadsheet, JSON for other tools. Every pair says why (shared focus areas, hours
 * apart, departments); every unpaired mentee says why not, with the closest mentors and what
 * ruled each out.
 */
import { printableDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import type { Obstacle } from "./constraints.js";
import { formatCsvTable } from "./csv.js";
import type { MenteeEntry, MentorEntry, NearMiss, Pair, Pairing, Participant, Unpaired, UnpairedReason } from "./pair.js";
import { describeTimeZone, formatHoursApart, formatOffset, type ResolvedTimeZone } from "./timezones.js";
import { plural } from "../text/plural.js";

export type PairingFormat = "markdown" | "csv" | "json";
export const PAIRING_FORMATS: readonly PairingFormat[] = ["markdown", "csv", "json"];

export interface FormatOptions {
  /** Problems met while reading the inputs; JSON carries them, the other formats do not. */
  readonly diagnostics?: readonly Diagnostic[];
  /** Heading of the Markdown output. Default `Mentorship pairs`. */
  readonly title?: string;
}

type Names = (slug: string) => string;

function namesOf(pairing: Pairing): Names {
  const names = new Map<string, string>();
  for (const p of pairing.pairs) names.set(p.mentee.slug, p.mentee.name);
  for (const u of pairing.unpaired) names.set(u.mentee.slug, u.mentee.name);
  for (const m of pairing.mentors) names.set(m.mentor.slug, m.mentor.name);
  return (slug) => names.get(slug) ?? slug;
}

/** Why `mentor` could not take `mentee`, as a phrase: `at capacity (mentoring Ana Morales)`. */
export function describeObstacle(obstacle: Obstacle, mentee: Participant, mentor: Participant, names: Names = (s) => s): string {
  switch (obstacle.kind) {
    case "self":
      return "is the mentee";
    case "no-shared-focus":
      return "no shared focus area";
    case "no-capacity":
      return "takes no mentees this time (capacity 0)";
    case "excluded":
      return obstacle.reason ? `excluded (${obstacle.reason})` : "excluded";
    case "at-capacity":
      return obstacle.mentees.length ? `at capacity (mentoring ${obstacle.mentees.map(names).join(", ")})` : "at capacity";
    case "reporting-line": {
      const { manager, levels } = obstacle.relation;
      if (manager === mentor.slug)
        return levels === 1
          ? `same reporting line (is ${mentee.name}'s manager)`
          : `same reporting line (${levels} levels above ${mentee.name})`;
      return levels === 1
        ? `same reporting line (reports to ${mentee.name})`
        : `same reporting line (${levels} levels below ${mentee.name})`;
    }
  }
}

const RULED_OUT_WORDS: Readonly<Record<string, string>> = {
  "reporting-line": "same reporting line",
  excluded: "excluded",
  "no-capacity": "capacity 0",
};

/** `2 same reporting line, 1 excluded`: the rules that ruled out mentors sharing a focus area. */
function ruledOutText(reason: UnpairedReason): string {
  return Object.entries(reason.ruledOutBy)
    .map(([kind, n]) => (reason.ruledOut === 1 ? (RULED_OUT_WORDS[kind] ?? kind) : `${n} ${RULED_OUT_WORDS[kind] ?? kind}`))
    .join(", ");
}

/** Why a mentee is not paired, as a sentence without the final period. */
export function describeUnpaired(unpaired: Unpaired): string {
  const { kind, sharing, ruledOut } = unpaired.reason;
  switch (kind) {
    case "no-focus-areas":
      return "the application names no focus area";
    case "no-shared-focus":
      return `no mentor lists any of their focus areas (${unpaired.mentee.focusAreas.join("; ")})`;
    case "ruled-out":
      return (
        `${sharing === 1 ? "the one mentor" : `each of the ${sharing} mentors`} sharing a focus area is ruled out ` +
        `(${ruledOutText(unpaired.reason)})`
      );
    case "at-capacity": {
      const full = sharing - ruledOut;
      const main =
        full === 1
          ? "the one mentor sharing a focus area who could take them is at capacity"
          : `the ${full} mentors sharing a focus area who could take them are at capacity`;
      return ruledOut ? `${main}; ${plural(ruledOut, "more is", "more are")} ruled out (${ruledOutText(unpaired.reason)})` : main;
    }
  }
}

function hoursOf(minutes: number | undefined): number | null {
  return minutes === undefined ? null : minutes / 60;
}

function timeZoneText(pair: { minutesApart?: number }, mentee: ResolvedTimeZone | undefined, mentor: ResolvedTimeZone | undefined): string {
  if (pair.minutesApart !== undefined && mentee?.offsetMinutes !== undefined && mentor?.offsetMinutes !== undefined) {
    return `${formatHoursApart(pair.minutesApart)} (${formatOffset(mentee.offsetMinutes)} / ${formatOffset(mentor.offsetMinutes)})`;
  }
  const unknown = [mentee?.offsetMinutes === undefined ? "mentee's" : "", mentor?.offsetMinutes === undefined ? "mentor's" : ""].filter(
    Boolean,
  );
  return `${unknown.join(" and ")} time zone unknown`;
}

function departmentsText(pair: Pair): string {
  const a = pair.mentee.departments;
  const b = pair.mentor.departments;
  if (pair.differentDepartments === true) return `different (${a.join(", ")} / ${b.join(", ")})`;
  if (pair.differentDepartments === false) {
    const mine = new Set(a.map((d) => d.toLowerCase()));
    return `same (${b.filter((d) => mine.has(d.toLowerCase())).join(", ") || b.join(", ")})`;
  }
  return "unknown";
}

/** Shared focus areas and distance of a near miss: `2 shared focus areas (Go; Kubernetes), 3 h apart`. */
function nearMissFacts(miss: NearMiss): string {
  const shared = miss.sharedFocusAreas.length
    ? `${plural(miss.sharedFocusAreas.length, "shared focus area")} (${miss.sharedFocusAreas.join("; ")})`
    : "";
  const apart = miss.minutesApart === undefined ? "" : formatHoursApart(miss.minutesApart);
  return [shared, apart].filter(Boolean).join(", ");
}

/**
 * Markdown: escape what could start emphasis, links, code, HTML, a table cell or an entity; and
 * keep every `@` of the data from mentioning anyone. GitLab finds mentions after rendering, in
 * the page's text nodes outside code and links: a backslash or `&#64;` becomes a plain `@` in a
 * text node again, and is a mention. A code span is skipped, so each run of `@` is written as one.
 */
function md(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>|~&]/g, "\\$&")
    .replace(/@+/g, "`$&`");
}

/**
 * Handles that would notify a crowd rather than a person: GitLab's `@all` (every member of the
 * project or group), and what chat tools an announcement is pasted into read the same way
 * (Mattermost, which ships with GitLab, and Slack: `@here`, `@channel`, `@everyone`). GitLab
 * usernames are compared without case.
 */
const GROUP_MENTIONS: ReadonlySet<string> = new Set(["all", "here", "channel", "everyone"]);

/** The person, with a mention of their GitLab username; a handle that would notify a crowd is shown inert, in code. */
function who(person: Participant): string {
  const { handle } = person;
  if (!handle) return md(person.name);
  return GROUP_MENTIONS.has(handle.toLowerCase()) ? `${md(person.name)} (\`@${handle}\`)` : `${md(person.name)} (@${handle})`;
}

/** Markdown ready to paste: a table of pairs, then the mentees not paired yet with their closest mentors. */
export function formatMarkdown(pairing: Pairing, options: FormatOptions = {}): string {
  const names = namesOf(pairing);
  const lines: string[] = [`## ${md(options.title ?? "Mentorship pairs")}`, ""];
  const mentorsWithMentees = pairing.mentors.filter((m) => m.mentees.length > 0).length;
  let intro = `${plural(pairing.pairs.length, "mentee")} paired with ${plural(mentorsWithMentees, "mentor")}.`;
  if (pairing.unpaired.length) intro += ` ${plural(pairing.unpaired.length, "mentee is", "mentees are")} not paired yet (see below).`;
  lines.push(intro, "");
  if (pairing.pairs.length) {
    lines.push("| Mentee | Mentor | Shared focus areas | Time zones | Departments |", "| --- | --- | --- | --- | --- |");
    for (const p of pairing.pairs) {
      const cells = [
        who(p.mentee),
        who(p.mentor),
        md(p.sharedFocusAreas.join("; ")),
        md(timeZoneText(p, p.mentee.timeZone, p.mentor.timeZone)),
        md(departmentsText(p)),
      ];
      lines.push(`| ${cells.join(" | ")} |`);
    }
    lines.push("");
  }
  if (pairing.unpaired.length) {
    lines.push("### Not paired yet", "");
    for (const u of pairing.unpaired) {
      lines.push(`- **${who(u.mentee)}**: ${md(describeUnpaired(u))}.`);
      if (u.nearMisses.length) {
        lines.push("  Closest mentors:");
        for (const miss of u.nearMisses) {
          const facts = nearMissFacts(miss);
          const why = miss.obstacles.map((o) => describeObstacle(o, u.mentee, miss.mentor, names)).join("; ");
          lines.push(`  - ${who(miss.mentor)}${facts ? `, ${md(facts)}` : ""}: ${md(why)}`);
        }
      }
    }
    lines.push("");
  }
  return lines.join("\n");
}

const CSV_HEADER = [
  "status",
  "mentee_slug",
  "mentee_name",
  "mentor_slug",
  "mentor_name",
  "shared_focus_areas",
  "shared_count",
  "hours_apart",
  "mentee_time_zone",
  "mentor_time_zone",
  "departments",
  "goal",
  "reason",
];

/** CSV, one row per mentee (paired or not), CRLF line ends; see `csvField` for formula safety. */
export function formatCsv(pairing: Pairing): string {
  const names = namesOf(pairing);
  const rows: (string | number | undefined)[][] = [CSV_HEADER];
  for (const p of pairing.pairs) {
    rows.push([
      "paired",
      p.mentee.slug,
      p.mentee.name,
      p.mentor.slug,
      p.mentor.name,
      p.sharedFocusAreas.join("; "),
      p.sharedFocusAreas.length,
      hoursOf(p.minutesApart) ?? undefined,
      describeTimeZone(p.mentee.timeZone ?? { input: "", source: "unknown" }),
      describeTimeZone(p.mentor.timeZone ?? { input: "", source: "unknown" }),
      departmentsText(p),
      p.mentee.goal,
      "",
    ]);
  }
  for (const u of pairing.unpaired) {
    const closest = u.nearMisses
      .map((miss) => `${miss.mentor.name} (${miss.obstacles.map((o) => describeObstacle(o, u.mentee, miss.mentor, names)).join("; ")})`)
      .join("; ");
    rows.push([
      "unpaired",
      u.mentee.slug,
      u.mentee.name,
      "",
      "",
      "",
      0,
      undefined,
      describeTimeZone(u.mentee.timeZone ?? { input: "", source: "unknown" }),
      "",
      "",
      u.mentee.goal,
      `${describeUnpaired(u)}.${closest ? ` Closest: ${closest}.` : ""}`,
    ]);
  }
  return formatCsvTable(rows);
}

function personJson(person: Participant): Record<string, unknown> {
  const tz = person.timeZone;
  return {
    slug: person.slug,
    name: person.name,
    ...(person.handle ? { handle: person.handle } : {}),
    departments: person.departments,
    focusAreas: person.focusAreas,
    timeZone:
      tz && tz.input !== ""
        ? { input: tz.input, source: tz.source, utcOffsetMinutes: tz.offsetMinutes ?? null, ...(tz.zone ? { zone: tz.zone } : {}) }
        : null,
    ...(person.source ? { source: { file: person.source.file, row: person.source.row, line: person.source.line } } : {}),
  };
}

function menteeJson(mentee: MenteeEntry): Record<string, unknown> {
  return { ...personJson(mentee), ...(mentee.goal !== undefined ? { goal: mentee.goal } : {}) };
}

function mentorJson(mentor: MentorEntry): Record<string, unknown> {
  return { ...personJson(mentor), capacity: mentor.capacity };
}

function obstacleJson(obstacle: Obstacle, mentee: Participant, mentor: Participant, names: Names): Record<string, unknown> {
  return { ...obstacle, text: describeObstacle(obstacle, mentee, mentor, names) };
}

/** JSON: summary (with the objective reached), pairs, unpaired mentees, mentor loads, diagnostics. */
export function formatJson(pairing: Pairing, options: FormatOptions = {}): string {
  const names = namesOf(pairing);
  const places = pairing.mentors.reduce((sum, m) => sum + m.mentor.capacity, 0);
  const out = {
    summary: {
      mentees: pairing.pairs.length + pairing.unpaired.length,
      mentors: pairing.mentors.length,
      places,
      paired: pairing.pairs.length,
      unpaired: pairing.unpaired.length,
      objective: pairing.objective,
    },
    pairs: pairing.pairs.map((p) => ({
      mentee: menteeJson(p.mentee),
      mentor: mentorJson(p.mentor),
      sharedFocusAreas: p.sharedFocusAreas,
      hoursApart: hoursOf(p.minutesApart),
      differentDepartments: p.differentDepartments ?? null,
    })),
    unpaired: pairing.unpaired.map((u) => ({
      mentee: menteeJson(u.mentee),
      reason: { ...u.reason, text: describeUnpaired(u) },
      nearMisses: u.nearMisses.map((miss) => ({
        mentor: { slug: miss.mentor.slug, name: miss.mentor.name, capacity: miss.mentor.capacity },
        sharedFocusAreas: miss.sharedFocusAreas,
        hoursApart: hoursOf(miss.minutesApart),
        obstacles: miss.obstacles.map((o) => obstacleJson(o, u.mentee, miss.mentor, names)),
      })),
    })),
    mentors: pairing.mentors.map((m) => ({ slug: m.mentor.slug, name: m.mentor.name, capacity: m.mentor.capacity, mentees: m.mentees })),
    // Read in a terminal or a CI log like a report: escaped the same way (see `printableDiagnostic`).
    diagnostics: (options.diagnostics ?? []).map(printableDiagnostic),
  };
  return JSON.stringify(out, null, 2) + "\n";
}

/** The pairing in one of `PAIRING_FORMATS`. */
export function formatPairing(pairing: Pairing, format: PairingFormat, options: FormatOptions = {}): string {
  switch (format) {
    case "csv":
      return formatCsv(pairing);
    case "json":
      return formatJson(pairing, options);
    default:
      return formatMarkdown(pairing, options);
  }
}
