/**
 * Suggested mentor–mentee pairs. The objective is lexicographic:
 *
 * 1. as many mentees paired as possible, each with a mentor sharing at least one focus area;
 * 2. then the most shared focus areas in total;
 * 3. then the fewest hours apart in total (in quarter hours; an unknown time zone counts as six
 *    hours, the mean distance between two random offsets, so it neither wins nor loses a mentor);
 * 4. then the most pairs across departments.
 *
 * Levels 2–4 are folded into one integer cost per pair with weights that make each level
 * outweigh everything below it (see `objectiveWeights`); level 1 is the flow's size. The solver
 * (`assign.ts`) is exact, so the result is an optimum, and ties are broken by slug order.
 */
import { solveAssignment } from "./assign.js";
import {
  departmentKeys,
  differentDepartments,
  ExclusionList,
  FocusAreas,
  obstaclesOf,
  ReportingLines,
  type ConstraintContext,
  type Exclusion,
  type Obstacle,
} from "./constraints.js";
import { coverage } from "./similarity.js";
import { minutesApart, UNKNOWN_TIME_ZONE, type ResolvedTimeZone } from "./timezones.js";

/** Where an application came from, for messages and output. */
export interface RowSource {
  readonly file: string;
  /** Spreadsheet row number (the header is row 1) or, in YAML, the position in the list. */
  readonly row: number;
  readonly line: number;
}

/** One side of a pair, as the pairing sees it. */
export interface Participant {
  readonly slug: string;
  readonly name: string;
  /** GitLab username, for `@mentions` in the announcement. */
  readonly handle?: string;
  readonly departments: readonly string[];
  readonly focusAreas: readonly string[];
  readonly timeZone?: ResolvedTimeZone;
  readonly source?: RowSource;
}

export interface MenteeEntry extends Participant {
  readonly goal?: string;
}

export interface MentorEntry extends Participant {
  /** How many mentees this mentor takes: a whole number (0: none this time). */
  readonly capacity: number;
}

export interface PairingInput {
  readonly mentees: readonly MenteeEntry[];
  readonly mentors: readonly MentorEntry[];
  /** `reports_to` of every team member (not only participants: chains pass through others). */
  readonly reportsTo?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  readonly exclusions?: readonly Exclusion[];
}

export interface PairingOptions {
  /** Mentors shown for each unpaired mentee. Default 3. */
  readonly nearMisses?: number;
}

export interface Pair {
  readonly mentee: MenteeEntry;
  readonly mentor: MentorEntry;
  /** Shared focus areas, in the mentee's order and spelling. */
  readonly sharedFocusAreas: readonly string[];
  /** Minutes apart around the clock; absent when either time zone is unknown. */
  readonly minutesApart?: number;
  /** Whether their departments are known and disjoint; absent when either has none. */
  readonly differentDepartments?: boolean;
}

export interface NearMiss {
  readonly mentor: MentorEntry;
  readonly sharedFocusAreas: readonly string[];
  readonly minutesApart?: number;
  /** Why this mentor was not possible; never empty. */
  readonly obstacles: readonly Obstacle[];
}

/**
 * Why a mentee has no mentor:
 * - `no-focus-areas`: the application names none;
 * - `no-shared-focus`: no mentor lists any of them;
 * - `ruled-out`: every mentor sharing one is ruled out (reporting line, exclusion, no capacity, self);
 * - `at-capacity`: the mentors who could take them are full, and giving this mentee a place would
 *   leave another mentee without one.
 */
export interface UnpairedReason {
  readonly kind: "no-focus-areas" | "no-shared-focus" | "ruled-out" | "at-capacity";
  /** Mentors sharing at least one focus area. */
  readonly sharing: number;
  /** Of those, the ones ruled out by a rule rather than by capacity. */
  readonly ruledOut: number;
  /** How many of those each rule ruled out (a mentor may count under several). */
  readonly ruledOutBy: Readonly<Partial<Record<"reporting-line" | "excluded" | "no-capacity", number>>>;
}

