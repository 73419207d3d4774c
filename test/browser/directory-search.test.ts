/// <reference lib="dom" />
// Searching the built site as a reader does: the mentoring page's search field and the team page's
// search and "mentors only" toggle. Who should be found is worked out from the team files with
// the skills model, never listed by hand.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { fragmentText } from "../../plugin/html/sanitize.js";
import { cleanText } from "../../plugin/text/clean.js";
import { buildDirectory, matchingForm, phraseMatches, selectMembers, type Member } from "../../plugin/team/model/directory.js";
import { skillMatches, skillsOf } from "../../plugin/team/model/skills.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import { idSafe } from "../../shortcodes/group-by-expertise.js";
import { initialOf } from "../../shortcodes/team-members.js";
import { artifactsDir, audit, openSession, PAGES, problems, repoRoot, useSite } from "./harness.js";

const SEARCH_LABEL = "Search mentors by skill, name, role or department";
const TEAM_SEARCH_LABEL = "Search the team by name, role, skill or department";

/** Whether a reader searching for `query` should find `member`: name, role, skills, departments. */
function found(member: Member, query: string): boolean {
  const phrase = matchingForm(query);
  return (
    phraseMatches(cleanText(member.name), phrase) ||
    phraseMatches(fragmentText(member.role), phrase) ||
    member.departments.some((department) => phraseMatches(department, phrase)) ||
    skillsOf(member).some((skill) => skillMatches(skill, phrase))
  );
}

/** Found only through `domain_expertise`: no expertise item, name, role or department has it. */
function onlyByDomain(member: Member, query: string): boolean {
  const phrase = matchingForm(query);
  return (
    found(member, query) &&
    !member.expertise.some((item) => phraseMatches(item.label, phrase)) &&
    !phraseMatches(fragmentText(member.role), phrase) &&
    !member.departments.some((d) => phraseMatches(d, phrase)) &&
    !phraseMatches(member.name, phrase)
  );
}

const visible = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(selector, (nodes) => nodes.filter((node) => (node as HTMLElement).offsetParent !== null).map((node) => node.id));

const statusOf = (page: Page, selector: string): Promise<string> => page.$eval(selector, (node) => node.textContent);

/** Type into a search field and wait for the live region to speak. */
async function search(page: Page, label: string, query: string, status: string): Promise<void> {
  await page.getByLabel(label).fill(query);
  await page.waitForFunction(
    ([selector, q]) => (document.querySelector(selector as string)?.textContent ?? "").includes(`“${(q as string).trim()}”`),
    [status, query],
  );
}

