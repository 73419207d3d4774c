import assert from "node:assert/strict";
import fc from "fast-check";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  buildDirectory,
  matchingForm,
  memberTopicIds,
  phraseMatches,
  selectMembers,
  slugify,
  topicsOf,
  type Member,
} from "../../plugin/team/model/directory.js";
import type { ExpertiseItem } from "../../plugin/team/entry.js";

interface MemberInit {
  name?: string;
  mentor?: boolean;
  expertise?: ExpertiseItem[] | string[];
  data?: Record<string, unknown>;
}

function member(slug: string, init: MemberInit = {}): Member {
  const expertise = (init.expertise ?? []).map((item) => (typeof item === "string" ? { label: item } : item));
  const mentor = init.mentor ?? false;
  return {
    slug,
    type: "person",
    file: `data/team_members/person/${slug[0]}/${slug}.yml`,
    name: init.name ?? slug,
    role: '<a href="/job-families/engineering/backend-engineer/">Backend Engineer</a>',
    mentor,
    departments: [],
    expertise,
    data: { name: init.name ?? slug, mentor, ...init.data },
  };
}

const DIB = "Diversity, Inclusion & Belonging Advisory Group";

describe("buildDirectory", () => {
  it("orders members by name with locale-aware collation, slug breaking ties", () => {
    const directory = buildDirectory([
      member("zoe", { name: "Zoë Zimmer" }),
      member("emile", { name: "Émile Zola" }),
      member("eve", { name: "eve adams" }),
      member("ada2", { name: "Ada" }),
      member("ada1", { name: "Ada" }),
      member("agent10", { name: "Agent 10" }),
      member("agent9", { name: "Agent 9" }),
      member("oscar", { name: "Óscar" }),
      member("olga", { name: "Olga" }),
    ]);
    assert.deepEqual(
      directory.members.map((m) => m.slug),
      ["ada1", "ada2", "agent9", "agent10", "emile", "eve", "olga", "oscar", "zoe"],
    );
  });

  it("indexes by slug, lists mentors and topics", () => {
    const directory = buildDirectory([
      member("b", { name: "B", mentor: true, expertise: ["Ruby"] }),
      member("a", { name: "A", expertise: ["ruby", "Go"] }),
    ]);
    assert.equal(directory.bySlug.get("a")?.name, "A");
    assert.equal(directory.bySlug.size, 2);
    assert.deepEqual([...directory.bySlug.keys()].sort(), ["a", "b"]);
    assert.deepEqual(
      directory.mentors.map((m) => m.slug),
      ["b"],
    );
    assert.deepEqual(
      directory.topics.map(({ label, id, count }) => ({ label, id, count })),
      [
        { label: "ruby", id: "topic-ruby", count: 2 },
        { label: "Go", id: "topic-go", count: 1 },
      ],
    );
  });

  it("is frozen deeply, and does not change its input", () => {
    const input = [member("a", { expertise: ["Ruby"], data: { projects: { x: ["y"] }, start_date: new Date(0) } })];
    const directory = buildDirectory(input);
    assert.ok(Object.isFrozen(directory));
    assert.equal(Object.getPrototypeOf(directory), Object.prototype, "Eleventy shares only plain frozen objects");
    assert.ok(Object.isFrozen(directory.members));
    assert.ok(Object.isFrozen(directory.mentors));
    assert.ok(Object.isFrozen(directory.topics));
    assert.ok(Object.isFrozen(directory.topics[0]));
    const copy = directory.members[0]!;
    assert.ok(Object.isFrozen(copy));
    assert.ok(Object.isFrozen(copy.expertise));
    assert.ok(Object.isFrozen(copy.expertise[0]));
    assert.ok(Object.isFrozen(copy.data));
    assert.ok(Object.isFrozen((copy.data["projects"] as Record<string, unknown>)["x"]));
    assert.throws(() => {
      (directory.members as Member[]).push(member("b"));
    }, TypeError);
    assert.equal(Reflect.set(copy.data, "mentor", true), false);
    assert.equal(Reflect.set(copy, "name", "Changed"), false);
    assert.throws(() => {
      (directory.bySlug as Map<string, Member>).set("x", copy);
    }, TypeError);
    assert.equal(directory.bySlug.get("x"), undefined);
    assert.ok(!Object.isFrozen(input[0]), "input left alone");
    assert.deepEqual(copy, input[0]);
  });

  it("keeps what it works out with it, where templates, copies and JSON do not see it", () => {
    const directory = buildDirectory([member("a", { mentor: true }), member("b")]);
    assert.deepEqual(Object.keys(directory), ["members", "bySlug", "mentors", "topics"]);
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(directory)) as object), ["members", "bySlug", "mentors", "topics"]);
    assert.equal(directory.members, directory.members);
    assert.equal(selectMembers(directory, "mentor"), selectMembers(directory, "mentor"));
    // A directory made elsewhere has no memo: its selection is worked out each time, the same.
    const plain = { ...directory };
    assert.deepEqual(selectMembers(plain, "mentor"), selectMembers(directory, "mentor"));
    assert.notEqual(selectMembers(plain, "mentor"), selectMembers(plain, "mentor"));
  });

  it("keeps the first of two members with one slug in bySlug", () => {
    const directory = buildDirectory([member("a", { name: "Second" }), member("a", { name: "First" })]);
    assert.equal(directory.bySlug.get("a")?.name, "First");
    assert.equal(directory.members.length, 2);
  });

  it("copies data with shared and cyclic references", () => {
    const shared: Record<string, unknown> = { k: 1 };
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    const directory = buildDirectory([member("a", { data: { one: shared, two: shared, cyclic } })]);
    const data = directory.members[0]!.data;
    assert.equal(data["one"], data["two"]);
    const copied = data["cyclic"] as Record<string, unknown>;
    assert.equal(copied["self"], copied);
  });

  it("builds an empty directory", () => {
    const directory = buildDirectory([]);
    assert.deepEqual([directory.members, directory.mentors, directory.topics], [[], [], []]);
  });
});

