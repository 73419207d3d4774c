/** Finding the team member a row names: by slug, by name, or by either. */
import { matchingForm } from "../team/model/directory.js";
import type { Member } from "../team/entry.js";
import { closestMatch } from "../text/suggest.js";
import type { Problems } from "../diagnostics/problems.js";
import type { ApplicationRule } from "./application-rules.js";
import { cellText, type Cell, type TableRow } from "./table.js";

/** The team as the readers look members up: by slug, by name, and slugs whose file was rejected. */
export interface TeamIndex {
  readonly bySlug: ReadonlyMap<string, Member>;
  readonly byName: ReadonlyMap<string, readonly Member[]>;
  /** Slugs of team files that exist but failed validation. */
  readonly rejected: ReadonlySet<string>;
}

/** The team indexed for the readers; `rejectedSlugs` are files that exist but failed validation. */
export function indexTeam(members: readonly Member[], rejectedSlugs: Iterable<string> = []): TeamIndex {
  const bySlug = new Map<string, Member>();
  const byName = new Map<string, Member[]>();
  for (const member of members) {
    if (!bySlug.has(member.slug)) bySlug.set(member.slug, member);
    const key = matchingForm(member.name);
    const list = byName.get(key);
    if (list) list.push(member);
    else byName.set(key, [member]);
  }
  return { bySlug, byName, rejected: new Set(rejectedSlugs) };
}

type Resolution = { readonly member: Member } | { readonly message: string; readonly hint?: string; readonly rule: ApplicationRule };

function bySlugValue(team: TeamIndex, raw: string): Resolution {
  const slug = raw
    .trim()
    .replace(/^@/, "")
    .replace(/\.ya?ml$/i, "");
  const member = team.bySlug.get(slug);
  if (member) return { member };
  if (team.rejected.has(slug)) {
    return {
      rule: "pairing-unknown-member",
      message: `the team file of "${slug}" was rejected`,
      hint: "run `mentor-directory validate` and fix that file",
    };
  }
  const close = suggest(slug.toLowerCase(), team.bySlug.keys());
  return {
    rule: "pairing-unknown-member",
    message: `no team member has the slug "${slug}"`,
    hint: close ? `did you mean "${close}" (${team.bySlug.get(close)?.name})?` : "the slug is the team-member file name without .yml",
  };
}

function byNameValue(team: TeamIndex, raw: string): Resolution {
  const key = matchingForm(raw);
  const found = team.byName.get(key);
  if (found && found.length === 1) return { member: found[0] as Member };
  if (found && found.length > 1) {
    return {
      rule: "pairing-ambiguous-name",
      message: `${found.length} team members are named "${raw.trim()}" (${found.map((m) => m.slug).join(", ")})`,
      hint: "give the slug instead",
    };
  }
  const close = suggest(key, team.byName.keys());
  const closeMember = close === undefined ? undefined : team.byName.get(close)?.[0];
  return {
    rule: "pairing-unknown-member",
    message: `no team member is named "${raw.trim()}"`,
    hint: closeMember
      ? `did you mean "${closeMember.name}" (${closeMember.slug})?`
      : "check the spelling, or give the slug (the team-member file name)",
  };
}

/** A cell that may hold a slug or a name: the slug wins when both could match. */
export function bySlugOrName(team: TeamIndex, raw: string): Resolution {
  const slug = bySlugValue(team, raw);
  if ("member" in slug) return slug;
  const name = byNameValue(team, raw);
  if ("member" in name || name.rule === "pairing-ambiguous-name") return name;
  return {
    rule: "pairing-unknown-member",
    message: `no team member has the slug or name "${raw.trim()}"`,
    ...(slug.hint ? { hint: slug.hint } : {}),
  };
}

interface Identified {
  readonly member: Member;
}

/** The member a row names through its slug and/or name column; reports and returns undefined when none. */
export function identify(row: TableRow, team: TeamIndex, problems: Problems<ApplicationRule>): Identified | undefined {
  const slugCell = row.cells.get("slug");
  const nameCell = row.cells.get("name");
  const slug = cellText(slugCell);
  const name = cellText(nameCell);
  if (slug === undefined && name === undefined) {
    problems.report(
      "pairing-missing-member",
      { line: row.source.line, column: row.column },
      `${row.label} names nobody (no slug, no name); the ${row.unit} is not used`,
    );
    return undefined;
  }
  const found = slug !== undefined ? bySlugValue(team, slug) : byNameValue(team, name as string);
  const cell = (slug !== undefined ? slugCell : nameCell) as Cell;
  if (!("member" in found)) {
    problems.report(found.rule, cell, `${row.label}: ${found.message}; the ${row.unit} is not used`, {
      hint: found.hint,
      field: slug !== undefined ? "slug" : "name",
    });
    return undefined;
  }
  if (slug !== undefined && name !== undefined && matchingForm(name) !== matchingForm(found.member.name)) {
    problems.report(
      "pairing-name-mismatch",
      nameCell as Cell,
      `${row.label}: the slug "${found.member.slug}" is ${found.member.name} in the team files, ` +
        `but the ${row.unit} says "${name}"; the slug is used`,
      { hint: "check that the slug is the applicant's", field: "name" },
    );
  }
  return { member: found.member };
}

export function duplicate(
  row: TableRow,
  member: Member,
  seen: Map<string, string>,
  problems: Problems<ApplicationRule>,
  cell: Cell | undefined,
): boolean {
  const first = seen.get(member.slug);
  if (first === undefined) {
    seen.set(member.slug, row.label);
    return false;
  }
  problems.report(
    "pairing-duplicate",
    cell ?? { line: row.source.line, column: row.column },
    `${row.label}: ${member.name} (${member.slug}) already applied in ${first}; this ${row.unit} is not used`,
    { hint: "keep one row per person" },
  );
  return true;
}

/**
 * The closest of `candidates` to `value`: within a third of its length (one edit at least, two at
 * most), the first in code-unit order among equals, so the suggestion does not depend on the
 * team's order.
 */
function suggest(value: string, candidates: Iterable<string>): string | undefined {
  return closestMatch(value, [...candidates].sort(), Math.min(2, Math.max(1, Math.floor(value.length / 3))));
}
