// The skills model over real team files: expertise items and domain keys as one list, the keys
// shown readably, and labels that differ only in case or a "Mentor - " prefix as one topic.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { defineLazyExpertise } from "../../plugin/team/model/expertise.js";
import { buildDirectory, matchingForm, memberTopicIds, selectMembers, topicsOf, type Member } from "../../plugin/team/model/directory.js";
import {
  domainKeysOf,
  domainLabel,
  hasSkill,
  matchingSkills,
  skillKey,
  skillMatches,
  skillsOf,
  withoutMentorPrefix,
} from "../../plugin/team/model/skills.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";

const fixture = fileURLToPath(new URL("../fixtures/skills/", import.meta.url));

describe("skills model", () => {
  let members: Map<string, Member>;
  let all: readonly Member[];

  before(async () => {
    const report = await validateTeam(["team_members"], { cwd: fixture });
    all = report.members;
    members = new Map(all.map((m) => [m.slug, m]));
  });

  const get = (slug: string): Member => {
    const member = members.get(slug);
    assert.ok(member, slug);
    return member;
  };

  it("shows domain keys readably", () => {
    assert.equal(domainLabel("rest_api"), "REST API");
    assert.equal(domainLabel("ci_cd"), "CI/CD");
    assert.equal(domainLabel("distributed_systems"), "Distributed systems");
    assert.equal(domainLabel("graphql"), "GraphQL");
    assert.equal(domainLabel("kubernetes"), "Kubernetes");
    assert.equal(domainLabel("constructor"), "Constructor", "object keys are not spellings");
  });

  it("keeps only keys that can be keys, lower-cased, once each", () => {
    assert.deepEqual(domainKeysOf(get("dana")), ["kubernetes", "rest_api", "ci_cd"]);
  });

  it("lists expertise items, then domain skills no item already names (the key kept on the item)", () => {
    assert.deepEqual(
      skillsOf(get("eli")).map((s) => [s.label, s.domainKey ?? null, s.href ?? null]),
      [
        ["Kubernetes", "kubernetes", "/handbook/kubernetes/"],
        ["Merge request coach", null, null],
        ["GraphQL", "graphql", null],
      ],
    );
    assert.deepEqual(
      skillsOf(get("dana")).map((s) => s.label),
      ["Kubernetes", "REST API", "CI/CD"],
    );
    assert.ok(Object.isFrozen(skillsOf(get("dana"))));
    assert.equal(skillsOf(get("dana")), skillsOf(get("dana")), "computed once per member");
  });

  it("groups labels that differ only in case, spacing or a mentor prefix", () => {
    assert.equal(skillKey("Merge Request Coach"), skillKey("merge  request coach"));
    assert.equal(skillKey("Mentor - Remote Work"), skillKey("Remote work"));
    assert.equal(skillKey("Mentor – Remote Work"), skillKey("Remote work."));
    assert.equal(skillKey("Mentoring: Product"), "product");
    assert.equal(skillKey("Mentor"), "mentor", "a label that is only the prefix stays itself");
    assert.equal(withoutMentorPrefix("Mentor - Remote Work"), "Remote Work");
    assert.notEqual(skillKey("Mentorship programs"), skillKey("programs"));
  });

  it("makes one topic of spellings from different people and of a key and an item", () => {
    const directory = buildDirectory(all);
    const topics = topicsOf(selectMembers(directory, "mentor"));
    const byKey = new Map(topics.map((t) => [t.key, t]));
    const count = (spelling: string): number | undefined => byKey.get(skillKey(spelling))?.count;
    // Expected counts from the files: how many members list each spelling, any case or prefix.
    for (const spelling of ["Kubernetes", "Merge request coach", "Remote work", "GraphQL"]) {
      const holders = all.filter((m) => skillsOf(m).some((s) => matchingForm(withoutMentorPrefix(s.label)) === matchingForm(spelling)));
      assert.equal(count(spelling), holders.length, spelling);
    }
    assert.equal(count("Kubernetes"), 2, "Dana's key and Eli's item are one topic");
    assert.equal(byKey.get(skillKey("Remote work"))?.label, "Remote Work", "the topic index drops the prefix");
    assert.deepEqual(memberTopicIds(get("eli"), topics), [
      byKey.get("kubernetes")!.id,
      byKey.get("merge request coach")!.id,
      byKey.get("graphql")!.id,
    ]);
  });

  it("matches whole words of labels and keys, never URLs", () => {
    assert.deepEqual(
      matchingSkills(get("dana"), "api").map((s) => s.label),
      ["REST API"],
    );
    assert.deepEqual(
      matchingSkills(get("dana"), "rest_api").map((s) => s.label),
      ["REST API"],
    );
    assert.deepEqual(
      matchingSkills(get("dana"), "ci").map((s) => s.label),
      ["CI/CD"],
    );
    assert.deepEqual(matchingSkills(get("dana"), "kube"), [], "whole words only");
    assert.equal(hasSkill(get("kim"), "graphql"), false, "a URL in a label is not a skill");
    assert.equal(hasSkill(get("eli"), "graphql"), true);
  });

  it("selects by a topic argument through domain keys too", () => {
    const directory = buildDirectory(all);
    const expected = all
      .filter((m) => skillsOf(m).some((s) => s.key === "kubernetes"))
      .map((m) => m.slug)
      .sort();
    assert.deepEqual(
      selectMembers(directory, "Kubernetes")
        .map((m) => m.slug)
        .sort(),
      expected,
    );
    assert.ok(expected.includes("dana"), "Dana lists Kubernetes only as a domain key");
  });

  it("hasSkill, which skips parsing where it can, agrees with skillsOf", () => {
    const words = [
      "Ruby",
      "ruby on rails",
      "Kubernetes",
      "REST API",
      "Mentor - Remote Work",
      "remote",
      "go",
      "C#",
      "https://x.example/ruby",
    ];
    const expertise = fc.oneof(
      fc.constant(null),
      fc.array(fc.constantFrom(...words), { maxLength: 3 }).map((items) => items.map((w) => `<li>${w}</li>`).join("\n")),
      fc.array(fc.constantFrom(...words), { maxLength: 3 }),
    );
    const keys = fc.array(fc.constantFrom("ruby", "rails", "kubernetes", "rest_api", "remote_work", "go", "<b>x</b>"), { maxLength: 3 });
    fc.assert(
      fc.property(expertise, keys, fc.constantFrom(...words, "api", "rest_api", "rails", "work"), (raw, domain, query) => {
        const member = {
          slug: "x",
          type: "person",
          file: "x.yml",
          name: "X",
          role: "",
          mentor: true,
          departments: [],
          data: { expertise: raw, domain_expertise: domain },
        };
        defineLazyExpertise(member, raw);
        const phrase = matchingForm(query);
        assert.equal(
          hasSkill(member as unknown as Member, phrase),
          skillsOf(member as unknown as Member).some((skill) => skillMatches(skill, phrase)),
        );
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });
});