describe("selectMembers", () => {
  const team = buildDirectory([
    member("mentor-flag", { name: "Flag Mentor", mentor: true }),
    member("remote", { name: "Remote Worker", expertise: ["Mentor - Remote Work"] }),
    member("mentoring", { name: "Mentoring Fan", expertise: ["Mentoring", "Mentorship programs"] }),
    member("url", {
      name: "Url Only",
      expertise: [
        { label: "Ruby", href: "https://about.gitlab.com/handbook/people-group/learning-and-development/mentor/" },
        { label: "See https://example.com/mentor for details" },
      ],
    }),
    member("upper", { name: "Upper Case", expertise: ["MENTOR for new managers"] }),
    member("dib", { name: "Dib Member", expertise: [`GitLab ${DIB} member`] }),
    member("dib-partial", { name: "Partial", expertise: ["Diversity, Inclusion & Belonging"] }),
    member("flag-false", { name: "Flag False", mentor: false, data: { mentor: "true" } }),
    member("other-flag", { name: "Other Flag", data: { borrowable: true, hiring: "yes" } }),
  ]);
  const slugs = (argument: string): string[] =>
    selectMembers(team, argument)
      .map((m) => m.slug)
      .sort();

  it("lists mentors by flag and members whose expertise mentions the word", () => {
    assert.deepEqual(slugs("mentor"), ["mentor-flag", "remote", "upper"]);
  });

  it('matches "Mentor - Remote Work" but not "mentoring" or "mentorship"', () => {
    assert.ok(phraseMatches("Mentor - Remote Work", "mentor"));
    assert.ok(!phraseMatches("Mentoring", "mentor"));
    assert.ok(!phraseMatches("Mentorship programs", "mentor"));
    assert.ok(!phraseMatches("Co-mentoring", "mentor"));
    assert.ok(phraseMatches("co-mentor", "mentor"));
  });

  it("never matches inside a URL", () => {
    assert.ok(!slugs("mentor").includes("url"));
    assert.ok(!phraseMatches("https://example.com/mentor", "mentor"));
    assert.ok(!phraseMatches("www.example.com/mentor/", "mentor"));
    assert.ok(!phraseMatches("mentor@example.com", "mentor"));
  });

  it("matches the DIB advisory group phrase with punctuation", () => {
    assert.deepEqual(slugs(DIB), ["dib"]);
    assert.deepEqual(slugs("diversity, inclusion & belonging advisory group"), ["dib"]);
    assert.deepEqual(slugs("Diversity, Inclusion & Belonging"), ["dib", "dib-partial"]);
  });

  it("is case-insensitive and Unicode-normalized", () => {
    const directory = buildDirectory([
      member("nfd", { expertise: ["Cafe\u0301 culture"] }),
      member("full", { expertise: ["ＲＵＢＹ and Rails"] }),
      member("ws", { expertise: ["Remote\u00A0 \n work"] }),
    ]);
    assert.deepEqual(
      selectMembers(directory, "café").map((m) => m.slug),
      ["nfd"],
    );
    assert.deepEqual(
      selectMembers(directory, "ruby").map((m) => m.slug),
      ["full"],
    );
    assert.deepEqual(
      selectMembers(directory, "remote  work").map((m) => m.slug),
      ["ws"],
    );
  });

  it("selects by any boolean field named by the argument, only when exactly true", () => {
    assert.deepEqual(slugs("borrowable"), ["other-flag"]);
    assert.deepEqual(slugs("hiring"), []);
    assert.ok(!slugs("mentor").includes("flag-false"));
    assert.deepEqual(slugs("constructor"), []);
    assert.deepEqual(slugs("__proto__"), []);
  });

  it("gives nothing for an empty argument", () => {
    assert.deepEqual(slugs(""), []);
    assert.deepEqual(slugs("   "), []);
  });

  it("keeps directory order, and memoizes a frozen result per argument", () => {
    const first = selectMembers(team, "mentor");
    assert.deepEqual(
      first.map((m) => m.name),
      ["Flag Mentor", "Remote Worker", "Upper Case"],
    );
    assert.equal(selectMembers(team, "mentor"), first);
    assert.ok(Object.isFrozen(first));
    const other = buildDirectory([member("remote", { expertise: ["Mentor - Remote Work"] })]);
    assert.notEqual(selectMembers(other, "mentor"), first);
  });
});

