/// <reference lib="dom" />
// The repository's site built in German through the `labels` option: no English word of the
// plugin is left on the team page or the mentoring page, in what the build writes or in what the
// scripts say in Chromium. The same check over the English build finds the plugin's words, so the
// check can see them.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Element, ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import type { Browser } from "playwright-core";
import { DEFAULT_LABELS, SCRIPT_LABEL_KEYS } from "../../plugin/text/labels.js";
import type { MentorDirectoryOptions } from "../../plugin/index.js";
import { buildRepositorySite, fileOf, launchBrowser, openSession, PAGES, repoRoot, serve, type SiteServer } from "./harness.js";

const GOALS = "/goals/";
const GERMAN = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/labels/de.json"), "utf8")) as Record<string, unknown>;

/** The repository's site with the options of its `.eleventy.js`, and `labels`. */
function buildSample(out: string, labels: MentorDirectoryOptions["labels"]): Promise<void> {
  return buildRepositorySite(out, {
    options: { anchorCheck: "error", labels },
    // A page with a fill-in table and neither directory nor team page: its script's words come from the head.
    configure(eleventyConfig) {
      const templates = eleventyConfig as unknown as { addTemplate(path: string, content: string, data: object): void };
      templates.addTemplate("goals.md", "# Ziele\n\n| Ziel | Bis wann |\n|---|---|\n| | |\n", {
        layout: "layouts/page.njk",
        title: "Ziele",
        permalink: GOALS,
        handbookMarkdown: true,
      });
    },
  });
}

const words = (text: string): string[] => (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((word) => word.length > 1);

function labelWords(table: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(table)) {
    if (key === "locale") continue;
    const forms = typeof value === "string" ? [value] : Object.values(value as Record<string, string>);
    // Placeholders are names, and quoted examples ("remote work") search terms, not words of the page.
    for (const form of forms) for (const word of words(form.replace(/\{\w+\}|“[^”]*”|„[^“]*“/g, " "))) out.add(word);
  }
  return out;
}

/** The plugin's English words that German does not share ("in", "GitLab" are both). */
const ENGLISH_ONLY = new Set([...labelWords(DEFAULT_LABELS)].filter((word) => !labelWords(GERMAN).has(word)));

const classes = (node: Element): string[] => {
  const value = node.properties["className"];
  return Array.isArray(value) ? value.map(String) : [];
};

// What a card or index shows of the team's own data: names, roles, skills, departments, places,
// topics, and field names as the team files spell them. None of it is the plugin's words.
const DATA_CLASSES = new Set(["member-name", "member-role", "skills", "departments", "location", "time-zone"]);

/** Text and attribute values the plugin wrote on a page: its regions, less the team's data. */
function pluginText(html: string): string[] {
  const tree = fromHtml(html);
  const out: string[] = [];
  const topicSections = new Set<string>();
  const collectTopics = (node: Root | ElementContent): void => {
    if (node.type !== "element" && node.type !== "root") return;
    if (node.type === "element" && typeof node.properties["dataTopic"] === "string") topicSections.add(node.properties["dataTopic"]);
    node.children.forEach((child) => collectTopics(child as ElementContent));
  };
  collectTopics(tree);
  const walk = (node: ElementContent, inside: boolean): void => {
    if (node.type === "text") {
      if (inside) out.push(node.value);
      return;
    }
    if (node.type !== "element") return;
    const region =
      inside ||
      node.properties["dataMentorDirectory"] !== undefined ||
      node.properties["dataTeamDirectory"] !== undefined ||
      classes(node).some((name) => name === "toc" || name === "embed" || name === "embed-youtube");
    if (region) {
      // The table of contents lists the page's own headings: only its title is the plugin's.
      if (classes(node).includes("toc")) {
        const title = node.children.find(
          (child) => child.type === "element" && child.properties["id"] === node.properties["ariaLabelledBy"],
        );
        if (title !== undefined) out.push(toText(title));
        return;
      }
      // A video's link and an embed's title name what the page calls it: only the words before it are the plugin's.
      if (classes(node).includes("embed-facade")) {
        out.push(toText(node).split(":")[0]!);
        return;
      }
      if (node.tagName === "code" || node.tagName === "dd" || node.tagName === "script") return;
      if (classes(node).some((name) => DATA_CLASSES.has(name))) return;
      // A topic's chip and index line name the topic as the team files write it.
      if (typeof node.properties["dataTopic"] === "string") return;
      if (typeof node.properties["id"] === "string" && topicSections.has(node.properties["id"])) return;
      for (const name of ["ariaLabel", "dataCaptionLabel", "title", "dataNounOne", "dataNounOther"]) {
        const value = node.properties[name];
        // An iframe's title names the heading before it: the page's prose.
        if (typeof value === "string") out.push(name === "title" ? value.split(":")[0]! : value);
      }
    }
    node.children.forEach((child) => walk(child, region));
  };
  tree.children.forEach((child) => walk(child as ElementContent, false));
  return out;
}

/** The plugin's English words among `texts`. */
function englishIn(texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap(words).filter((word) => ENGLISH_ONLY.has(word)))].sort();
}

