// The directory's browser scripts: their pure helpers in Node, then the search and topic chips in
// Chromium over a directory rendered from a fixture folder of real team files.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { buildDirectory, matchingForm, memberTopicIds, selectMembers, topicsOf } from "../../plugin/team/model/directory.js";
import { skillsOf } from "../../plugin/team/model/skills.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import { groupByExpertise } from "../../shortcodes/group-by-expertise.js";
import { audit, launchBrowser } from "../browser/harness.js";
import { captionText, emptyText, statusMessage, topicFromSearch } from "../../plugin/assets/mentor-directory.js";
import { describeMatch, hrefWithParams, matchCard, searchableCard } from "../../plugin/assets/card-search.js";
import { teamStatus } from "../../plugin/assets/team-directory.js";
import { outputHtml } from "../../shortcodes/output.js";

const assets = fileURLToPath(new URL("../../plugin/assets/", import.meta.url));
const fixture = fileURLToPath(new URL("../fixtures/directory/mentors-and-topics/", import.meta.url));

describe("directory script helpers", () => {
  it("statusMessage names the query and the topic", () => {
    const nouns = { one: "mentor", other: "mentors" };
    assert.equal(statusMessage({ shown: 12, total: 12, ...nouns }), "Showing all 12 mentors");
    assert.equal(statusMessage({ shown: 1, total: 1, ...nouns }), "Showing all 1 mentor");
    assert.equal(statusMessage({ shown: 3, total: 12, label: "Ruby", ...nouns }), "Showing 3 of 12 mentors for Ruby");
    assert.equal(statusMessage({ shown: 2, total: 12, query: " ruby ", ...nouns }), "Showing 2 of 12 mentors for “ruby”");
    assert.equal(
      statusMessage({ shown: 1, total: 12, query: "ruby", label: "Leadership", ...nouns }),
      "Showing 1 of 12 mentors for “ruby” in Leadership",
    );
    assert.equal(statusMessage({ shown: 0, total: 12, query: "xyzzy", ...nouns }), "No mentors for “xyzzy”");
  });

  it("captionText follows the count", () => {
    const nouns = { one: "team member", other: "team members" };
    assert.equal(captionText({ label: "Mentors", shown: 9, total: 9, ...nouns }), "Mentors: 9 team members");
    assert.equal(captionText({ label: "Mentors", shown: 2, total: 9, ...nouns }), "Mentors: 2 of 9 team members");
  });

  it("teamStatus", () => {
    assert.equal(teamStatus({ shown: 42, total: 42, mentorsOnly: false }), "Showing all 42 team members");
    assert.equal(teamStatus({ shown: 3, total: 42, query: "ruby", mentorsOnly: false }), "Showing 3 of 42 team members for “ruby”");
    assert.equal(teamStatus({ shown: 9, total: 42, mentorsOnly: true }), "Showing 9 mentors, of 42 team members");
    assert.equal(teamStatus({ shown: 0, total: 42, query: "x", mentorsOnly: true }), "No mentors for “x”");
  });

  it("topicFromSearch accepts only topics the directory has", () => {
    assert.equal(topicFromSearch("?topic=topic-ruby", ["topic-ruby"]), "topic-ruby");
    assert.equal(topicFromSearch("?topic=topic-nope", ["topic-ruby"]), "");
    assert.equal(topicFromSearch("", ["topic-ruby"]), "");
  });

  it("hrefWithParams sets and removes parameters, keeping the rest", () => {
    assert.equal(hrefWithParams("https://x.example/p/?a=1#h", { q: "remote work", topic: "" }), "https://x.example/p/?a=1&q=remote+work#h");
    assert.equal(hrefWithParams("https://x.example/p/?topic=topic-go&a=1", { topic: "" }), "https://x.example/p/?a=1");
  });

  it("matchCard matches whole words of skills, keys and fields, never inside a word or a URL", () => {
    const card = {
      name: "Ada Åberg",
      role: "Backend Engineer",
      departments: "Engineering, Plan Stage",
      skills: [{ label: "Ruby on Rails" }, { label: "REST API", key: "rest_api" }, { label: "See https://example.com/kubernetes" }],
    };
    const searchable = searchableCard(card);
    assert.deepEqual(matchCard(searchable, "ruby"), { matched: true, skills: [0], fields: [] });
    assert.deepEqual(matchCard(searchable, "rest_api").skills, [1]);
    assert.deepEqual(matchCard(searchable, "api").skills, [1]);
    assert.equal(matchCard(searchable, "rub").matched, false, "whole words only");
    assert.equal(matchCard(searchable, "kubernetes").matched, false, "a URL is not a skill");
    assert.deepEqual(matchCard(searchable, matchingForm("PLAN stage")), { matched: true, skills: [], fields: ["departments"] });
    assert.deepEqual(matchCard(searchable, "aberg").matched, false, "accents are kept: the name is Åberg");
    assert.deepEqual(matchCard(searchable, ""), { matched: false, skills: [], fields: [] }, "an empty query matches nothing");
    assert.equal(describeMatch(matchCard(searchable, "ruby"), card, "Ruby"), "Matches “Ruby”: Ruby on Rails");
    assert.equal(describeMatch(matchCard(searchable, "engineer"), card, "engineer"), "Matches “engineer” in role");
  });

  it("matchCard finds where a member works from, as a card writes it", () => {
    const card = { name: "Ada", role: "Engineer", departments: "Plan", location: "São Paulo, Brazil", skills: [] };
    const searchable = searchableCard(card);
    assert.deepEqual(matchCard(searchable, matchingForm("São Paulo")), { matched: true, skills: [], fields: ["location"] });
    assert.equal(matchCard(searchable, matchingForm("Paulo Brazil")).matched, false, "a phrase, not words anywhere");
    assert.equal(describeMatch(matchCard(searchable, "brazil"), card, "Brazil"), "Matches “Brazil” in location");
  });

  it("statusMessage and emptyText name a chosen country after the topic", () => {
    const nouns = { one: "mentor", other: "mentors" };
    assert.equal(
      statusMessage({ shown: 1, total: 9, label: "Ruby", country: "Spain", ...nouns }),
      "Showing 1 of 9 mentors for Ruby in Spain",
    );
    assert.equal(
      statusMessage({ shown: 2, total: 9, query: "go", country: "Spain", ...nouns }),
      "Showing 2 of 9 mentors for “go” in Spain",
    );
    assert.equal(
      emptyText({ query: "x", label: "Ruby", country: "Spain", other: "mentors" }),
      "No mentors match “x” in the topic Ruby in Spain.",
    );
    assert.equal(emptyText({ country: "Spain", other: "mentors" }), "No mentors match Spain.");
  });

  it("searchableCard gives each field and skill in searchable form, once", () => {
    const card = {
      name: "Ｊｏ  Doe",
      role: "Mail jo@example.com",
      departments: "Plan",
      skills: [{ label: "See www.example.com/ruby" }, { label: "REST API", key: "rest_api" }],
    };
    assert.deepEqual(searchableCard(card), {
      name: "jo doe",
      role: "mail",
      departments: "plan",
      location: "",
      skills: [
        { label: "see", key: "" },
        { label: "rest api", key: "rest_api" },
      ],
    });
  });
});