describe("topicsOf", () => {
  it("groups by normalized key, counts members, sorts by count then label", () => {
    const topics = topicsOf([
      member("a", { expertise: ["Ruby", "ruby ", "Remote  work", "Go"] }),
      member("b", { expertise: ["RUBY", "remote work", "ＧＯ"] }),
      member("c", { expertise: ["Ruby", "Accessibility"] }),
    ]);
    assert.deepEqual(
      topics.map(({ label, id, count }) => ({ label, id, count })),
      [
        { label: "Ruby", id: "topic-ruby", count: 3 },
        { label: "Go", id: "topic-go", count: 2 },
        { label: "Remote  work", id: "topic-remote-work", count: 2 },
        { label: "Accessibility", id: "topic-accessibility", count: 1 },
      ],
    );
  });

  it("gives unique, stable ids when slugs collide or are empty", () => {
    const members = [member("a", { expertise: ["C++", "C#", "C", "日本語", "中文", "🎉"] })];
    const topics = topicsOf(members);
    const ids = topics.map((topic) => topic.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^topic-[a-z0-9-]+$/);
    assert.ok(ids.includes("topic-c"));
    assert.deepEqual(
      topicsOf(members).map((topic) => topic.id),
      ids,
      "same data, same ids",
    );
    const reordered = topicsOf([member("a", { expertise: ["🎉", "中文", "日本語", "C", "C#", "C++"] })]);
    assert.deepEqual(
      new Map(reordered.map((topic) => [topic.label, topic.id])),
      new Map(topics.map((topic) => [topic.label, topic.id])),
      "ids do not depend on the order of the data",
    );
  });

  it("memberTopicIds lists a member's topics once, in the member's order", () => {
    const m = member("a", { expertise: ["Go", "Ruby", "go"] });
    assert.deepEqual(memberTopicIds(m, topicsOf([m])), ["topic-go", "topic-ruby"]);
  });
});

