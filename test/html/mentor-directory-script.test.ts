import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { toHtml } from "hast-util-to-html";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildDirectory, type Member } from "../../plugin/team/directory.js";
import { parseExpertise } from "../../plugin/team/expertise.js";
import { groupByExpertise } from "../../shortcodes/group-by-expertise.js";
// @ts-expect-error: a browser script without type declarations; its helpers are plain functions.
import { hrefWithTopic, statusMessage, topicFromSearch } from "../../plugin/assets/mentor-directory.js";

/** What the tests read of DOM nodes; the test runs in Node, without the DOM types. */
interface Hideable {
  hidden: boolean;
}
interface WithDocument {
  document: { activeElement: { tagName: string; className: string } | null };
}

const asset = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../plugin/assets/${name}`, import.meta.url)), "utf8");

describe("mentor-directory.js helpers", () => {
  it("statusMessage", () => {
    assert.equal(statusMessage({ shown: 3, total: 12, label: "Ruby", one: "mentor", other: "mentors" }), "Showing 3 of 12 mentors for Ruby");
    assert.equal(statusMessage({ shown: 12, total: 12, one: "mentor", other: "mentors" }), "Showing all 12 mentors");
    assert.equal(statusMessage({ shown: 1, total: 1, one: "mentor", other: "mentors" }), "Showing all 1 mentor");
  });

  it("topicFromSearch accepts only topics the directory has", () => {
    assert.equal(topicFromSearch("?topic=topic-ruby", ["topic-ruby"]), "topic-ruby");
    assert.equal(topicFromSearch("?topic=topic-nope", ["topic-ruby"]), "");
    assert.equal(topicFromSearch("", ["topic-ruby"]), "");
  });

  it("hrefWithTopic sets and removes the parameter, keeping the rest", () => {
    assert.equal(hrefWithTopic("https://x.example/p/?a=1#h", "topic-go"), "https://x.example/p/?a=1&topic=topic-go#h");
    assert.equal(hrefWithTopic("https://x.example/p/?topic=topic-go&a=1", ""), "https://x.example/p/?a=1");
  });
});

function member(slug: string, name: string, mentor: boolean, expertise: unknown): Member {
  return {
    slug,
    type: "person",
    file: `${slug}.yml`,
    name,
    role: '<a href="/job-families/engineering/backend-engineer/">Senior Backend Engineer</a>',
    mentor,
    departments: [],
    expertise: parseExpertise(expertise),
    data: { mentor },
  };
}

const directory = buildDirectory([
  member("ada", "Ada Lovelace", true, "<li>Ruby</li><li>Go</li>"),
  member("bob", "Bob Builder", true, "<li>Ruby</li>"),
  member("cy", "Cy Young", true, null),
  member("dee", "Dee Dee", false, "Mentor - Remote Work\nRuby"),
]);

const markup = toHtml(
  groupByExpertise.render(
    { positional: ["mentor"], named: {} },
    { directory, teamPageUrl: "/company/team/", upstreamUrl: "https://handbook.gitlab.com" },
  ),
);

const document = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Mentoring at GitLab</title>
<link rel="stylesheet" href="/assets/mentor-directory.css">
<script type="module" src="/assets/mentor-directory.js"></script>
</head>
<body>
<main>
<h1>Mentoring at GitLab</h1>
<h2>Find a mentor</h2>
${markup}
</main>
</body>
</html>
`;

