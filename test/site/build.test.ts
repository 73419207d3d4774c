// Builds the real site through Eleventy's programmatic API and checks what it wrote to disk.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { HtmlValidate } from "html-validate";
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import { Ajv2020 } from "ajv/dist/2020.js";
import { skillsOf } from "../../plugin/team/model/skills.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MENTORING = "handbook/people-group/learning-and-development/mentor/index.html";
const TEAM = "company/team/index.html";

function elements(tree: Root | Element, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  visit(tree, "element", (node: Element) => {
    if (test(node)) out.push(node);
  });
  return out;
}
const byTag = (tag: string) => (e: Element) => e.tagName === tag;
const classes = (e: Element): string[] => ([] as string[]).concat(e.properties.className ?? []);

/** Rows of a table as arrays of cells (th or td). */
function rows(table: Element): Element[][] {
  return elements(table, byTag("tr")).map((tr) =>
    tr.children.filter((c): c is Element => c.type === "element" && (c.tagName === "td" || c.tagName === "th")),
  );
}

function tableAfterHeading(tree: Root, headingId: string): Element {
  let seen = false;
  let found: Element | undefined;
  visit(tree, "element", (node: Element) => {
    if (found) return;
    if (/^h[1-6]$/.test(node.tagName) && node.properties.id === headingId) seen = true;
    else if (seen && node.tagName === "table") found = node;
  });
  assert.ok(found, `a table after #${headingId}`);
  return found;
}

