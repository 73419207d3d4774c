/**
 * The rules a suggested pair never breaks, and the reasons shown when one rules a pair out:
 * no self-pairing, nobody mentored inside their own reporting line (in either direction), no
 * excluded pair, no mentor without capacity, and at least one shared focus area.
 */
import { containsPhrase } from "../assets/skill-match.js";
import { matchingForm } from "../team/model/directory.js";
import { skillKey } from "../team/model/skills.js";

/** Who manages whom, when two people are in one reporting line. */
export interface ReportingRelation {
  /** The one higher up. */
  readonly manager: string;
  readonly report: string;
  /** 1 for a direct manager, 2 for the manager's manager, … */
  readonly levels: number;
}

/**
 * The reporting lines of a team, from each member's `reports_to`. Chains are followed lazily and
 * remembered; a cycle (which `validate` reports as an error) ends the chain instead of looping.
 */
export class ReportingLines {
  readonly #reportsTo: ReadonlyMap<string, string>;
  readonly #chains = new Map<string, ReadonlyMap<string, number>>();

  constructor(reportsTo: ReadonlyMap<string, string> | Readonly<Record<string, string>>) {
    this.#reportsTo = reportsTo instanceof Map ? reportsTo : new Map(Object.entries(reportsTo));
  }

  /** The managers above `slug`, each with how many levels up it is. */
  managersOf(slug: string): ReadonlyMap<string, number> {
    const known = this.#chains.get(slug);
    if (known) return known;
    const chain = new Map<string, number>();
    const seen = new Set([slug]);
    let current = this.#reportsTo.get(slug);
    for (let level = 1; current !== undefined && !seen.has(current); level++) {
      chain.set(current, level);
      seen.add(current);
      current = this.#reportsTo.get(current);
    }
    this.#chains.set(slug, chain);
    return chain;
  }

  /** How `a` and `b` stand in one reporting line, or undefined when they do not. */
  relation(a: string, b: string): ReportingRelation | undefined {
    if (a === b) return undefined;
    const aboveA = this.managersOf(a).get(b);
    if (aboveA !== undefined) return { manager: b, report: a, levels: aboveA };
    const aboveB = this.managersOf(b).get(a);
    if (aboveB !== undefined) return { manager: a, report: b, levels: aboveB };
    return undefined;
  }
}

/** A pair that must not be suggested (conflict of interest, a previous pairing, …). */
export interface Exclusion {
  readonly mentee: string;
  readonly mentor: string;
  readonly reason?: string;
}

/** Exclusions by pair, for constant-time checks. */
export class ExclusionList {
  readonly #pairs = new Map<string, Exclusion>();

  constructor(exclusions: readonly Exclusion[] = []) {
    for (const exclusion of exclusions) {
      const key = ExclusionList.#key(exclusion.mentee, exclusion.mentor);
      if (!this.#pairs.has(key)) this.#pairs.set(key, exclusion);
    }
  }

  static #key(mentee: string, mentor: string): string {
    return `${mentee}\u0000${mentor}`;
  }

  get(mentee: string, mentor: string): Exclusion | undefined {
    return this.#pairs.get(ExclusionList.#key(mentee, mentor));
  }

  get size(): number {
    return this.#pairs.size;
  }
}

/** Why a mentor cannot take a mentee. */
export type Obstacle =
  | { readonly kind: "self" }
  | { readonly kind: "no-shared-focus" }
  | { readonly kind: "reporting-line"; readonly relation: ReportingRelation }
  | { readonly kind: "excluded"; readonly reason?: string }
  | { readonly kind: "no-capacity" }
  /** Only after assignment: every place is taken (by these mentees' slugs). */
  | { readonly kind: "at-capacity"; readonly mentees: readonly string[] };

export type ObstacleKind = Obstacle["kind"];

/**
 * The key of a focus area: the skills model's key (`skillKey`), with `_` read as a space so that a
 * domain key written in an application (`rest_api`) meets the skill it names ("REST API").
 */
