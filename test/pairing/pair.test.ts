import assert from "node:assert/strict";
import fc from "fast-check";
import { formatJson } from "../../plugin/pairing/format.js";
import { objectiveWeights, pair, type MenteeEntry, type MentorEntry, type Pairing, type PairingInput } from "../../plugin/pairing/pair.js";
import { resolveTimeZone, type ResolvedTimeZone } from "../../plugin/pairing/timezones.js";

// The checks below recompute everything from the raw instance with their own small rules, so
// that they do not trust the code under test.

const TOPICS = ["Go", " go", "Rust", "Kubernetes", "KUBERNETES ", "Leadership", "Async  communication", "async communication"];
const OFFSETS = [undefined, -600, -300, 0, 60, 330, 345, 540, 780];
const DEPARTMENTS = ["Engineering", "Finance", "Product"];

const norm = (s: string): string => s.trim().replace(/\s+/g, " ").toLowerCase();

interface Person {
  readonly menteeFocus: string[];
  readonly mentorFocus: string[];
  readonly offset: number | undefined;
  readonly departments: string[];
  readonly manager: number | null;
  readonly capacity: number;
  readonly role: "mentee" | "mentor" | "both" | "none";
}

interface Instance {
  readonly input: PairingInput;
  readonly reportsTo: ReadonlyMap<string, string>;
  readonly excluded: ReadonlySet<string>;
}

const slugOf = (i: number): string => `p${String(i).padStart(2, "0")}`;

function zone(offset: number | undefined): ResolvedTimeZone | undefined {
  if (offset === undefined) return undefined;
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return resolveTimeZone(`UTC${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`);
}

function instanceArbitrary(people: number, maxMentees: number, maxMentors: number): fc.Arbitrary<Instance> {
  const person: fc.Arbitrary<Person> = fc.record({
    menteeFocus: fc.subarray(TOPICS, { maxLength: 3 }),
    mentorFocus: fc.subarray(TOPICS, { maxLength: 4 }),
    offset: fc.constantFrom(...OFFSETS),
    departments: fc.subarray(DEPARTMENTS, { maxLength: 2 }),
    manager: fc.option(fc.integer({ min: 0, max: people - 1 }), { freq: 2 }),
    capacity: fc.integer({ min: 0, max: 3 }),
    role: fc.constantFrom("mentee", "mentor", "both", "none"),
  });
  return fc
    .record({
      persons: fc.array(person, { minLength: people, maxLength: people }),
      exclusions: fc.array(fc.tuple(fc.integer({ min: 0, max: people - 1 }), fc.integer({ min: 0, max: people - 1 })), { maxLength: 4 }),
    })
    .map(({ persons, exclusions }) => {
      const mentees: MenteeEntry[] = [];
      const mentors: MentorEntry[] = [];
      const reportsTo = new Map<string, string>();
      persons.forEach((p, i) => {
        const base = {
          slug: slugOf(i),
          name: `Person ${i}`,
          departments: p.departments,
          ...(zone(p.offset) ? { timeZone: zone(p.offset) } : {}),
        };
        if ((p.role === "mentee" || p.role === "both") && mentees.length < maxMentees) mentees.push({ ...base, focusAreas: p.menteeFocus });
        if ((p.role === "mentor" || p.role === "both") && mentors.length < maxMentors)
          mentors.push({ ...base, focusAreas: p.mentorFocus, capacity: p.capacity });
        if (p.manager !== null) reportsTo.set(slugOf(i), slugOf(p.manager));
      });
      const list = exclusions.map(([a, b]) => ({ mentee: slugOf(a), mentor: slugOf(b) }));
      return {
        input: { mentees, mentors, reportsTo, exclusions: list },
        reportsTo,
        excluded: new Set(list.map((e) => `${e.mentee}>${e.mentor}`)),
      };
    });
}

function sameLine(reportsTo: ReadonlyMap<string, string>, a: string, b: string): boolean {
  const above = (x: string, y: string): boolean => {
    const seen = new Set<string>();
    for (let m = reportsTo.get(x); m !== undefined && !seen.has(m); m = reportsTo.get(m)) {
      if (m === y) return true;
      seen.add(m);
    }
    return false;
  };
  return above(a, b) || above(b, a);
}

