/// <reference lib="dom" />
// The click-to-load video embeds: nothing from the video host until the reader asks, then the
// player in place of the link, with focus in it.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { audit, openSession, PAGES, problems, useSite } from "./harness.js";

const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com|ytimg\.com|googlevideo\.com|youtu\.be)$/;
const toVideoHost = (url: string): boolean => VIDEO_HOSTS.test(new URL(url).hostname);

interface Facade {
  id: string;
  href: string;
  text: string;
  title: string;
  src: string;
}

const facades = (page: Page): Promise<Facade[]> =>
  page.$$eval(".embed-youtube", (embeds) =>
    embeds.map((embed) => {
      const link = embed.querySelector("a.embed-facade");
      const frame = embed.querySelector("template")?.content.querySelector("iframe");
      return {
        id: link?.getAttribute("data-youtube-id") ?? "",
        href: link?.getAttribute("href") ?? "",
        text: link?.textContent ?? "",
        title: frame?.getAttribute("title") ?? "",
        src: frame?.getAttribute("src") ?? "",
      };
    }),
  );

/** The live player inside the n-th video embed, if any. */
const player = (page: Page, index: number): Promise<{ src: string; title: string; focused: boolean; links: number } | null> =>
  page.$$eval(
    ".embed-youtube",
    (embeds, n) => {
      const embed = embeds[n];
      const frame = embed?.querySelector(":scope > iframe");
      if (!embed || !(frame instanceof HTMLIFrameElement)) return null;
      return {
        src: frame.src,
        title: frame.title,
        focused: document.activeElement === frame,
        links: embed.querySelectorAll("a.embed-facade, template").length,
      };
    },
    index,
  );

describe("video embeds (click to load)", function () {
  this.timeout(30_000);
  const site = useSite();

  it("makes no request to the video host until a click, then shows the player in place, focused", async () => {
    const { context, page, watch } = await openSession(site.browser, site.origin);
    try {
      await page.goto(site.origin + PAGES.mentoring);
      await page.waitForLoadState("networkidle");
      const videos = await facades(page);
      assert.ok(videos.length >= 2, "the page has its two videos");
      for (const video of videos) {
        assert.match(video.id, /^[\w-]{11}$/);
        assert.equal(video.href, `https://www.youtube.com/watch?v=${video.id}`);
        assert.equal(video.text, `Play video: ${video.title}`);
        assert.equal(video.src, `https://www.youtube-nocookie.com/embed/${video.id}`);
      }
      // Scroll the whole page, as a reader would, so that every lazy element has had its chance.
      await page.evaluate(async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
          scrollTo(0, y);
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
        }
        scrollTo(0, 0);
      });
      await page.waitForLoadState("networkidle");
      assert.deepEqual(watch.thirdParty.filter(toVideoHost), [], "no request to the video host before a click");
      assert.equal(await page.locator("main iframe[src*='youtube']").count(), 0);

      const [first] = videos as [Facade];
      await page
        .getByRole("link", { name: `Play video: ${first.title}` })
        .first()
        .click();
      const shown = await player(page, 0);
      assert.ok(shown, "the player replaced the link");
      assert.equal(shown.src, `https://www.youtube-nocookie.com/embed/${first.id}?autoplay=1`);
      assert.equal(shown.title, first.title);
      assert.equal(shown.focused, true, "focus moved to the player");
      assert.equal(shown.links, 0, "the link and its template are gone");
      assert.equal(await player(page, 1), null, "the other video is untouched");
      await page.waitForFunction(() => document.querySelector(".embed-youtube > iframe") !== null);
      await page.waitForLoadState("networkidle");
      // The request to the player was made now, and only now (and blocked, as every other host).
      assert.deepEqual(
        watch.thirdParty.filter(toVideoHost).map((url) => new URL(url).origin + new URL(url).pathname),
        [`https://www.youtube-nocookie.com/embed/${first.id}`],
      );
      assert.deepEqual(problems(watch), []);
    } finally {
      await context.close();
    }
  });

  it("plays from the keyboard: Enter on the link loads the player and puts focus in it", async () => {
    const { context, page, watch } = await openSession(site.browser, site.origin);
    try {
      await page.goto(site.origin + PAGES.mentoring);
      const videos = await facades(page);
      const last = videos.length - 1;
      const link = page.locator(".embed-youtube a.embed-facade").nth(last);
      await link.focus();
      const ring = await link.evaluate((node) => getComputedStyle(node).outlineStyle);
      assert.notEqual(ring, "none");
      await page.keyboard.press("Enter");
      const shown = await player(page, last);
      assert.ok(shown);
      assert.equal(shown.src, `https://www.youtube-nocookie.com/embed/${videos[last]?.id}?autoplay=1`);
      assert.equal(shown.focused, true);
      assert.equal(new URL(page.url()).pathname, PAGES.mentoring, "the page did not navigate");
      assert.deepEqual((await audit(page)).violations, [], "the page with a live player passes axe");
      assert.deepEqual(problems(watch), []);
    } finally {
      await context.close();
    }
  });

  it("leaves a click with a modifier to the browser (open in a new tab)", async () => {
    const { context, page } = await openSession(site.browser, site.origin);
    try {
      await page.goto(site.origin + PAGES.mentoring);
      await page.locator(".embed-youtube a.embed-facade").first().waitFor();
      const outcome = await page.evaluate(() => {
        const link = document.querySelector(".embed-youtube a.embed-facade") as HTMLAnchorElement;
        let prevented: boolean | undefined;
        // Runs after the page's own listeners and stops the browser from opening anything.
        window.addEventListener(
          "click",
          (event) => {
            prevented = event.defaultPrevented;
            event.preventDefault();
          },
          { once: true },
        );
        link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true, button: 0 }));
        return { prevented, stillLink: link.isConnected };
      });
      assert.deepEqual(outcome, { prevented: false, stillLink: true });
    } finally {
      await context.close();
    }
  });

  it("without JavaScript the link opens the video on YouTube", async () => {
    const { context, page, watch } = await openSession(site.browser, site.origin, { javaScriptEnabled: false });
    try {
      await page.goto(site.origin + PAGES.mentoring);
      const [first] = await facades(page);
      assert.ok(first);
      const link = page.locator(".embed-youtube a.embed-facade").first();
      assert.ok(await link.isVisible());
      const box = await link.boundingBox();
      assert.ok(box && box.width >= 200 && box.height >= 100, "a large target, the size of the player");
      const navigation = page.waitForRequest((request) => request.isNavigationRequest() && toVideoHost(request.url()));
      await link.click();
      assert.equal((await navigation).url(), `https://www.youtube.com/watch?v=${first.id}`);
      assert.equal(watch.thirdParty.filter(toVideoHost).length, 1);
    } finally {
      await context.close();
    }
  });
});
