/// <reference lib="dom" />
// The built pages in a real browser, used the way readers use them: keyboard only, without
// JavaScript, on a phone-sized and a desktop-sized screen, on paper, through axe-core.
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { artifactsDir, audit, openSession, PAGES, problems, useSite, type PageName } from "./harness.js";

const SEARCH_LABEL = "Search mentors by skill, name, role or department";

/** Cards of the directory the reader can see, by id. */
const visibleCards = (page: Page): Promise<string[]> =>
  page.$$eval(".mentor-directory .mentor-card", (cards) =>
    cards.filter((card) => (card as HTMLElement).offsetParent !== null).map((card) => card.id),
  );

const statusText = (page: Page): Promise<string> => page.$eval(".mentor-directory .directory-status", (node) => node.textContent);

/** Press Tab until the element matching `selector` has focus; how many presses it took. */
async function tabTo(page: Page, selector: string, limit = 60): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return presses;
  }
  throw new Error(`${selector} not reached with ${limit} presses of Tab`);
}

describe("the built site in a browser", function () {
  this.timeout(30_000);
  const site = useSite();

  describe("loading", () => {
    for (const name of ["mentoring", "team", "home"] as PageName[]) {
      it(`${name}: no console error, no failed request to this site, no request elsewhere`, async () => {
        const { context, page, watch } = await openSession(site.browser, site.origin);
        try {
          const response = await page.goto(site.origin + PAGES[name]);
          assert.equal(response?.status(), 200);
          await page.waitForLoadState("networkidle");
          assert.deepEqual(problems(watch), []);
          // Lazily loaded embeds written as plain <iframe> in the page fetch their document as
          // soon as the browser finds them close enough to the viewport; nothing else may.
          const lazyFrames = await page.$$eval("iframe[loading=lazy]", (frames) => frames.map((f) => (f as HTMLIFrameElement).src));
          assert.deepEqual(
            watch.thirdParty.filter((url) => !lazyFrames.includes(url)),
            [],
          );
          assert.deepEqual(
            watch.thirdParty.filter((url) => /youtube|ytimg|googlevideo/.test(new URL(url).hostname)),
            [],
          );
        } finally {
          await context.close();
        }
      });
    }
  });

  describe("accessibility (axe-core, WCAG 2.2 AA)", () => {
    it("mentoring page: no violation by default, with a query, with a topic chosen, at 1280 and 375 px", async () => {
      const { context, page, watch } = await openSession(site.browser, site.origin);
      try {
        await page.goto(site.origin + PAGES.mentoring);
        await page.getByLabel(SEARCH_LABEL).waitFor();
        for (const width of [1280, 375]) {
          await page.setViewportSize({ width, height: 800 });
          const before = await audit(page);
          assert.ok(before.passed > 15, `only ${before.passed} rules passed: did axe run?`);
          assert.deepEqual(before.violations, [], `${width} px, no query`);

          await page.getByLabel(SEARCH_LABEL).fill("engineering");
          await page.waitForFunction(() =>
            /^Showing \d+ of \d+ mentors for “engineering”$/.test(
              document.querySelector(".mentor-directory .directory-status")?.textContent ?? "",
            ),
          );
          assert.deepEqual((await audit(page)).violations, [], `${width} px, with a query`);

          await page.locator(".mentor-directory .topic-chip").first().click();
          assert.deepEqual((await audit(page)).violations, [], `${width} px, with a query and a topic`);

          await page.getByLabel(SEARCH_LABEL).fill("xyzzy");
          await page.locator(".mentor-directory .directory-empty").waitFor();
          assert.deepEqual((await audit(page)).violations, [], `${width} px, nothing found`);
          await page.getByRole("button", { name: "Clear the search" }).click();
        }
        assert.deepEqual(problems(watch), []);
      } finally {
        await context.close();
      }
    });

    it("team page: no violation", async () => {
      const { context, page, watch } = await openSession(site.browser, site.origin);
      try {
        await page.goto(site.origin + PAGES.team);
        const result = await audit(page);
        assert.ok(result.passed > 10, `only ${result.passed} rules passed: did axe run?`);
        assert.deepEqual(result.violations, []);
        assert.deepEqual(problems(watch), []);
      } finally {
        await context.close();
      }
    });

    it("every element reached with Tab shows a visible focus indicator", async () => {
      const { context, page } = await openSession(site.browser, site.origin);
      try {
        await page.goto(site.origin + PAGES.mentoring);
        await page.getByLabel(SEARCH_LABEL).waitFor();
        type FocusRecord = { key: string; visible: boolean; frame: boolean };
        // The page records each focus as it happens, so the test only has to press Tab.
        const stops = await page.evaluate(() => {
          const records: FocusRecord[] = [];
          (globalThis as { focusRecords?: FocusRecord[] }).focusRecords = records;
          document.addEventListener("focusin", (event) => {
            const element = event.target as Element;
            const style = getComputedStyle(element);
            // The ring is drawn outside the element, on the white page: it needs 3:1 against white.
            const [r, g, b] = (style.outlineColor.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
              const s = c / 255;
              return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
            });
            const contrast = 1.05 / (0.2126 * (r ?? 1) + 0.7152 * (g ?? 1) + 0.0722 * (b ?? 1) + 0.05);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && contrast >= 3;
            const frame = element.tagName === "IFRAME";
            const key =
              `${element.tagName.toLowerCase()}.${element.className} ${element.getAttribute("href") ?? ""} ` +
              `"${element.textContent.trim().slice(0, 30)}"`;
            // A focused frame draws its own indicator inside; the host page cannot style it.
            records.push({ key, visible: outline || style.boxShadow !== "none" || frame, frame });
          });
          return document.querySelectorAll("a[href], button, input, select, textarea, iframe, [tabindex]:not([tabindex='-1'])").length;
        });
        const lastLink = await page.$$eval("main a[href]", (links) => links.at(-1)?.getAttribute("href") ?? "");
        const read = (): Promise<FocusRecord[]> => page.evaluate(() => (globalThis as { focusRecords?: FocusRecord[] }).focusRecords ?? []);
        let records: FocusRecord[] = [];
        // Tab also walks through the content of frames, so there may be more presses than stops.
        for (let press = 0; press < stops + 20; press += 20) {
          for (let n = 0; n < 20; n++) await page.keyboard.press("Tab");
          records = await read();
          if (records.some((record) => record.key.includes(` ${lastLink} `))) break;
        }
        const invisible = [...new Set(records.filter((record) => !record.visible).map((record) => record.key))];
        assert.ok(records.length > 100, `only ${records.length} elements reached`);
        assert.ok(
          records.some((record) => record.key.includes(` ${lastLink} `)),
          `Tab never reached the last link of the page (${lastLink})`,
        );
        assert.deepEqual(invisible, []);
      } finally {
        await context.close();
      }
    });
  });

  describe("finding a mentor", () => {
    it("with the keyboard alone: search, combine with a topic, announce, keep in the address across a reload", async () => {
      const { context, page, watch } = await openSession(site.browser, site.origin);
      try {
        // Start where a reader following "Find a mentor" lands, then only keys.
        await page.goto(`${site.origin}${PAGES.mentoring}#find-a-mentor`);
        await page.getByLabel(SEARCH_LABEL).waitFor();
        const total = (await visibleCards(page)).length;
        assert.ok(total >= 5);
        const status = page.locator(".mentor-directory .directory-status");
        assert.equal(await status.getAttribute("role"), "status");
        assert.equal(await statusText(page), "");

        await tabTo(page, ".directory-search input");
        const ring = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
        assert.notEqual(ring, "none", "the focused field shows where focus is");
        await page.keyboard.type("engineering");
        await page.waitForFunction(() => (document.querySelector(".mentor-directory .directory-status")?.textContent ?? "") !== "");
        const found = await visibleCards(page);
        assert.ok(found.length >= 1 && found.length < total, `${found.length} of ${total} cards shown`);
        assert.equal(await statusText(page), `Showing ${found.length} of ${total} mentors for “engineering”`);
        assert.equal(
          await page.$eval(".mentor-directory .directory-caption", (node) => node.textContent),
          `Mentors: ${found.length} of ${total} team members`,
        );
        assert.equal(new URL(page.url()).searchParams.get("q"), "engineering");

        // On to the chips: each is a toggle button, pressed with the keyboard.
        await tabTo(page, ".mentor-directory .topic-chip");
        const topic = await page.evaluate(() => {
          const chip = document.activeElement as HTMLElement;
          return { label: chip.textContent.replace(/ \(\d+\)$/, ""), pressed: chip.getAttribute("aria-pressed") };
        });
        assert.equal(topic.pressed, "false");
        await page.keyboard.press("Enter");
        assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-pressed")), "true");
        const both = await visibleCards(page);
        assert.ok(
          both.every((id) => found.includes(id)),
          "a topic narrows the search result, never widens it",
        );
        assert.match(
          await statusText(page),
          new RegExp(
            `^(Showing ${both.length} of ${total} mentors|No mentors) ` +
              `for “engineering” in ${topic.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
          ),
        );
        const topicId = new URL(page.url()).searchParams.get("topic");
        assert.ok(topicId?.startsWith("topic-"), `topic in the address: ${topicId}`);

        await page.reload();
        await page.getByLabel(SEARCH_LABEL).waitFor();
        assert.equal(await page.getByLabel(SEARCH_LABEL).inputValue(), "engineering");
        assert.deepEqual(await visibleCards(page), both);
        assert.equal(await page.locator(".mentor-directory .topic-chip[aria-pressed=true]").count(), 1);
        assert.match(await statusText(page), / for “engineering” in /);

        // Space on the pressed chip lets the topic go; the query stays.
        await page.locator(".mentor-directory .topic-chip[aria-pressed=true]").focus();
        await page.keyboard.press("Space");
        assert.deepEqual(await visibleCards(page), found);
        assert.equal(new URL(page.url()).searchParams.has("topic"), false);
        assert.deepEqual(problems(watch), []);
      } finally {
        await context.close();
      }
    });

    it("without JavaScript, every topic link leads to a compact line naming that topic's mentors", async () => {
      const { context, page, watch } = await openSession(site.browser, site.origin, { javaScriptEnabled: false });
      try {
        await page.goto(site.origin + PAGES.mentoring);
        assert.equal(await page.locator(".directory-search").isVisible(), false, "no control that cannot work");
        const cards = await page.$$eval(".mentor-directory .mentor-card", (list) =>
          list.map((card) => ({
            id: card.id,
            topics: ((card as HTMLElement).dataset.topics ?? "").split(" ").filter(Boolean),
          })),
        );
        const links = await page.$$eval(".mentor-directory .directory-topics a", (as) =>
          as.map((a) => ({ href: a.getAttribute("href") ?? "", topic: (a as HTMLElement).dataset.topic ?? "" })),
        );
        assert.ok(links.length >= 5);
        const reached = new Set<string>();
        for (const link of links) {
          await page.click(`.mentor-directory .directory-topics a[href="${link.href}"]`);
          assert.equal(new URL(page.url()).hash, link.href);
          const line = page.locator(link.href);
          assert.ok(await line.isVisible(), `${link.href} is shown`);
          const top = await line.evaluate((node) => node.getBoundingClientRect().top);
          assert.ok(top >= -1 && top < 100, `${link.href} scrolled into view (top ${top})`);
          const listed = await line.locator("dd a[href^='#']").evaluateAll((as) => as.map((a) => a.getAttribute("href")?.slice(1) ?? ""));
          const expected = cards
            .filter((card) => (link.topic === "" ? card.topics.length === 0 : card.topics.includes(link.topic)))
            .map((card) => card.id);
          assert.deepEqual([...listed].sort(), [...expected].sort(), `mentors listed under ${link.href}`);
          for (const id of listed) reached.add(id);
        }
        assert.deepEqual([...reached].sort(), cards.map((card) => card.id).sort(), "every mentor is under some topic");

        // From the index, the reader goes on to the mentor's card.
        const first = cards[0]?.id ?? "";
        await page.locator(`.directory-topic a[href="#${first}"]`).first().click();
        assert.ok(await page.locator(`#${first}`).isVisible());
        assert.deepEqual(problems(watch), []);
      } finally {
        await context.close();
      }
    });
  });

  describe("layout", () => {
    before(() => mkdirSync(artifactsDir, { recursive: true }));

    for (const name of ["mentoring", "team"] as PageName[]) {
      it(`${name} at 375 px: no sideways page scroll, wide tables scroll in their own box`, async () => {
        const { context, page, watch } = await openSession(site.browser, site.origin, { viewport: { width: 375, height: 812 } });
        try {
          await page.goto(site.origin + PAGES[name]);
          await page.waitForLoadState("load");
          const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
          assert.ok(widths.scroll <= widths.inner, `page is ${widths.scroll} px wide in a ${widths.inner} px window`);

          const tables = await page.$$eval("main table", (list) =>
            list.map((table) => {
              let box: HTMLElement | null = table.parentElement;
              while (box && !["auto", "scroll"].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
              const rect = table.getBoundingClientRect();
              return {
                caption:
                  (table as HTMLTableElement).caption?.textContent ??
                  (table as HTMLTableElement).rows[0]?.textContent.trim().slice(0, 40) ??
                  "",
                overflows: rect.right > innerWidth,
                scroller:
                  box && box !== document.documentElement && box !== document.body
                    ? {
                        right: box.getBoundingClientRect().right,
                        scrolls: box.scrollWidth > box.clientWidth,
                        tabIndex: box.tabIndex,
                        name: box.getAttribute("aria-label") ?? box.getAttribute("aria-labelledby"),
                      }
                    : null,
              };
            }),
          );
          for (const table of tables) {
            if (!table.overflows) continue;
            assert.ok(table.scroller, `table "${table.caption}" is wider than the screen and has no scrolling box`);
            assert.ok(table.scroller.right <= 375, `the box of "${table.caption}" fits the screen`);
            assert.ok(table.scroller.scrolls, `the box of "${table.caption}" scrolls`);
            assert.equal(table.scroller.tabIndex, 0, `the box of "${table.caption}" can be scrolled from the keyboard`);
            assert.ok(table.scroller.name, `the box of "${table.caption}" is named`);
          }
          if (name === "mentoring") {
            // Every card, with its name and skills, lies inside the screen: nothing to scroll to.
            const outside = await page.$$eval(".mentor-directory .mentor-card", (cards) =>
              cards.flatMap((card) =>
                [card, card.querySelector(".member-name"), card.querySelector(".member-skills")]
                  .filter((node): node is Element => node !== null)
                  .filter((node) => {
                    const rect = node.getBoundingClientRect();
                    return rect.left < 0 || rect.right > innerWidth || rect.width === 0;
                  })
                  .map((node) => `${card.id} ${node.className}`),
              ),
            );
            assert.deepEqual(outside, []);
            assert.ok((await page.locator(".mentor-directory .mentor-card").count()) >= 5);
            assert.equal(await page.locator(".mentor-directory table").count(), 0, "no table that hides a column off-screen");
          }
          await page.screenshot({ path: path.join(artifactsDir, `${name}-375.png`), fullPage: true });
          assert.ok(statSync(path.join(artifactsDir, `${name}-375.png`)).size > 10_000);
          assert.deepEqual(problems(watch), []);
        } finally {
          await context.close();
        }
      });

      it(`${name} at 1280 px: lines of text stay readable`, async () => {
        const { context, page, watch } = await openSession(site.browser, site.origin, { viewport: { width: 1280, height: 800 } });
        try {
          await page.goto(site.origin + PAGES[name]);
          await page.waitForLoadState("load");
          const text = await page.evaluate(() => {
            const body = getComputedStyle(document.body);
            const lines: { length: number; where: string }[] = [];
            const blocks = document.querySelectorAll("main :is(p, li, dd, blockquote, h1, h2, h3, h4, caption)");
            const range = document.createRange();
            for (const block of Array.from(blocks)) {
              // Each block's own text only: nested lists are blocks of their own.
              if (block.querySelector("p, ul, ol, table")) continue;
              const half = parseFloat(getComputedStyle(block).lineHeight) / 2 || 10;
              let center = Number.NaN;
              let count = 0;
              const where = block.textContent.trim().slice(0, 50);
              const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
                for (let i = 0; i < node.data.length; i++) {
                  range.setStart(node, i);
                  range.setEnd(node, i + 1);
                  const rect = range.getBoundingClientRect();
                  if (rect.width === 0 && rect.height === 0) continue;
                  const y = rect.top + rect.height / 2;
                  if (Number.isNaN(center) || Math.abs(y - center) > half) {
                    if (count > 0) lines.push({ length: count, where });
                    count = 0;
                    center = y;
                  }
                  count += 1;
                }
              }
              if (count > 0) lines.push({ length: count, where });
            }
            return {
              lines,
              fontSize: parseFloat(body.fontSize),
              lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
              scroll: document.documentElement.scrollWidth,
            };
          });
          assert.ok(text.fontSize >= 16, `body text is ${text.fontSize} px`);
          assert.ok(text.lineHeight >= 1.4, `line height is ${text.lineHeight}`);
          assert.ok(text.scroll <= 1280);
          const longest = text.lines.reduce((a, b) => (b.length > a.length ? b : a), { length: 0, where: "" });
          assert.ok(longest.length <= 90, `a line of ${longest.length} characters in "${longest.where}"`);
          if (name === "mentoring") {
            assert.ok(longest.length >= 60, `the text column is narrow: longest line ${longest.length} characters`);
          }
          // Cards use the width: at least three side by side on a desktop screen.
          const grid = name === "mentoring" ? ".mentor-directory .mentor-cards" : ".team-list";
          const columns = await page.$eval(grid, (node) => getComputedStyle(node).gridTemplateColumns.split(" ").length);
          assert.ok(columns >= 3 && columns <= 5, `${columns} columns at 1280 px`);
          await page.screenshot({ path: path.join(artifactsDir, `${name}-1280.png`), fullPage: true });
          assert.ok(statSync(path.join(artifactsDir, `${name}-1280.png`)).size > 10_000);
          assert.deepEqual(problems(watch), []);
        } finally {
          await context.close();
        }
      });
    }
  });

  describe("print", () => {
    it("prints the directory without the site's navigation, the search or the chips", async () => {
      const { context, page } = await openSession(site.browser, site.origin);
      try {
        await page.goto(site.origin + PAGES.mentoring);
        await page.getByLabel(SEARCH_LABEL).waitFor();
        await page.emulateMedia({ media: "print" });
        for (const chrome of [
          ".skip-link",
          ".site-header",
          "nav[aria-label=Site]",
          ".site-footer",
          "nav.toc",
          ".directory-search",
          ".directory-topics",
          ".embed iframe",
        ]) {
          const shown = await page.locator(chrome).evaluateAll((nodes) => nodes.filter((node) => node.getClientRects().length > 0).length);
          assert.equal(shown, 0, `${chrome} is not printed`);
        }
        assert.equal(
          (await visibleCards(page)).length,
          await page.locator(".mentor-directory .mentor-card").count(),
          "every mentor prints",
        );
        assert.ok(await page.locator("h1").isVisible());
        // A video cannot play on paper: its address is printed for the reader to type.
        const video = page.locator(".embed-facade").first();
        assert.ok(await video.isVisible());
        const printed = await video.evaluate((link) => getComputedStyle(link, "::after").content);
        assert.equal(printed, `" (${await video.getAttribute("href")})"`);
        const ink = await video.evaluate((link) => [getComputedStyle(link).color, getComputedStyle(link).backgroundColor]);
        assert.deepEqual(ink, ["rgb(31, 30, 36)", "rgba(0, 0, 0, 0)"], "dark text on the paper");
        await page.pdf({ path: path.join(artifactsDir, "mentoring-print.pdf"), format: "A4" });
      } finally {
        await context.close();
      }
    });
  });
});