export interface Unpaired {
  readonly mentee: MenteeEntry;
  readonly reason: UnpairedReason;
  readonly nearMisses: readonly NearMiss[];
}

export interface MentorLoad {
  readonly mentor: MentorEntry;
  readonly mentees: readonly string[];
}

/** The lexicographic objective reached, level by level. */
export interface PairingObjective {
  readonly paired: number;
  readonly sharedFocusAreas: number;
  /** Sum over pairs of quarter hours apart (unknown counts as 24). */
  readonly quarterHoursApart: number;
  readonly differentDepartments: number;
}

export interface Pairing {
  /** Ordered by mentee name (locale-aware), then slug. */
  readonly pairs: readonly Pair[];
  /** Ordered like `pairs`. */
  readonly unpaired: readonly Unpaired[];
  /** Every mentor with the mentees given to them, ordered by name. */
  readonly mentors: readonly MentorLoad[];
  readonly objective: PairingObjective;
}

/** The cost of an unknown time zone: six hours, in quarter hours. */
export const UNKNOWN_QUARTER_HOURS = 24;
const MAX_QUARTER_HOURS = 48;

/** Quarter hours apart, rounded; `UNKNOWN_QUARTER_HOURS` when either zone is unknown. */
export function quarterHoursApart(a: ResolvedTimeZone | undefined, b: ResolvedTimeZone | undefined): number {
  if (a?.offsetMinutes === undefined || b?.offsetMinutes === undefined) return UNKNOWN_QUARTER_HOURS;
  return Math.round(minutesApart(a.offsetMinutes, b.offsetMinutes) / 15);
}

export interface ObjectiveWeights {
  /** Weight of one shared focus area below the most any allowed pair shares. */
  readonly shared: number;
  /** Weight of one quarter hour apart. */
  readonly quarterHour: number;
  /** Cost of a pair within one department (or with departments unknown). */
  readonly sameDepartment: number;
}

/**
 * Weights for at most `pairs` pairs. Each level's total over all pairs is below the weight of one
 * unit of the level above: departments add at most `pairs` < quarterHour; hours and departments
 * together at most pairs × (48 × quarterHour + 1) < shared. Totals stay far below 2^53 for the
 * sizes a program has (1,000 pairs sharing ≤ 20 areas: about 10^12).
 */
