/// <reference lib="dom" />
// Where people work from, on the built site: each card shows its member's place as their file
// writes it, the search finds it, and the mentoring page narrows to a country with the script
// (chips) and without it (the index below the cards). Who should be listed is worked out from the
// team files, never listed by hand.
import assert from "node:assert/strict";
import { cleanText } from "../../plugin/text/clean.js";
import { countryCode, formatOffset, resolveTeamLocation } from "../../plugin/pairing/timezones.js";
import { buildDirectory, selectMembers, type Member } from "../../plugin/team/model/directory.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import { idSafe } from "../../shortcodes/group-by-expertise.js";
import { openSession, PAGES, problems, repoRoot, useSite } from "./harness.js";

const text = (value: unknown): string => (typeof value === "string" ? cleanText(value) : "");
const placeOf = (member: Member): string => [member.data["locality"], member.data["country"]].map(text).filter(Boolean).join(", ");

describe("where people work from", function () {
  this.timeout(60_000);
  const site = useSite();
  let mentors: readonly Member[];
  let team: readonly Member[];

  before(async () => {
    const report = await validateTeam(["data/team_members"], { cwd: repoRoot });
    const directory = buildDirectory(report.members);
    team = directory.members;
    mentors = selectMembers(directory, "mentor");
  });

  it("shows each member's place on the team page and the directory, as written", async () => {
    const { context, page, watch } = await openSession(site.browser, site.origin);
    try {
      await page.goto(`${site.origin}${PAGES.team}`);
      const shown = await page.$$eval(".team-member", (cards) =>
        cards.map((card) => [card.id, card.querySelector(".member-location .location")?.textContent ?? ""]),
      );
      assert.deepEqual(Object.fromEntries(shown), Object.fromEntries(team.map((member) => [member.slug, placeOf(member)])));
      assert.ok(
        shown.some(([, place]) => place !== ""),
        "the sample team has places",
      );
      await page.goto(`${site.origin}${PAGES.mentoring}`);
      const onCards = await page.$$eval(".mentor-card .location", (nodes) => nodes.map((node) => node.textContent));
      assert.deepEqual(onCards, mentors.map(placeOf).filter(Boolean));
      assert.deepEqual(problems(watch), []);
    } finally {
      await context.close();
    }
  });

  it("finds members by their city, and says so on the card", async () => {
    const member = mentors.find((m) => text(m.data["locality"]) !== "" && !text(m.data["locality"]).includes(","));
    assert.ok(member, "a mentor with a city");
    const city = text(member.data["locality"]);
    const { context, page } = await openSession(site.browser, site.origin);
    try {
      await page.goto(`${site.origin}${PAGES.mentoring}`);
      await page.getByLabel("Search mentors by skill, name, role or department").fill(city);
      await page.waitForFunction((q) => (document.querySelector(".directory-status")?.textContent ?? "").includes(q), city);
      const visible = await page.$$eval(".mentor-card", (cards) => cards.filter((c) => !(c as HTMLElement).hidden).map((c) => c.id));
      assert.ok(visible.includes(`mentor-${idSafe(member.slug)}`), `${city} finds ${member.slug}: ${visible.join(", ")}`);
      const line = await page.locator(`#mentor-${idSafe(member.slug)} .member-match`).innerText();
      assert.equal(line, `Matches “${city}” in location`);
    } finally {
      await context.close();
    }
  });

  it("narrows the directory to a country with a chip, kept in the address, and without JavaScript through the index", async () => {
    // `USA`, `US` and `United States` are one country: the chip counts them together.
    const byCountry = new Map<string, Member[]>();
    for (const member of mentors) {
      const code = countryCode(text(member.data["country"]));
      if (code !== undefined) byCountry.set(code, [...(byCountry.get(code) ?? []), member]);
    }
    const [code, listed] = [...byCountry].sort((a, b) => b[1].length - a[1].length)[0]!;
    const expected = listed.map((m) => `mentor-${idSafe(m.slug)}`).sort();

    for (const javaScriptEnabled of [true, false]) {
      const { context, page, watch } = await openSession(site.browser, site.origin, { javaScriptEnabled });
      try {
        await page.goto(`${site.origin}${PAGES.mentoring}`);
        if (javaScriptEnabled) {
          const chip = page
            .locator(".directory-countries .country-chip")
            .filter({ hasText: `(${listed.length})` })
            .first();
          const name = (await chip.innerText()).replace(/\s*\(\d+\)$/, "");
          await chip.click();
          const visible = await page.$$eval(".mentor-card", (cards) => cards.filter((c) => !(c as HTMLElement).hidden).map((c) => c.id));
          assert.deepEqual(visible.sort(), expected);
          assert.equal(await chip.getAttribute("aria-pressed"), "true");
          assert.match(await page.locator(".directory-status").innerText(), new RegExp(`for ${name}$`));
          assert.equal(new URL(page.url()).searchParams.get("country"), `Country-${code}`);
          await page.reload();
          const after = await page.$$eval(".mentor-card", (cards) => cards.filter((c) => !(c as HTMLElement).hidden).map((c) => c.id));
          assert.deepEqual(after.sort(), expected, "the country survives a reload");
          assert.equal(await page.locator("#Mentor-country-index").isHidden(), true, "the script hides the index");
        } else {
          await page.locator(`.directory-countries a[href="#Country-${code}"]`).click();
          const names = await page.$$eval(`#Country-${code} dd a`, (links) => links.map((a) => a.getAttribute("href")?.slice(1) ?? ""));
          assert.deepEqual(names.sort(), expected);
          assert.ok(await page.locator(`#Country-${code}`).isVisible());
        }
        assert.deepEqual(problems(watch), []);
      } finally {
        await context.close();
      }
    }
  });

  it("shows the time zone pairing would use, where the place settles one", async () => {
    const { context, page } = await openSession(site.browser, site.origin);
    try {
      await page.goto(`${site.origin}${PAGES.mentoring}`);
      const zones = await page.$$eval(".mentor-card", (cards) =>
        cards.map((card) => card.querySelector(".member-time-zone .time-zone")?.textContent ?? ""),
      );
      const expected = mentors.map((member) => {
        const zone = resolveTeamLocation(member.data["locality"], member.data["country"]);
        return zone.offsetMinutes === undefined ? "" : formatOffset(zone.offsetMinutes);
      });
      assert.deepEqual(zones, expected);
      assert.ok(zones.some((zone) => /^UTC[+-]\d/.test(zone)));
      // A country of several zones without a city that settles it shows none rather than a guess.
      assert.ok(zones.includes(""));
    } finally {
      await context.close();
    }
  });
});
