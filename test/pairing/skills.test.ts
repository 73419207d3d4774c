// `pair` with the skills model: focus areas meet near-identical labels and domain keys, an area no
// mentor offers is reported with the closest topics, and the closest mentors of an unpaired
// mentee are the nearest by skills.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { areaKey, FocusAreas } from "../../plugin/pairing/constraints.js";
import { pairFromFiles } from "../../plugin/pairing/load.js";
import { pair } from "../../plugin/pairing/pair.js";
import { areaWords, closestTopics, coverage, wordSimilarity } from "../../plugin/pairing/similarity.js";

const fixture = fileURLToPath(new URL("../fixtures/pairing-skills/", import.meta.url));

describe("pair and the skills model", () => {
  it("offers an area through the same key or a label that contains it as whole words", () => {
    const mentor = new FocusAreas(["Mentor - Remote Work", "Product discovery - customer interviews", "REST API"]);
    assert.ok(mentor.offers(areaKey("Remote work")));
    assert.ok(mentor.offers(areaKey("remote WORK")));
    assert.ok(mentor.offers(areaKey("Product discovery")));
    assert.ok(mentor.offers(areaKey("rest_api")));
    assert.ok(mentor.offers(areaKey("Product")), "whole words of a label are offered");
    assert.ok(mentor.offers(areaKey("Remote")));
    assert.ok(!mentor.offers(areaKey("discover")), "whole words only");
    assert.ok(!new FocusAreas(["Go"]).offers(areaKey("Go-to-market strategy")), "a shorter mentor area does not offer a longer one");
    assert.deepEqual(new FocusAreas(["Remote work", "Cooking"]).sharedWith(mentor), ["Remote work"]);
  });

  it("measures closeness by words, not spelling", () => {
    assert.deepEqual([...areaWords("Customer interviews and Product discovery")], ["customer", "interview", "product", "discovery"]);
    assert.ok(wordSimilarity(areaWords("Product strategy"), areaWords("Product discovery")) > 0);
    assert.equal(wordSimilarity(areaWords("Product strategy"), areaWords("Production incidents")), 0);
    assert.deepEqual(closestTopics("Product strategy", ["Kubernetes", "Production incidents", "Product discovery", "Strategy"]), [
      "Strategy",
      "Product discovery",
    ]);
    assert.ok(coverage(["Product strategy"], ["Product discovery"]) > coverage(["Product strategy"], ["Kubernetes"]));
  });

  it("ranks the closest mentors of an unpaired mentee by similarity of skills, with what ruled each out", () => {
    const result = pair({
      mentees: [{ slug: "m", name: "Mentee", departments: [], focusAreas: ["Product strategy"] }],
      mentors: [
        { slug: "a-kube", name: "A", departments: [], focusAreas: ["Kubernetes"], capacity: 1 },
        { slug: "b-sec", name: "B", departments: [], focusAreas: ["Threat modeling"], capacity: 1 },
        { slug: "z-prod", name: "Z", departments: [], focusAreas: ["Product discovery"], capacity: 1 },
      ],
    });
    assert.equal(result.pairs.length, 0);
    const [unpaired] = result.unpaired;
    assert.equal(unpaired?.reason.kind, "no-shared-focus");
    assert.equal(unpaired.nearMisses[0]?.mentor.slug, "z-prod", "nearest by skills, not first by slug");
    assert.ok(unpaired.nearMisses.every((miss) => miss.obstacles.some((o) => o.kind === "no-shared-focus")));
  });

  it("pairs from team files through near-identical labels and domain keys, and warns about an area no mentor offers", async () => {
    const result = await pairFromFiles({ mentees: "mentees.csv", team: ["team_members"], cwd: fixture });
    const pairs = Object.fromEntries(result.pairing.pairs.map((p) => [p.mentee.slug, [p.mentor.slug, p.sharedFocusAreas]]));
    assert.deepEqual(pairs, {
      ann: ["mrossi", ["Remote work", "Product discovery"]],
      bo: ["kdomain", ["rest_api", "Kubernetes"]],
    });
    const warnings = result.diagnostics.filter((d) => d.rule === "pairing-focus-area-unoffered");
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.severity, "warning");
    assert.equal(warnings[0].file, "mentees.csv");
    assert.equal(warnings[0].line, 4);
    assert.match(warnings[0].message, /no mentor offers the focus area "Product strategy" of Cy/);
    assert.match(warnings[0].hint ?? "", /closest topics mentors offer: "Product discovery - customer interviews and problem validation"/);
    const cy = result.pairing.unpaired.find((u) => u.mentee.slug === "cy");
    assert.equal(cy?.nearMisses[0]?.mentor.slug, "mrossi");
  });
});