function shared(a: readonly string[], b: readonly string[]): number {
  const right = new Set(b.map(norm).filter(Boolean));
  return new Set(a.map(norm).filter((t) => t && right.has(t))).size;
}

function allowed(instance: Instance, mentee: MenteeEntry, mentor: MentorEntry): boolean {
  return (
    mentee.slug !== mentor.slug &&
    mentor.capacity > 0 &&
    shared(mentee.focusAreas, mentor.focusAreas) > 0 &&
    !sameLine(instance.reportsTo, mentee.slug, mentor.slug) &&
    !instance.excluded.has(`${mentee.slug}>${mentor.slug}`)
  );
}

type Score = [paired: number, shared: number, negQuarterHours: number, crossDepartment: number];

function scoreOf(pairs: readonly [MenteeEntry, MentorEntry][]): Score {
  const score: Score = [0, 0, 0, 0];
  for (const [mentee, mentor] of pairs) {
    score[0] += 1;
    score[1] += shared(mentee.focusAreas, mentor.focusAreas);
    const a = mentee.timeZone?.offsetMinutes;
    const b = mentor.timeZone?.offsetMinutes;
    let quarters = 24;
    if (a !== undefined && b !== undefined) {
      const d = Math.abs(a - b) % 1440;
      quarters = Math.round(Math.min(d, 1440 - d) / 15);
    }
    score[2] = score[2] - quarters;
    const da = new Set(mentee.departments.map(norm));
    if (mentee.departments.length && mentor.departments.length && !mentor.departments.some((d) => da.has(norm(d)))) score[3] += 1;
  }
  return score;
}

const better = (a: Score, b: Score): boolean => {
  for (let k = 0; k < 4; k++) if (a[k] !== b[k]) return (a[k] as number) > (b[k] as number);
  return false;
};

function bruteForce(instance: Instance): Score {
  const { mentees, mentors } = instance.input;
  const used = mentors.map(() => 0);
  const chosen: [MenteeEntry, MentorEntry][] = [];
  let best: Score = [0, 0, 0, 0];
  const visit = (i: number): void => {
    if (i === mentees.length) {
      const score = scoreOf(chosen);
      if (better(score, best)) best = score;
      return;
    }
    visit(i + 1);
    const mentee = mentees[i] as MenteeEntry;
    mentors.forEach((mentor, j) => {
      if ((used[j] as number) >= mentor.capacity || !allowed(instance, mentee, mentor)) return;
      used[j] = (used[j] as number) + 1;
      chosen.push([mentee, mentor]);
      visit(i + 1);
      chosen.pop();
      used[j] = used[j] - 1;
    });
  };
  visit(0);
  return best;
}

