// The ids the plugin writes itself on the team page and the mentoring page (the search field, the
// letters of the A–Z index, the directory's caption and index) live where no team file can reach:
// a member named after one of them still leaves every id on both pages unique. Checked on the
// built pages of the repository's site: first the ids a small team gets, then a team with a
// member for each of them (and for the ids of earlier versions, which a slug could take).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { generatedTeam, memberWithExpertise, writeTeam, type GeneratedMember } from "../browser/generated-team.js";
import { buildSiteWithTeam, fileOf, PAGES } from "../browser/harness.js";

// What `slug-form` and `slug-characters` accept without a word: lower-case letters, digits, `.`,
// `-` and `_`, at least two characters.
const QUIET_SLUG = /^[a-z0-9._-]{2,}$/;
// Ids of earlier versions, named in the report that found the collision.
const FORMER_IDS = ["team-search-input", "team-letter-a", "team-letter-a-heading", "team-letter-other", "mentor-directory-search"];

// The element that holds what a shortcode writes (its `data-…` attribute, as hast names it), and
// the class of a member's card in it.
const PAGE_PARTS = {
  team: { root: "dataTeamDirectory", card: "team-member" },
  mentoring: { root: "dataMentorDirectory", card: "mentor-card" },
} as const;
type PageName = keyof typeof PAGE_PARTS;

interface PageIds {
  /** Every id on the page, in document order, repeats included. */
  readonly all: string[];
  /** Ids of the members' cards. */
  readonly cards: string[];
  /** Ids the plugin writes inside its own part of the page, other than the cards'. */
  readonly own: string[];
}

const hasClass = (element: Element, name: string): boolean => ([] as unknown[]).concat(element.properties.className ?? []).includes(name);

function pageIds(html: string, name: PageName): PageIds {
  const { root, card } = PAGE_PARTS[name];
  const ids: PageIds = { all: [], cards: [], own: [] };
  const inPlugin = new Set<Element>();
  visit(fromHtml(html), "element", (element: Element, _index, parent) => {
    const inside = inPlugin.has(parent as Element) || root in element.properties;
    if (inside) inPlugin.add(element);
    const id = element.properties.id;
    if (typeof id !== "string") return;
    ids.all.push(id);
    if (hasClass(element, card)) ids.cards.push(id);
    // A card's heading gets its id from the member's name, as every heading of the page does
    // (`headingIds`), and the page's heading ids give way to every id already taken.
    else if (inside && !hasClass(element, "member-name")) ids.own.push(id);
  });
  return ids;
}

const repeated = (ids: readonly string[]): string[] => [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];

/** The slugs that would take `id` on either page: the id itself, and what follows `mentor-`. */
function slugsFor(id: string): string[] {
  const lower = id.toLowerCase();
  const slugs = [lower, ...(lower.startsWith("mentor-") ? [lower.slice("mentor-".length)] : [])];
  return slugs.filter((slug) => QUIET_SLUG.test(slug));
}

async function build(members: readonly GeneratedMember[]): Promise<Record<PageName, PageIds>> {
  const work = mkdtempSync(path.join(tmpdir(), "mentor-own-ids-"));
  try {
    const team = path.join(work, "team_members");
    writeTeam(team, members);
    const out = path.join(work, "_site");
    await buildSiteWithTeam(team, out);
    const read = (name: PageName): PageIds => pageIds(readFileSync(path.join(out, fileOf(PAGES[name])), "utf8"), name);
    return { team: read("team"), mentoring: read("mentoring") };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe("ids the plugin writes itself", function () {
  this.timeout(120_000);
  const team = [...generatedTeam(12), memberWithExpertise("ab-other", "42 Other", "Ruby")];
  let first: Record<PageName, PageIds>;

  before(async () => {
    first = await build(team);
  });

  it("are found on both pages: the search field, the letters, the caption and the index", () => {
    assert.equal(first.team.cards.length, team.length);
    assert.equal(first.mentoring.cards.length, team.length);
    assert.ok(first.team.own.length >= 4, first.team.own.join(" "));
    assert.ok(first.mentoring.own.length >= 4, first.mentoring.own.join(" "));
  });

  it("are out of reach of a slug: an upper-case letter on the team page, not `mentor-` on the directory", () => {
    for (const id of first.team.own) assert.match(id, /[A-Z]/, `team page: a slug could be named ${id}`);
    for (const id of first.mentoring.cards) assert.match(id, /^mentor-/);
    for (const id of first.mentoring.own) assert.doesNotMatch(id, /^mentor-/, `mentoring page: a card could have the id ${id}`);
  });

  it("stay unique on both pages when team files are named after each of them", async () => {
    const own = [...new Set([...first.team.own, ...first.mentoring.own, ...FORMER_IDS])];
    const slugs = [...new Set(own.flatMap(slugsFor))];
    const namesakes = slugs.map((slug, index) => memberWithExpertise(slug, `A Namesake ${index}`, "Ruby"));
    const second = await build([...team, ...namesakes]);
    for (const name of ["team", "mentoring"] as const) {
      const ids = second[name];
      assert.equal(ids.cards.length, team.length + namesakes.length, `${name}: a card for every member`);
      assert.deepEqual(repeated(ids.all), [], `${name}: every id once`);
    }
    // The namesakes really do hold the ids the plugin wrote before.
    assert.ok(second.team.cards.includes("team-search-input"));
    assert.ok(second.mentoring.cards.includes("mentor-directory-search"));
  });
});