describe("the site in a second language", function () {
  this.timeout(120_000);
  const outputs: Record<"de" | "en", string> = { de: "", en: "" };
  let server: SiteServer | undefined;
  let browser: Browser | undefined;

  before(async () => {
    outputs.de = mkdtempSync(path.join(tmpdir(), "mentor-de-"));
    outputs.en = mkdtempSync(path.join(tmpdir(), "mentor-en-"));
    await buildSample(outputs.de, GERMAN);
    await buildSample(outputs.en, {});
    server = await serve(outputs.de);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    for (const dir of Object.values(outputs)) if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  const page = (language: "de" | "en", name: "team" | "mentoring"): string =>
    readFileSync(path.join(outputs[language], fileOf(PAGES[name])), "utf8");

  it("gives every label in German (the fixture is complete)", () => {
    assert.deepEqual(Object.keys(GERMAN).sort(), Object.keys(DEFAULT_LABELS).sort());
  });

  for (const name of ["team", "mentoring"] as const) {
    it(`leaves no English word of the plugin on the ${name} page`, () => {
      const german = pluginText(page("de", name));
      assert.ok(german.join(" ").length > 200, "the page's plugin text was found");
      assert.deepEqual(englishIn(german), []);
      // The same reading of the English page finds the plugin's words: the check sees them.
      assert.ok(englishIn(pluginText(page("en", name))).length > 10);
    });
  }

  it("writes the German words where the English ones were, and carries the scripts' words", () => {
    const team = page("de", "team");
    assert.match(team, /Teammitglieder, nach Namen geordnet\./);
    assert.match(team, /<span class="detail-label">Fähigkeiten:<\/span>/);
    assert.match(team, /Steht als Mentorin oder Mentor zur Verfügung/);
    const mentoring = page("de", "mentoring");
    assert.match(
      mentoring,
      // Quotation marks beyond U+00FF are written as references, which a browser reads as „ and “.
      new RegExp(
        "10 Teammitglieder passen zu &#x201E;mentor&#x201C;: 9 mit <code>mentor: true</code> im Eintrag, " +
          "dazu 1 mit Fachwissen zu &#x201E;mentor&#x201C;\\.",
      ),
    );
    assert.match(mentoring, /aria-labelledby="auf-dieser-seite"/);
    assert.match(mentoring, /data-noun-one="Mentorin oder Mentor" data-noun-other="Mentorinnen und Mentoren"/);
    const block = /<script type="application\/json" data-mentor-labels>(.*?)<\/script>/s.exec(mentoring)?.[1];
    assert.ok(block !== undefined, "the directory carries its scripts' words");
    assert.deepEqual(Object.keys(JSON.parse(block) as object), [...SCRIPT_LABEL_KEYS]);
    assert.doesNotMatch(page("en", "mentoring"), /data-mentor-labels/, "an English page carries none");
  });

  it("says the scripts' messages in German in Chromium", async () => {
    const { context, page: tab, watch } = await openSession(browser!, server!.origin);
    try {
      const said: string[] = [];
      await tab.goto(`${server!.origin}${PAGES.mentoring}`);
      const skill = (await tab.locator(".mentor-card .skills li").first().textContent())!.trim();
      const search = tab.getByLabel("Mentorinnen und Mentoren nach Fähigkeit, Name, Rolle oder Abteilung durchsuchen");
      await search.fill(skill);
      await tab.waitForFunction(() => (document.querySelector(".directory-status")?.textContent ?? "").includes("„"));
      said.push(await tab.locator(".directory-status").innerText(), await tab.locator(".directory-caption").innerText());
      said.push(await tab.locator(".mentor-card:not([hidden]) .member-match").first().innerText());
      assert.match(said[0]!, /^\d+ von \d+ Mentorinnen und Mentoren für „/);
      assert.match(said[2]!, /^Passt zu „/);
      await tab.locator(".topic-chip").first().click();
      said.push(await tab.locator(".directory-status").innerText());
      await tab.locator(".directory-countries .country-chip").first().click();
      said.push(await tab.locator(".directory-status").innerText());
      await tab.locator(".directory-countries .country-chip").first().click();
      await search.fill("xyzzy");
      await tab.waitForFunction(() => (document.querySelector(".directory-status")?.textContent ?? "").includes("xyzzy"));
      said.push(await tab.locator(".directory-status").innerText(), await tab.locator(".directory-empty-message").innerText());
      assert.match(said.at(-1)!, /^Keine Mentorinnen und Mentoren passen zu „xyzzy“ in dem Thema /);

      await tab.goto(`${server!.origin}${PAGES.team}`);
      await tab.getByLabel("Team nach Name, Rolle, Fähigkeit oder Abteilung durchsuchen").fill("xyzzy");
      await tab.waitForFunction(() => (document.querySelector(".team-status")?.textContent ?? "").includes("xyzzy"));
      said.push(await tab.locator(".team-status").innerText());
      await tab.getByLabel("Team nach Name, Rolle, Fähigkeit oder Abteilung durchsuchen").fill("");
      await tab.getByLabel("Nur Mentorinnen und Mentoren").check();
      said.push(await tab.locator(".team-status").innerText());
      assert.match(said.at(-1)!, /^\d+ (Mentorin oder Mentor|Mentorinnen und Mentoren) von \d+ Teammitglieder$/);

      for (const url of [PAGES.mentoring, GOALS]) {
        await tab.goto(`${server!.origin}${url}`);
        const tools = tab.locator(".fillable-tools").first();
        said.push(await tools.innerText());
        // The mentoring page's matrix names its cells by its own (English) headers; the goals page's are German.
        if (url === GOALS) {
          said.push(
            ...(await tab.$$eval("table[data-fillable] textarea", (areas) => areas.map((a) => a.getAttribute("aria-label") ?? ""))),
          );
        }
        await tools.getByRole("button", { name: "Entwurf löschen" }).click();
        assert.equal(await tools.locator(".fillable-status").innerText(), "Entwurf gelöscht.");
      }

      assert.deepEqual(englishIn(said), [], said.join("\n"));
      assert.deepEqual(watch.errors, []);
    } finally {
      await context.close();
    }
  });
});