export function objectiveWeights(pairs: number): ObjectiveWeights {
  const quarterHour = pairs + 1;
  return { shared: pairs * (MAX_QUARTER_HOURS * quarterHour + 1) + 1, quarterHour, sameDepartment: 1 };
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function bySlug(a: { slug: string }, b: { slug: string }): number {
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

function byName(a: Participant, b: Participant): number {
  return collator.compare(a.name, b.name) || bySlug(a, b);
}

interface Side<T extends Participant> {
  readonly entry: T;
  readonly slug: string;
  readonly focus: FocusAreas;
  readonly departments: ReadonlySet<string>;
}

/** A pair no rule forbids, with what its cost is made of. */
interface Candidate {
  readonly left: number;
  readonly right: number;
  readonly shared: number;
  readonly quarterHours: number;
  readonly sameDepartment: boolean;
}

/** Every pair that shares a focus area and breaks no rule, and the most areas any of them shares. */
function allowedPairs(
  mentees: readonly Side<MenteeEntry>[],
  mentors: readonly Side<MentorEntry>[],
  context: ConstraintContext,
): { candidates: Candidate[]; mostShared: number } {
  const candidates: Candidate[] = [];
  let mostShared = 0;
  mentees.forEach((mentee, left) => {
    mentors.forEach((mentor, right) => {
      const shared = mentee.focus.countShared(mentor.focus);
      if (shared === 0 || mentor.entry.capacity <= 0 || mentee.slug === mentor.slug) return;
      if (context.lines.relation(mentee.slug, mentor.slug)) return;
      if (context.exclusions.get(mentee.slug, mentor.slug)) return;
      if (shared > mostShared) mostShared = shared;
      candidates.push({
        left,
        right,
        shared,
        quarterHours: quarterHoursApart(mentee.entry.timeZone, mentor.entry.timeZone),
        sameDepartment: differentDepartments(mentee.departments, mentor.departments) !== true,
      });
    });
  });
  return { candidates, mostShared };
}

/**
 * Suggest pairs. Pure and deterministic: the result depends on the content of the input, not on
 * the order of its lists. Throws a `TypeError` when a slug appears twice on one side.
 */
export function pair(input: PairingInput, options: PairingOptions = {}): Pairing {
  const nearMissCount = options.nearMisses ?? 3;
  const mentees = sides(input.mentees, "mentee");
  const mentors = sides(input.mentors, "mentor");
  const context: ConstraintContext = {
    lines: new ReportingLines(input.reportsTo ?? new Map()),
    exclusions: new ExclusionList(input.exclusions ?? []),
  };

  // Allowed pairs first, to know how many pairs and shared areas the weights must cover.
  const { candidates, mostShared } = allowedPairs(mentees, mentors, context);
  let places = 0;
  for (const mentor of mentors) places += Math.min(Math.max(mentor.entry.capacity, 0), mentees.length);

  const weights = objectiveWeights(Math.min(mentees.length, places));
  const solution = solveAssignment({
    left: mentees.length,
    capacities: mentors.map((m) => Math.max(m.entry.capacity, 0)),
    edges: candidates.map((c) => ({
      left: c.left,
      right: c.right,
      cost:
        weights.shared * (mostShared - c.shared) + weights.quarterHour * c.quarterHours + (c.sameDepartment ? weights.sameDepartment : 0),
    })),
  });

  const taken = mentors.map((): string[] => []);
  const pairs: Pair[] = [];
  let sharedTotal = 0;
  let quarterHoursTotal = 0;
  let crossDepartment = 0;
  solution.match.forEach((right, left) => {
    if (right < 0) return;
    const mentee = mentees[left] as Side<MenteeEntry>;
    const mentor = mentors[right] as Side<MentorEntry>;
    (taken[right] as string[]).push(mentee.slug);
    const built = describePair(mentee, mentor);
    sharedTotal += built.sharedFocusAreas.length;
    quarterHoursTotal += quarterHoursApart(mentee.entry.timeZone, mentor.entry.timeZone);
    if (built.differentDepartments === true) crossDepartment += 1;
    pairs.push(built);
  });

  const unpaired: Unpaired[] = [];
  solution.match.forEach((right, left) => {
    if (right >= 0) return;
    unpaired.push(explainUnpaired(mentees[left] as Side<MenteeEntry>, mentors, taken, context, nearMissCount));
  });

  pairs.sort((a, b) => byName(a.mentee, b.mentee));
  unpaired.sort((a, b) => byName(a.mentee, b.mentee));
  const loads = mentors
    .map((mentor, right) => ({ mentor: mentor.entry, mentees: taken[right] as string[] }))
    .sort((a, b) => byName(a.mentor, b.mentor));
  return {
    pairs,
    unpaired,
    mentors: loads,
    objective: {
      paired: solution.size,
      sharedFocusAreas: sharedTotal,
      quarterHoursApart: quarterHoursTotal,
      differentDepartments: crossDepartment,
    },
  };
}

function sides<T extends Participant>(entries: readonly T[], role: string): Side<T>[] {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.slug)) throw new TypeError(`${role} "${entry.slug}" appears twice`);
    seen.add(entry.slug);
  }
  // Slug order fixes node numbers, hence which of several equal optima the solver returns.
  return [...entries]
    .sort(bySlug)
    .map((entry) => ({ entry, slug: entry.slug, focus: new FocusAreas(entry.focusAreas), departments: departmentKeys(entry.departments) }));
}