describe("directory script in a browser (fixture team)", function () {
  this.timeout(60_000);
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let origin: string;
  let expected: { mentors: { slug: string; card: string; skills: string[]; topics: string[] }[]; topics: { id: string; label: string }[] };

  before(async () => {
    const report = await validateTeam(["team_members"], { cwd: fixture });
    const directory = buildDirectory(report.members);
    const selected = selectMembers(directory, "mentor");
    const topics = topicsOf(selected);
    expected = {
      mentors: selected.map((m) => ({
        slug: m.slug,
        card: `mentor-${m.slug}`,
        skills: skillsOf(m).map((s) => s.label),
        topics: memberTopicIds(m, topics),
      })),
      topics: topics.map((t) => ({ id: t.id, label: t.label })),
    };
    const markup = outputHtml(
      groupByExpertise.render(
        { positional: ["mentor"], named: {} },
        { directory, teamPageUrl: "/company/team/", upstreamUrl: "https://handbook.gitlab.com" },
      ),
    );
    const document = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Mentoring</title>
<link rel="stylesheet" href="/assets/mentor-directory.css"><script type="module" src="/assets/mentor-directory.js"></script></head>
<body><main><h1>Mentoring</h1><h2>Find a mentor</h2>${markup}</main></body></html>`;
    const http = createServer((request, response) => {
      const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
      const asset = /^\/assets\/([a-z-]+\.(js|css))$/.exec(pathname);
      if (asset) {
        const type = asset[2] === "js" ? "text/javascript" : "text/css";
        response.writeHead(200, { "content-type": `${type}; charset=utf-8` }).end(readFileSync(path.join(assets, asset[1] as string)));
      } else if (pathname === "/empty/") {
        response
          .writeHead(200, { "content-type": "text/html; charset=utf-8" })
          .end(
            '<!DOCTYPE html><html lang="en"><title>x</title>' +
              '<script type="module" src="/assets/mentor-directory.js"></script><p>No directory</p></html>',
          );
      } else if (pathname === "/mentor/") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(document);
      } else {
        response.writeHead(404).end();
      }
    });
    server = http;
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  beforeEach(async () => {
    page = await browser!.newPage();
  });

  afterEach(async () => {
    await page.close();
  });

  const visibleCards = (): Promise<string[]> =>
    page.$$eval(".mentor-card", (cards) => cards.filter((card) => (card as HTMLElement).offsetParent !== null).map((card) => card.id));
  const status = (): Promise<string> => page.$eval(".directory-status", (node) => node.textContent);

  it("shows the search field and turns topic links into toggle buttons", async () => {
    await page.goto(`${origin}/mentor/`);
    await page.getByLabel("Search mentors by skill, name, role or department").waitFor();
    const chips = await page.$$eval(".directory-topics button", (buttons) =>
      buttons.map((b) => [b.textContent, b.getAttribute("aria-pressed")]),
    );
    assert.equal(chips.length, expected.topics.length + (expected.mentors.some((m) => m.topics.length === 0) ? 1 : 0));
    assert.ok(chips.every(([, pressed]) => pressed === "false"));
    assert.equal(await page.$eval(".directory-index", (node) => (node as HTMLElement).hidden), true, "the no-script index is not needed");
    assert.deepEqual(
      await visibleCards(),
      expected.mentors.map((m) => m.card),
    );
    assert.equal(await status(), "");
  });

  it("groups labels that differ only in case or a 'Mentor - ' prefix into one chip", async () => {
    await page.goto(`${origin}/mentor/`);
    await page.getByLabel("Search mentors by skill, name, role or department").waitFor();
    // In the fixture, "Remote work" and "Mentor - Remote Work", "Merge Request Coach" and "Merge
    // request coach" are written by different people: each pair is one topic.
    for (const spelling of ["remote work", "merge request coach"]) {
      const topic = expected.topics.find((t) => matchingForm(t.label) === spelling);
      assert.ok(topic, spelling);
      const holders = expected.mentors.filter((m) => m.topics.includes(topic.id));
      const spellings = new Set(holders.flatMap((m) => m.skills.filter((s) => matchingForm(s).endsWith(spelling))));
      assert.ok(spellings.size >= 2, `${spelling} is written ${[...spellings].join(" / ")}`);
      await page.getByRole("button", { name: new RegExp(`^${topic.label} \\(`) }).click();
      assert.deepEqual(
        await visibleCards(),
        holders.map((m) => m.card),
      );
      assert.equal(await status(), `Showing ${holders.length} of ${expected.mentors.length} mentors for ${topic.label}`);
      await page.getByRole("button", { name: new RegExp(`^${topic.label} \\(`) }).click();
      assert.equal((await visibleCards()).length, expected.mentors.length, "a second press clears the topic");
    }
  });

  it("finds a skill that only domain_expertise lists, and says which skill matched", async () => {
    await page.goto(`${origin}/mentor/?q=kubernetes`);
    await page.getByLabel("Search mentors by skill, name, role or department").waitFor();
    const holders = expected.mentors.filter((m) => m.skills.some((s) => matchingForm(s) === "kubernetes"));
    assert.ok(holders.length > 0);
    assert.deepEqual(
      await visibleCards(),
      holders.map((m) => m.card),
    );
    for (const holder of holders) {
      assert.equal(await page.$eval(`#${holder.card} .member-match`, (node) => node.textContent), "Matches “kubernetes”: Kubernetes");
      assert.equal(await page.$eval(`#${holder.card} .skills li.is-match`, (node) => (node as HTMLElement).dataset.skillKey), "kubernetes");
    }
    assert.deepEqual((await audit(page)).violations, []);
  });

  it("leaves a page without the directory alone", async () => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${origin}/empty/`);
    await page.waitForLoadState("networkidle");
    assert.equal(await page.$$eval("button, input", (nodes) => nodes.length), 0);
    assert.deepEqual(errors, []);
  });
});