describe("mentor-directory.js in a browser", function () {
  this.timeout(60_000);
  let server: Server;
  let browser: Browser;
  let page: Page;
  let origin: string;

  before(async () => {
    server = createServer((request, response) => {
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      if (path === "/assets/mentor-directory.js") {
        response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(asset("mentor-directory.js"));
      } else if (path === "/assets/mentor-directory.css") {
        response.writeHead(200, { "content-type": "text/css; charset=utf-8" }).end(asset("mentor-directory.css"));
      } else if (path === "/mentor/") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(document);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  beforeEach(async () => {
    page = await browser.newPage();
  });

  afterEach(async () => {
    await page.close();
  });

  const visibleRows = (): Promise<string[]> =>
    page.$$eval("tbody tr", (rows) =>
      rows.filter((row) => !(row as unknown as Hideable).hidden).map((row) => row.id),
    );
  const status = (): Promise<string> => page.$eval(".directory-status", (node) => node.textContent ?? "");

  it("replaces the placeholder with a labelled select of topics", async () => {
    await page.goto(`${origin}/mentor/`);
    const select = page.getByLabel("Show mentors for topic");
    await select.waitFor();
    assert.equal(await page.$eval(".directory-filter", (node) => (node as unknown as Hideable).hidden), false);
    assert.deepEqual(
      await page.$$eval("select option", (options) => options.map((o) => [(o as unknown as { value: string }).value, o.textContent])),
      [
        ["", "All topics (4)"],
        ["topic-ruby", "Ruby (3)"],
        ["topic-go", "Go (1)"],
        ["topic-mentor-remote-work", "Mentor - Remote Work (1)"],
      ],
    );
    assert.equal(await status(), "");
    assert.equal((await visibleRows()).length, 4);
  });

  it("filters with the keyboard alone, announces the result and keeps it in the address", async () => {
    await page.goto(`${origin}/mentor/`);
    await page.getByLabel("Show mentors for topic").waitFor();
    // Tab from the top of the page: the topic index links come first, then the select.
    let focused = "";
    for (let step = 0; step < 20 && focused !== "SELECT"; step++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => (globalThis as unknown as WithDocument).document.activeElement?.tagName ?? "");
    }
    assert.equal(focused, "SELECT");
    await page.keyboard.press("ArrowDown");
    assert.deepEqual(await visibleRows(), ["mentor-ada", "mentor-bob", "mentor-dee"]);
    assert.equal(await status(), "Showing 3 of 4 mentors for Ruby");
    assert.equal(new URL(page.url()).searchParams.get("topic"), "topic-ruby");
    assert.equal(await page.$eval("#topic-go", (node) => (node as unknown as Hideable).hidden), true);
    assert.equal(await page.$eval("#mentors-without-expertise", (node) => (node as unknown as Hideable).hidden), true);

    await page.keyboard.press("ArrowUp");
    assert.equal((await visibleRows()).length, 4);
    assert.equal(await status(), "Showing all 4 mentors");
    assert.equal(new URL(page.url()).searchParams.has("topic"), false);

    // The table region is in the tab order, so a wide table can be scrolled from the keyboard.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => (globalThis as unknown as WithDocument).document.activeElement?.className), "table-scroll");
  });

  it("restores the topic from the address", async () => {
    await page.goto(`${origin}/mentor/?topic=topic-go`);
    await page.getByLabel("Show mentors for topic").waitFor();
    assert.equal(await page.$eval("select", (node) => (node as unknown as { value: string }).value), "topic-go");
    assert.deepEqual(await visibleRows(), ["mentor-ada"]);
    assert.equal(await status(), "Showing 1 of 4 mentors for Go");
  });

  it("ignores an unknown topic in the address", async () => {
    await page.goto(`${origin}/mentor/?topic=topic-unknown`);
    await page.getByLabel("Show mentors for topic").waitFor();
    assert.equal((await visibleRows()).length, 4);
    assert.equal(await status(), "");
  });

  it("follows the topic index: the section it jumps to is shown", async () => {
    await page.goto(`${origin}/mentor/?topic=topic-ruby`);
    await page.getByLabel("Show mentors for topic").waitFor();
    await page.click('nav a[href="#topic-go"]');
    assert.equal(await page.$eval("#topic-go", (node) => (node as unknown as Hideable).hidden), false);
    assert.deepEqual(await visibleRows(), ["mentor-ada"]);
    assert.equal(new URL(page.url()).searchParams.get("topic"), "topic-go");
    await page.click('nav a[href="#mentors-without-expertise"]');
    assert.equal((await visibleRows()).length, 4);
  });

  it("has no WCAG 2.2 A/AA violations found by axe, before and after filtering", async () => {
    await page.goto(`${origin}/mentor/`);
    await page.getByLabel("Show mentors for topic").waitFor();
    await page.addScriptTag({ path: fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url)) });
    const audit = (): Promise<string[]> =>
      page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ passes: unknown[]; violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
        const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        return [
          `${result.passes.length > 10 ? "rules ran" : "too few rules ran"}`,
          ...result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`),
        ];
      });
    assert.deepEqual(await audit(), ["rules ran"]);
    await page.selectOption("select", "topic-go");
    assert.deepEqual(await audit(), ["rules ran"]);
  });

  it("leaves a page without the directory alone", async () => {
    await page.setContent('<!DOCTYPE html><html lang="en"><title>x</title><p>No directory</p></html>');
    await page.addScriptTag({ content: asset("mentor-directory.js"), type: "module" });
    assert.equal(await page.$$eval("select", (nodes) => nodes.length), 0);
  });
});