function checkConstraints(instance: Instance, result: Pairing): void {
  const { mentees, mentors } = instance.input;
  const bySlug = new Map(mentors.map((m) => [m.slug, m]));
  // Every mentee exactly once, paired or not.
  assert.deepEqual(
    [...result.pairs.map((p) => p.mentee.slug), ...result.unpaired.map((u) => u.mentee.slug)].sort(),
    mentees.map((m) => m.slug).sort(),
  );
  const load = new Map<string, number>();
  for (const p of result.pairs) {
    assert.ok(allowed(instance, p.mentee, p.mentor), `${p.mentee.slug} with ${p.mentor.slug} breaks a rule`);
    assert.equal(p.sharedFocusAreas.length, shared(p.mentee.focusAreas, p.mentor.focusAreas));
    load.set(p.mentor.slug, (load.get(p.mentor.slug) ?? 0) + 1);
  }
  for (const [slug, n] of load) assert.ok(n <= (bySlug.get(slug)?.capacity ?? 0), `${slug} over capacity`);
  for (const m of result.mentors)
    assert.deepEqual(
      [...m.mentees].sort(),
      result.pairs
        .filter((p) => p.mentor.slug === m.mentor.slug)
        .map((p) => p.mentee.slug)
        .sort(),
    );
  for (const u of result.unpaired) {
    // A maximum pairing leaves no allowed mentor with a free place.
    for (const mentor of mentors) {
      if (allowed(instance, u.mentee, mentor))
        assert.ok((load.get(mentor.slug) ?? 0) >= mentor.capacity, `${u.mentee.slug} could still go to ${mentor.slug}`);
    }
    assert.ok(u.nearMisses.length <= 3);
    for (const miss of u.nearMisses) {
      assert.notEqual(miss.mentor.slug, u.mentee.slug);
      assert.ok(miss.obstacles.length > 0);
      for (const o of miss.obstacles) {
        if (o.kind === "at-capacity") assert.equal(load.get(miss.mentor.slug) ?? 0, miss.mentor.capacity);
        if (o.kind === "reporting-line") assert.ok(sameLine(instance.reportsTo, u.mentee.slug, miss.mentor.slug));
        if (o.kind === "excluded") assert.ok(instance.excluded.has(`${u.mentee.slug}>${miss.mentor.slug}`));
        if (o.kind === "no-capacity") assert.equal(miss.mentor.capacity, 0);
        if (o.kind === "no-shared-focus") assert.equal(shared(u.mentee.focusAreas, miss.mentor.focusAreas), 0);
      }
    }
    const sharing = mentors.filter((m) => m.slug !== u.mentee.slug && shared(u.mentee.focusAreas, m.focusAreas) > 0).length;
    assert.equal(u.reason.sharing, sharing);
    if (u.reason.kind === "no-shared-focus") assert.equal(sharing, 0);
  }
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("pairing: the optimal pairing", () => {
  const mentor = (slug: string, focusAreas: string[], extra: Partial<MentorEntry> = {}): MentorEntry => ({
    slug,
    name: slug.toUpperCase(),
    departments: [],
    focusAreas,
    capacity: 1,
    ...extra,
  });
  const mentee = (slug: string, focusAreas: string[], extra: Partial<MenteeEntry> = {}): MenteeEntry => ({
    slug,
    name: slug.toUpperCase(),
    departments: [],
    focusAreas,
    ...extra,
  });

  it("pairs as many mentees as possible before sharing more areas", () => {
    // a shares 3 areas with X, but then b (who only fits X) would stay alone.
    const result = pair({
      mentees: [mentee("a", ["go", "rust", "k8s"]), mentee("b", ["go"])],
      mentors: [mentor("x", ["go", "rust", "k8s"]), mentor("y", ["k8s"])],
    });
    assert.deepEqual(
      result.pairs.map((p) => `${p.mentee.slug}-${p.mentor.slug}`),
      ["a-y", "b-x"],
    );
    assert.deepEqual(result.objective, { paired: 2, sharedFocusAreas: 2, quarterHoursApart: 48, differentDepartments: 0 });
  });

  it("then prefers closer time zones, then different departments", () => {
    const berlin = resolveTimeZone("Europe/Berlin");
    const tokyo = resolveTimeZone("Asia/Tokyo");
    const near = pair({
      mentees: [mentee("a", ["go"], { timeZone: berlin })],
      mentors: [mentor("far", ["go"], { timeZone: tokyo }), mentor("near", ["go"], { timeZone: resolveTimeZone("UTC+2") })],
    });
    assert.equal(near.pairs[0]?.mentor.slug, "near");
    assert.equal(near.pairs[0].minutesApart, 60);
    const dept = pair({
      mentees: [mentee("a", ["go"], { departments: ["Engineering"] })],
      mentors: [mentor("same", ["go"], { departments: ["engineering"] }), mentor("other", ["go"], { departments: ["Finance"] })],
    });
    assert.equal(dept.pairs[0]?.mentor.slug, "other");
    assert.equal(dept.pairs[0].differentDepartments, true);
  });

  it("treats an unknown time zone as six hours: it neither wins nor loses a mentor", () => {
    const result = pair({
      mentees: [mentee("known", ["go"], { timeZone: resolveTimeZone("UTC") }), mentee("unknown", ["go"])],
      mentors: [mentor("m", ["go"], { timeZone: resolveTimeZone("UTC+7") })],
    });
    // 7 h known is worse than the neutral 6 h.
    assert.equal(result.pairs[0]?.mentee.slug, "unknown");
    assert.equal(result.pairs[0].minutesApart, undefined);
  });

  it("explains unpaired mentees with the closest mentors", () => {
    const result = pair(
      {
        // dev and new can both only have busy; dev shares more with busy, so new is left out.
        mentees: [mentee("dev", ["go", "k8s"]), mentee("new", ["go", "rust"]), mentee("solo", ["cobol"]), mentee("blank", [])],
        mentors: [
          mentor("boss", ["go", "rust"]),
          mentor("busy", ["go", "k8s"]),
          mentor("off", ["rust"], { capacity: 0 }),
          mentor("nope", ["go"]),
        ],
        reportsTo: new Map([
          ["new", "boss"],
          ["dev", "boss"],
        ]),
        exclusions: [
          { mentee: "new", mentor: "nope", reason: "conflict" },
          { mentee: "dev", mentor: "nope" },
        ],
      },
      { nearMisses: 2 },
    );
    const unpaired = Object.fromEntries(result.unpaired.map((u) => [u.mentee.slug, u]));
    assert.deepEqual(Object.keys(unpaired).sort(), ["blank", "new", "solo"]);
    assert.equal(unpaired.blank?.reason.kind, "no-focus-areas");
    assert.equal(unpaired.solo?.reason.kind, "no-shared-focus");
    assert.deepEqual(unpaired.new?.reason, {
      kind: "at-capacity",
      sharing: 4,
      ruledOut: 3,
      ruledOutBy: { "reporting-line": 1, "no-capacity": 1, excluded: 1 },
    });
    assert.deepEqual(
      unpaired.new.nearMisses.map((m) => [m.mentor.slug, m.obstacles.map((o) => o.kind)]),
      [
        ["boss", ["reporting-line"]],
        ["busy", ["at-capacity"]],
      ],
    );
    const atCapacity = unpaired.new.nearMisses[1]?.obstacles[0];
    assert.deepEqual(atCapacity, { kind: "at-capacity", mentees: ["dev"] });
  });

  it("never pairs someone with themself", () => {
    const result = pair({ mentees: [mentee("both", ["go"])], mentors: [mentor("both", ["go"])] });
    assert.equal(result.pairs.length, 0);
    assert.equal(result.unpaired[0]?.reason.kind, "no-shared-focus");
  });

  it("refuses a slug listed twice on one side", () => {
    assert.throws(() => pair({ mentees: [mentee("a", ["go"]), mentee("a", ["go"])], mentors: [] }), /mentee "a" appears twice/);
  });

  it("keeps its weights exact for a 1,000-mentee program", () => {
    const w = objectiveWeights(1000);
    const worstEdge = w.shared * 20 + w.quarterHour * 48 + w.sameDepartment;
    assert.ok(worstEdge * 1302 < Number.MAX_SAFE_INTEGER);
    // Each level outweighs all levels below it over every pair.
    assert.ok(w.quarterHour > 1000 * w.sameDepartment);
    assert.ok(w.shared > 1000 * (48 * w.quarterHour + w.sameDepartment));
  });

  it("holds every rule on random instances (property)", () => {
    fc.assert(
      fc.property(instanceArbitrary(24, 18, 10), (instance) => checkConstraints(instance, pair(instance.input))),
      { seed: 1337, numRuns: 150 },
    );
  });

  it("reaches the brute-force optimum on small instances (property)", () => {
    fc.assert(
      fc.property(instanceArbitrary(8, 6, 4), (instance) => {
        const result = pair(instance.input);
        checkConstraints(instance, result);
        const reached = scoreOf(result.pairs.map((p) => [p.mentee, p.mentor]));
        assert.deepEqual(reached, bruteForce(instance));
        assert.deepEqual(reached, [
          result.objective.paired,
          result.objective.sharedFocusAreas,
          0 - result.objective.quarterHoursApart,
          result.objective.differentDepartments,
        ]);
      }),
      { seed: 20250115, numRuns: 300 },
    );
  });

  it("gives the same output for the same input, whatever the order of its lists (property)", () => {
    fc.assert(
      fc.property(instanceArbitrary(16, 12, 6), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (instance, seed) => {
        const once = formatJson(pair(instance.input));
        assert.equal(formatJson(pair(instance.input)), once);
        const reordered: PairingInput = {
          ...instance.input,
          mentees: shuffled(instance.input.mentees, seed),
          mentors: shuffled(instance.input.mentors, seed + 1),
          exclusions: shuffled(instance.input.exclusions ?? [], seed + 2),
        };
        assert.equal(formatJson(pair(reordered)), once);
      }),
      { seed: 99, numRuns: 100 },
    );
  });
});