function describePair(mentee: Side<MenteeEntry>, mentor: Side<MentorEntry>): Pair {
  const a = mentee.entry.timeZone ?? UNKNOWN_TIME_ZONE;
  const b = mentor.entry.timeZone ?? UNKNOWN_TIME_ZONE;
  const apart = a.offsetMinutes !== undefined && b.offsetMinutes !== undefined ? minutesApart(a.offsetMinutes, b.offsetMinutes) : undefined;
  const different = differentDepartments(mentee.departments, mentor.departments);
  return {
    mentee: mentee.entry,
    mentor: mentor.entry,
    sharedFocusAreas: mentee.focus.sharedWith(mentor.focus),
    ...(apart !== undefined ? { minutesApart: apart } : {}),
    ...(different !== undefined ? { differentDepartments: different } : {}),
  };
}

function explainUnpaired(
  mentee: Side<MenteeEntry>,
  mentors: readonly Side<MentorEntry>[],
  taken: readonly string[][],
  context: ConstraintContext,
  count: number,
): Unpaired {
  interface Ranked {
    readonly right: number;
    readonly shared: number;
    readonly apart: number;
    /** Word overlap of the mentee's areas with the mentor's (`coverage`), for mentors sharing few. */
    readonly similarity: number;
    obstacles?: Obstacle[];
  }
  const ranked: Ranked[] = [];
  let sharing = 0;
  let ruledOut = 0;
  const ruledOutBy: Partial<Record<"reporting-line" | "excluded" | "no-capacity", number>> = {};
  mentors.forEach((mentor, right) => {
    if (mentor.slug === mentee.slug) return;
    const shared = mentee.focus.countShared(mentor.focus);
    const entry: Ranked = {
      right,
      shared,
      apart: quarterHoursApart(mentee.entry.timeZone, mentor.entry.timeZone),
      similarity: coverage(mentee.focus.labels, mentor.focus.labels),
    };
    if (shared > 0) {
      sharing += 1;
      entry.obstacles = obstaclesOf(mentee, mentor, mentor.entry.capacity, context);
      if (entry.obstacles.length > 0) ruledOut += 1;
      for (const o of entry.obstacles)
        if (o.kind === "reporting-line" || o.kind === "excluded" || o.kind === "no-capacity")
          ruledOutBy[o.kind] = (ruledOutBy[o.kind] ?? 0) + 1;
    }
    ranked.push(entry);
  });
  // Nearest first: most areas shared, then the closest skills (a mentee sharing no area with anyone
  // still sees the mentors nearest to what they asked for), then hours apart. Mentors are in slug
  // order, and the sort is stable: slug breaks the remaining ties.
  ranked.sort((a, b) => b.shared - a.shared || b.similarity - a.similarity || a.apart - b.apart);
  const nearMisses = ranked.slice(0, Math.max(0, count)).map((r): NearMiss => {
    const mentor = mentors[r.right] as Side<MentorEntry>;
    const obstacles = r.obstacles ?? obstaclesOf(mentee, mentor, mentor.entry.capacity, context);
    // A maximum assignment leaves no allowed mentor with a free place next to an unpaired mentee.
    if (obstacles.length === 0) obstacles.push({ kind: "at-capacity", mentees: [...(taken[r.right] as string[])].sort() });
    const view = describePair(mentee, mentor);
    return {
      mentor: mentor.entry,
      sharedFocusAreas: view.sharedFocusAreas,
      ...(view.minutesApart !== undefined ? { minutesApart: view.minutesApart } : {}),
      obstacles,
    };
  });
  let kind: UnpairedReason["kind"];
  if (mentee.focus.keys.length === 0) kind = "no-focus-areas";
  else if (sharing === 0) kind = "no-shared-focus";
  else if (ruledOut === sharing) kind = "ruled-out";
  else kind = "at-capacity";
  return { mentee: mentee.entry, reason: { kind, sharing, ruledOut, ruledOutBy }, nearMisses };
}