describe("helpers", () => {
  it("slugify", () => {
    assert.equal(slugify("Diversity, Inclusion & Belonging"), "diversity-inclusion-belonging");
    assert.equal(slugify("Équipe à distance"), "equipe-a-distance");
    assert.equal(slugify("🎉"), "");
    assert.ok(slugify("x".repeat(200)).length <= 60);
  });

  it("matchingForm", () => {
    assert.equal(matchingForm("  Mentor\u00A0–\u200B Remote\nWork "), "mentor - remote work");
  });
});

describe("buildDirectory with adopt", () => {
  it("freezes the given members in place instead of copying them", async () => {
    const { validateTeam } = await import("../../plugin/team/pipeline/team-store.js");
    const path = await import("node:path");
    const { fileURLToPath } = await import("node:url");
    const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
    const report = await validateTeam(["data/team_members"], { cwd: root });
    const directory = buildDirectory(report.members, { adopt: true });
    const first = report.members[0];
    assert.ok(first && directory.members.includes(first), "the same objects");
    assert.ok(Object.isFrozen(first) && Object.isFrozen(first.data));
    assert.deepEqual(
      directory.members.map((m) => m.expertise),
      buildDirectory((await validateTeam(["data/team_members"], { cwd: root })).members).members.map((m) => m.expertise),
      "lazily parsed expertise still computes",
    );
  });
});

describe("selectMembers across rebuilt directories", () => {
  it("reuses nothing of a member whose object changed, and keeps members in name order", () => {
    const kept = member("bea", { name: "Bea", mentor: true });
    const before = buildDirectory([member("ann", { name: "Ann" }), kept], { adopt: true });
    assert.deepEqual(
      selectMembers(before, "mentor").map((m) => m.slug),
      ["bea"],
    );
    // A rebuild (watch mode): Ann's file changed and she became a mentor; Bea's object is reused.
    const after = buildDirectory([member("ann", { name: "Ann", mentor: true }), kept], { adopt: true });
    assert.deepEqual(
      selectMembers(after, "mentor").map((m) => m.slug),
      ["ann", "bea"],
    );
    assert.deepEqual(selectMembers(after, "Ruby"), []);
  });
});