describe("searching the built site", function () {
  this.timeout(60_000);
  const site = useSite();
  let members: readonly Member[];
  let mentors: readonly Member[];

  before(async () => {
    const report = await validateTeam(["data/team_members"], { cwd: repoRoot });
    const directory = buildDirectory(report.members);
    members = directory.members;
    mentors = selectMembers(directory, "mentor");
  });

  describe("the mentoring page", () => {
    const QUERIES = ["ruby", "Kubernetes", "remote work", "engineering management", "plan stage", "rest_api", "GraphQL"];

    it("finds, for each of several words, exactly the mentors whose name, role, skills or departments contain it", async () => {
      const { context, page, watch } = await openSession(site.browser, site.origin);
      try {
        await page.goto(site.origin + PAGES.mentoring);
        await page.getByLabel(SEARCH_LABEL).waitFor();
        for (const query of QUERIES) {
          const expected = mentors.filter((m) => found(m, query)).map((m) => `mentor-${idSafe(m.slug)}`);
          assert.ok(expected.length > 0, `the sample team has a mentor for "${query}"`);
          await search(page, SEARCH_LABEL, query, ".mentor-directory .directory-status");
          assert.deepEqual(await visible(page, ".mentor-directory .mentor-card"), expected, query);
          assert.equal(
            await statusOf(page, ".mentor-directory .directory-status"),
            `Showing ${expected.length} of ${mentors.length} ${mentors.length === 1 ? "mentor" : "mentors"} for “${query}”`,
          );
          assert.equal(
            await statusOf(page, ".mentor-directory .directory-caption"),
            `Mentors: ${expected.length} of ${mentors.length} team members`,
          );
          // Each result says what it matched.
          for (const id of expected) {
            const line = await page.$eval(`#${id} .member-match`, (node) => ((node as HTMLElement).hidden ? "" : node.textContent));
            assert.match(line, new RegExp(`^Matches “${query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}”`), `${id}: ${line}`);
          }
        }
        assert.deepEqual(problems(watch), []);
      } finally {
        await context.close();
      }
    });

    it("finds mentors whose only word for a skill is in domain_expertise", async () => {
      const { context, page } = await openSession(site.browser, site.origin);
      try {
        await page.goto(`${site.origin}${PAGES.mentoring}?q=kubernetes`);
        await page.getByLabel(SEARCH_LABEL).waitFor();
        const byDomain = mentors.filter((m) => onlyByDomain(m, "kubernetes"));
        assert.ok(byDomain.length > 0, "the sample team has a mentor who lists Kubernetes only as a domain key");
        const shown = await visible(page, ".mentor-directory .mentor-card");
        for (const m of byDomain) {
          const id = `mentor-${idSafe(m.slug)}`;
          assert.ok(shown.includes(id), id);
          assert.equal(await page.$eval(`#${id} .skills li.is-match`, (node) => (node as HTMLElement).dataset.skillKey), "kubernetes");
        }
      } finally {
        await context.close();
      }
    });

    it("keeps the query across a reload, and offers to clear an empty result", async () => {
      const { context, page, watch } = await openSession(site.browser, site.origin);
      try {
        await page.goto(site.origin + PAGES.mentoring);
        await page.getByLabel(SEARCH_LABEL).waitFor();
        await search(page, SEARCH_LABEL, "remote work", ".mentor-directory .directory-status");
        const before = await visible(page, ".mentor-directory .mentor-card");
        assert.equal(new URL(page.url()).searchParams.get("q"), "remote work");
        await page.reload();
        await page.getByLabel(SEARCH_LABEL).waitFor();
        assert.equal(await page.getByLabel(SEARCH_LABEL).inputValue(), "remote work");
        assert.deepEqual(await visible(page, ".mentor-directory .mentor-card"), before);
        assert.match(await statusOf(page, ".mentor-directory .directory-status"), /for “remote work”$/, "announced after the reload too");

        const nonsense = "qwxz";
        assert.equal(mentors.filter((m) => found(m, nonsense)).length, 0);
        await search(page, SEARCH_LABEL, nonsense, ".mentor-directory .directory-status");
        assert.deepEqual(await visible(page, ".mentor-directory .mentor-card"), []);
        assert.equal(await statusOf(page, ".mentor-directory .directory-status"), `No mentors for “${nonsense}”`);
        assert.equal(await statusOf(page, ".mentor-directory .directory-empty-message"), `No mentors match “${nonsense}”.`);
        await page.getByRole("button", { name: "Clear the search" }).click();
        assert.equal((await visible(page, ".mentor-directory .mentor-card")).length, mentors.length);
        assert.equal(await page.getByLabel(SEARCH_LABEL).inputValue(), "");
        assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("type")), "search", "focus back in the field");
        assert.equal(new URL(page.url()).searchParams.has("q"), false);
        assert.deepEqual(problems(watch), []);
      } finally {
        await context.close();
      }
    });

    it("at 375 px: cards with name and skills inside the screen, no sideways scroll, no axe violation with a query", async () => {
      const { context, page, watch } = await openSession(site.browser, site.origin, { viewport: { width: 375, height: 812 } });
      try {
        await page.goto(`${site.origin}${PAGES.mentoring}?q=ruby`);
        await page.getByLabel(SEARCH_LABEL).waitFor();
        const shown = await visible(page, ".mentor-directory .mentor-card");
        assert.equal(shown.length, mentors.filter((m) => found(m, "ruby")).length);
        for (const id of shown) {
          const boxes = await page.$eval(`#${id}`, (card) =>
            [card, card.querySelector(".member-name"), card.querySelector(".member-skills"), card.querySelector(".member-match")].map(
              (node) => {
                const rect = (node as Element).getBoundingClientRect();
                return { left: rect.left, right: rect.right, width: rect.width };
              },
            ),
          );
          for (const box of boxes) assert.ok(box.left >= 0 && box.right <= 375 && box.width > 0, `${id}: ${JSON.stringify(box)}`);
        }
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
        assert.deepEqual((await audit(page)).violations, []);
        mkdirSync(artifactsDir, { recursive: true });
        await page.locator(`#${shown[0]}`).screenshot({ path: path.join(artifactsDir, "mentoring-375-search.png") });
        assert.deepEqual(problems(watch), []);
      } finally {
        await context.close();
      }
    });
  });

  describe("the team page", () => {
    it("searches every member with the same skills model, and narrows to mentors", async () => {
      const { context, page, watch } = await openSession(site.browser, site.origin);
      try {
        await page.goto(site.origin + PAGES.team);
        await page.getByLabel(TEAM_SEARCH_LABEL).waitFor();
        assert.equal((await visible(page, ".team-member")).length, members.length);

        const expected = members.filter((m) => found(m, "kubernetes")).map((m) => m.slug);
        assert.ok(expected.length > 0);
        await search(page, TEAM_SEARCH_LABEL, "kubernetes", ".team-status");
        assert.deepEqual(await visible(page, ".team-member"), expected);
        assert.equal(await statusOf(page, ".team-status"), `Showing ${expected.length} of ${members.length} team members for “kubernetes”`);
        assert.equal(await page.locator(".team-status").getAttribute("role"), "status");
        assert.deepEqual((await audit(page)).violations, []);

        await page.getByLabel("Mentors only").check();
        const both = members.filter((m) => m.mentor && found(m, "kubernetes")).map((m) => m.slug);
        assert.deepEqual(await visible(page, ".team-member"), both);
        assert.equal(new URL(page.url()).searchParams.get("mentors"), "1");

        await page.getByLabel(TEAM_SEARCH_LABEL).fill("");
        await page.waitForFunction(() => !(document.querySelector(".team-status")?.textContent ?? "").includes("“"));
        assert.deepEqual(
          await visible(page, ".team-member"),
          members.filter((m) => m.mentor).map((m) => m.slug),
        );
        // Letters without a shown member leave the index.
        const letters = await page.$$eval(".team-letters li", (items) =>
          items.filter((li) => !(li as HTMLElement).hidden).map((li) => li.textContent.trim()),
        );
        const initials = [...new Set(members.filter((m) => m.mentor).map((m) => initialOf(cleanText(m.name) || m.slug)))];
        assert.deepEqual(
          letters,
          initials.sort((a, b) => Number(a === "#") - Number(b === "#")).map((l) => (l === "#" ? "Other" : l)),
        );

        await page.reload();
        await page.getByLabel(TEAM_SEARCH_LABEL).waitFor();
        assert.equal(await page.getByLabel("Mentors only").isChecked(), true);
        assert.equal((await visible(page, ".team-member")).length, members.filter((m) => m.mentor).length);
        assert.deepEqual(problems(watch), []);
      } finally {
        await context.close();
      }
    });

    it("keeps /company/team/#<slug> anchors and an A–Z index that leads to every letter", async () => {
      for (const javaScriptEnabled of [true, false]) {
        const { context, page, watch } = await openSession(site.browser, site.origin, { javaScriptEnabled });
        try {
          const dotted = members.find((m) => m.slug.includes(".")) ?? members[members.length - 1]!;
          await page.goto(`${site.origin}${PAGES.team}#${dotted.slug}`);
          const card = page.locator(`[id="${dotted.slug}"]`);
          assert.ok(await card.isVisible(), dotted.slug);
          const top = await card.evaluate((node) => node.getBoundingClientRect().top);
          assert.ok(top >= -1 && top < 200, `#${dotted.slug} scrolled into view (top ${top})`);

          const links = await page.$$eval(".team-letters a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
          const initials = [...new Set(members.map((m) => initialOf(cleanText(m.name) || m.slug)))];
          assert.equal(links.length, initials.length);
          for (const href of links) {
            await page.click(`.team-letters a[href="${href}"]`);
            const heading = page.locator(`${href} h2`);
            assert.ok(await heading.isVisible(), href);
          }
          assert.deepEqual(problems(watch), []);
        } finally {
          await context.close();
        }
      }
    });
  });
});