export function areaKey(label: string): string {
  return skillKey(label.replace(/_/g, " "));
}

/**
 * Focus areas of one participant, by key (`areaKey`), keeping the first spelling and the order.
 *
 * A mentee's area is offered by a mentor when the mentor lists an area with the same key, or one
 * that contains it as whole words: "Remote work" is offered by "Mentor - Remote Work", "Product
 * discovery" by "Product discovery - customer interviews". The other way round is not a match:
 * a mentor of "Go" does not offer "Go-to-market strategy".
 */
export class FocusAreas {
  readonly labels: readonly string[];
  readonly keys: readonly string[];
  readonly #byKey: ReadonlyMap<string, string>;
  /** Whether this side offers a key, kept: the same mentee areas are asked of every mentor. */
  readonly #offers = new Map<string, boolean>();

  constructor(labels: readonly string[]) {
    const byKey = new Map<string, string>();
    for (const label of labels) {
      const key = areaKey(label);
      if (key !== "" && !byKey.has(key)) byKey.set(key, label.trim().replace(/\s+/g, " "));
    }
    this.#byKey = byKey;
    this.keys = [...byKey.keys()];
    this.labels = [...byKey.values()];
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  /** Whether an area of this side offers the area `key` (the same key, or one containing it). */
  offers(key: string): boolean {
    let known = this.#offers.get(key);
    if (known === undefined) {
      known = this.#byKey.has(key) || this.keys.some((own) => containsPhrase(own, key));
      this.#offers.set(key, known);
    }
    return known;
  }

  /** This participant's spellings of the areas `offering` offers, in this participant's order. */
  sharedWith(offering: FocusAreas): string[] {
    const shared: string[] = [];
    for (const key of this.keys) if (offering.offers(key)) shared.push(this.#byKey.get(key) as string);
    return shared;
  }

  /** How many of this participant's areas `offering` offers (no allocation: this runs for every candidate pair). */
  countShared(offering: FocusAreas): number {
    let count = 0;
    for (const key of this.keys) if (offering.offers(key)) count++;
    return count;
  }
}

/** What the constraint checks need to know about one side of a pair. */
export interface ConstraintParty {
  readonly slug: string;
  readonly focus: FocusAreas;
}

export interface ConstraintContext {
  readonly lines: ReportingLines;
  readonly exclusions: ExclusionList;
}

/**
 * Everything that rules the pair out before any assignment, in the order shown to organizers.
 * `capacity` is the mentor's; an empty list means the pair is allowed.
 */
export function obstaclesOf(mentee: ConstraintParty, mentor: ConstraintParty, capacity: number, context: ConstraintContext): Obstacle[] {
  const out: Obstacle[] = [];
  if (mentee.slug === mentor.slug) return [{ kind: "self" }];
  const relation = context.lines.relation(mentee.slug, mentor.slug);
  if (relation) out.push({ kind: "reporting-line", relation });
  const excluded = context.exclusions.get(mentee.slug, mentor.slug);
  if (excluded) out.push(excluded.reason ? { kind: "excluded", reason: excluded.reason } : { kind: "excluded" });
  if (capacity <= 0) out.push({ kind: "no-capacity" });
  if (mentee.focus.countShared(mentor.focus) === 0) out.push({ kind: "no-shared-focus" });
  return out;
}

/** Department names in matching form, to compare many pairs without normalizing again. */
export function departmentKeys(departments: readonly string[]): ReadonlySet<string> {
  return new Set(departments.map(matchingForm).filter(Boolean));
}

/** Whether two department lists are known and share none (compared in matching form). */
export function differentDepartments(
  a: readonly string[] | ReadonlySet<string>,
  b: readonly string[] | ReadonlySet<string>,
): boolean | undefined {
  const left = Array.isArray(a) ? departmentKeys(a) : (a as ReadonlySet<string>);
  const right = Array.isArray(b) ? departmentKeys(b) : (b as ReadonlySet<string>);
  if (left.size === 0 || right.size === 0) return undefined;
  for (const d of right) if (left.has(d)) return false;
  return true;
}