describe("buildDirectory after an earlier build (watch mode)", () => {
  const names = [
    "Zoë Quinn",
    "zoe quinn",
    "Ådne Berg",
    "Adam Smith",
    "adam smith",
    "Émile Zola",
    "Bob",
    "bob",
    "10 Downing",
    "2 Fast",
    "Ωmega",
    "Ngozi",
  ];

  it("orders the members exactly as a build without one does, whatever changed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...names), fc.stringMatching(/^[a-d]{1,2}$/)), { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.constantFrom(...names), fc.stringMatching(/^[a-d]{1,2}$/)), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (initial, added, removedAt) => {
          const before = initial.map(([name, slug]) => Object.freeze(member(slug, { name })));
          const first = buildDirectory(before, { adopt: true });
          assert.equal(first.members.length, before.length);
          const removed = new Set(removedAt.map((index) => before[index % before.length]));
          const after = [...before.filter((m) => !removed.has(m)), ...added.map(([name, slug]) => Object.freeze(member(slug, { name })))];
          const incremental = buildDirectory(after, { adopt: true, previous: first }).members.map((m) => `${m.name}/${m.slug}`);
          const whole = buildDirectory(after, { adopt: true }).members.map((m) => `${m.name}/${m.slug}`);
          assert.deepEqual(incremental, whole);
        },
      ),
      { numRuns: 500, seed: 11 },
    );
  });

  it("gives the same order, mentors and selections as a build without one when files change in place, move or come and go", () => {
    // A load gives no two members one slug (the rules across files keep the first): no two tie.
    let made = 0;
    const entry = ([name, slug, mentor, skill]: [string, string, boolean, boolean]): Member =>
      Object.freeze(member(`${slug}${made++}`, { name, mentor, expertise: skill ? ["Mentor - Remote work"] : ["Ruby"] }));
    const fields = fc.tuple(fc.constantFrom(...names), fc.stringMatching(/^[a-d]{1,2}$/), fc.boolean(), fc.boolean());
    fc.assert(
      fc.property(
        fc.array(fields, { minLength: 16, maxLength: 80 }),
        // Each change: a place (a file's member read again there, or moved to the end), or a file added or gone.
        fc.array(fc.tuple(fc.constantFrom("edit", "move", "add", "remove"), fc.nat(), fields), { maxLength: 4 }),
        (initial, changes) => {
          const before = initial.map(entry);
          const first = buildDirectory(before, { adopt: true });
          // The lists a watch-mode build asks for, so that the next directory starts from them.
          const asked = [first.members, first.mentors, selectMembers(first, "mentor"), selectMembers(first, "remote work")];
          assert.ok(asked.every((list) => list.length <= before.length));
          const after = [...before];
          for (const [kind, at, value] of changes) {
            const index = at % after.length;
            if (kind === "edit") after[index] = entry(value);
            else if (kind === "move") after.push(...after.splice(index, 1));
            else if (kind === "add") after.splice(index, 0, entry(value));
            else if (after.length > 1) after.splice(index, 1);
          }
          const incremental = buildDirectory(after, { adopt: true, previous: first });
          const whole = buildDirectory(after, { adopt: true });
          const shown = (list: readonly Member[]): string[] => list.map((m) => `${m.name}/${m.slug}/${String(m.mentor)}`);
          assert.deepEqual(shown(incremental.members), shown(whole.members));
          assert.deepEqual(shown(incremental.mentors), shown(whole.mentors));
          for (const argument of ["mentor", "remote work", "ruby"])
            assert.deepEqual(shown(selectMembers(incremental, argument)), shown(selectMembers(whole, argument)));
        },
      ),
      { numRuns: 500, seed: 12 },
    );
  });
});

describe("buildDirectory after an earlier build, in memory", () => {
  it("keeps nothing of the directories before the previous one: a watch process's heap does not grow with each rebuild", async () => {
    // A collection on demand, for this test only.
    setFlagsFromString("--expose-gc");
    const collect = runInNewContext("gc") as () => void;
    const team = Array.from({ length: 50 }, (_, index) => Object.freeze(member(`m${index}`, { name: `Member ${index}` })));
    const first = new WeakRef(buildDirectory(team, { adopt: true }));
    let latest = first.deref() as ReturnType<typeof buildDirectory>;
    for (let build = 0; build < 3; build++) {
      const edited = [...team];
      edited[build] = Object.freeze(member(`m${build}`, { name: `Renamed ${build}` }));
      latest = buildDirectory(edited, { adopt: true, previous: latest });
      // What a watch-mode build asks of its directory: every list the next one starts from.
      assert.equal(latest.members.length, team.length);
      assert.equal(selectMembers(latest, "ruby").length, 0);
    }
    // Weak references are cleared after the task that made them has ended.
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    assert.equal(first.deref(), undefined, "the first directory is still reachable from the last one");
    assert.equal(latest.members.length, team.length);
  });
});