describe("the site, built by Eleventy", function () {
  this.timeout(120_000);
  let out: string;
  let mentoring: Root;
  let mentoringHtml: string;

  before(async () => {
    out = mkdtempSync(path.join(tmpdir(), "mentor-site-"));
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const eleventy = new Eleventy("site", out, { configPath: ".eleventy.js", quietMode: true });
      await eleventy.write();
    } finally {
      process.chdir(cwd);
    }
    mentoringHtml = readFileSync(path.join(out, MENTORING), "utf8");
    mentoring = fromHtml(mentoringHtml);
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it("renders every table of the reference page with its rows and columns", () => {
    const expectations = rows(tableAfterHeading(mentoring, "expectations"));
    assert.equal(expectations.length, 15, "header + 14 expectations");
    assert.ok(expectations.every((r) => r.length === 2));
    const goalPurpose = rows(tableAfterHeading(mentoring, "mentee-set-your-goal-and-purpose"));
    assert.deepEqual(
      goalPurpose.map((r) => r.length),
      [2, 2, 2],
    );
    const goal = elements(mentoring, byTag("table")).filter((t) => rows(t)[0]?.length === 6);
    assert.equal(goal.length, 1, "one 6-column goal matrix");
    const [head, body] = rows(goal[0] as Element);
    assert.deepEqual(
      head?.map((c) => toText(c).trim()),
      ["Time-bound", "Certain", "Specific", "Positive", "Measurable", "Personal"],
    );
    assert.equal(body?.length, 6, "the empty cells stay cells");
    assert.ok(body.every((c) => c.tagName === "td" && toText(c).trim() === ""));
    const criteria = rows(tableAfterHeading(mentoring, "what-is-your-goal"));
    assert.equal(criteria.length, 7);
    const faq = rows(tableAfterHeading(mentoring, "faqs-for-new-mentors-and-mentees"));
    assert.equal(faq.length, 7, "header + 6 questions");
  });

  it("resolves every in-page link", () => {
    const ids = new Set(elements(mentoring, (e) => typeof e.properties.id === "string").map((e) => e.properties.id as string));
    const anchors = elements(
      mentoring,
      (e) => e.tagName === "a" && typeof e.properties.href === "string" && e.properties.href.startsWith("#"),
    );
    assert.ok(anchors.length >= 5);
    for (const a of anchors) assert.ok(ids.has((a.properties.href as string).slice(1)), `target of ${a.properties.href}`);
    for (const id of ["find-a-mentor", "become-a-mentor", "organized-mentorship-programs", "expectations", "sample-sync-meeting-agendas"])
      assert.ok(ids.has(id), id);
  });

  it("lists exactly the data's mentors in the directory", async () => {
    const report = await validateTeam(["data/team_members"], { cwd: root });
    const expected = report.members
      .filter((m) => m.mentor || skillsOf(m).some((skill) => /\bmentor\b/i.test(skill.label)))
      .map((m) => m.slug)
      .sort();
    const directory = elements(mentoring, (e) => classes(e).includes("mentor-directory"));
    assert.equal(directory.length, 1);
    // Each card's name links to the member's team-page anchor, which is the slug.
    const listed = elements(directory[0] as Element, (e) => classes(e).includes("mentor-card"))
      .map((card) => elements(card, byTag("a"))[0]?.properties.href as string)
      .map((href) => decodeURIComponent(href.slice(href.indexOf("#") + 1)))
      .sort();
    assert.deepEqual(listed, expected);
    assert.ok(report.members.filter((m) => m.mentor).every((m) => listed.includes(m.slug)));
  });

  it("leaves no shortcode text and no `false` where a shortcode stood", () => {
    assert.doesNotMatch(mentoringHtml, /\{\{[<%]/);
    const text = toText(mentoring);
    assert.doesNotMatch(text, /(^|\s)false(\s|$)/);
    assert.equal(
      elements(mentoring, (e) => e.properties.dataYoutubeId !== undefined || /youtube/.test(e.properties.href ?? "")).length >= 2,
      true,
      "both videos rendered",
    );
  });

  it("keeps the slides iframes, titled and lazy", () => {
    const iframes = elements(mentoring, byTag("iframe"));
    assert.ok(iframes.length >= 2);
    for (const f of iframes) {
      assert.ok((f.properties.title ?? "").length > 3);
      assert.equal(f.properties.loading, "lazy");
    }
  });

  it("sends root-relative links this site lacks to the upstream handbook", () => {
    const hrefs = elements(mentoring, byTag("a")).map((a) => String(a.properties.href));
    assert.ok(hrefs.includes("https://handbook.gitlab.com/handbook/values/#growth-mindset"));
    assert.ok(!hrefs.some((h) => h.startsWith("/handbook/") && !h.startsWith("/handbook/people-group/learning-and-development/mentor/")));
  });

  it("is valid HTML (html-validate recommended)", async () => {
    const strict = new HtmlValidate({ extends: ["html-validate:recommended"] });
    // The team page's anchors are the raw slugs (`#0xmarta`, `#jdoe.gitlab`) because links into it
    // use them; HTML allows any id without spaces, so only the stricter style check is relaxed.
    const team = new HtmlValidate({ extends: ["html-validate:recommended"], rules: { "valid-id": ["error", { relaxed: true }] } });
    for (const file of [MENTORING, TEAM, "index.html"]) {
      const validator = file === TEAM ? team : strict;
      const report = await validator.validateString(readFileSync(path.join(out, file), "utf8"), file);
      const messages = report.results.flatMap((r) => r.messages.map((m) => `${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
      assert.deepEqual(messages, []);
    }
  });

  it("builds the team page: one entry per member, mentors marked", async () => {
    const report = await validateTeam(["data/team_members"], { cwd: root });
    const team = fromHtml(readFileSync(path.join(out, TEAM), "utf8"));
    const entries = elements(team, (e) => classes(e).includes("team-member"));
    assert.deepEqual(entries.map((e) => e.properties.id).sort(), report.members.map((m) => m.slug).sort());
    for (const member of report.members) {
      const entry = entries.find((e) => e.properties.id === member.slug) as Element;
      assert.ok(toText(entry).includes(member.name));
      assert.equal(toText(entry).includes("Available as a mentor"), member.mentor, member.slug);
    }
  });

  it("writes /mentors.json, valid against its schema and equal to the directory", () => {
    const doc = JSON.parse(readFileSync(path.join(out, "mentors.json"), "utf8")) as {
      count: number;
      mentors: { slug: string; teamPageUrl: string }[];
    };
    const schema = JSON.parse(readFileSync(path.join(root, "data/schema/mentors.schema.json"), "utf8")) as object;
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    const directory = elements(mentoring, (e) => classes(e).includes("mentor-directory"))[0] as Element;
    const rowNames = elements(directory, (e) => classes(e).includes("mentor-card")).map(
      (card) => elements(card, byTag("a"))[0]?.properties.href,
    );
    assert.equal(doc.count, rowNames.length);
    // The site sets no `siteUrl`: team-page links are root-relative, as in the page.
    assert.deepEqual(
      doc.mentors.map((m) => m.teamPageUrl),
      rowNames,
    );
  });

  it("/mentors.json gives every mentor's skills, domain keys included, and the GitLab profile", async () => {
    const report = await validateTeam(["data/team_members"], { cwd: root });
    const bySlug = new Map(report.members.map((m) => [m.slug, m]));
    type Skill = { label: string; href?: string; domainKey?: string };
    const doc = JSON.parse(readFileSync(path.join(out, "mentors.json"), "utf8")) as {
      mentors: { slug: string; skills: Skill[]; gitlabUrl?: string }[];
    };
    let domainSkills = 0;
    for (const record of doc.mentors) {
      const member = bySlug.get(record.slug);
      assert.ok(member, record.slug);
      assert.deepEqual(
        record.skills.map((s) => [s.label, s.domainKey]),
        skillsOf(member).map((s) => [s.label, s.domainKey]),
        record.slug,
      );
      domainSkills += record.skills.filter((s) => s.domainKey !== undefined).length;
      const handle = member.data["gitlab"];
      assert.equal(record.gitlabUrl, typeof handle === "string" ? `https://gitlab.com/${handle}` : undefined, record.slug);
    }
    assert.ok(domainSkills > 0, "the sample mentors list domain skills");
  });
});
