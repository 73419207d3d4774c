/// <reference lib="dom" />
// The goal matrix a mentee fills in: text areas with JavaScript, a draft kept in this browser
// only, a Markdown table to copy; the table unchanged without JavaScript.
import assert from "node:assert/strict";
import { audit, openSession, PAGES, problems, useSite } from "./harness.js";

const MATRIX = "table[data-fillable]";

describe("the fillable goal matrix", function () {
  this.timeout(60_000);
  const site = useSite();

  it("turns the empty cells into labelled text areas, usable by keyboard, with no axe violation", async () => {
    const { context, page, watch } = await openSession(site.browser, site.origin, {
      permissions: ["clipboard-read", "clipboard-write"],
    });
    try {
      await page.goto(`${site.origin}${PAGES.mentoring}`);
      const labels = await page.$$eval(`${MATRIX} textarea`, (areas) => areas.map((a) => a.getAttribute("aria-label")));
      assert.deepEqual(labels, ["Time-bound", "Certain", "Specific", "Positive", "Measurable", "Personal"]);
      await page.focus(`${MATRIX} textarea`);
      await page.keyboard.type("By June");
      await page.keyboard.press("Tab");
      await page.keyboard.type("Yes | mostly");
      const { violations } = await audit(page);
      assert.deepEqual(violations, []);

      // Keyboard to the copy button: Tab past the remaining four text areas.
      for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Copy as Markdown table");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.querySelector(".fillable-status")?.textContent !== "");
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(
        copied,
        "| Time-bound | Certain | Specific | Positive | Measurable | Personal |\n" +
          "| --- | --- | --- | --- | --- | --- |\n" +
          "| By June | Yes \\| mostly |  |  |  |  |\n",
      );
      assert.deepEqual(problems(watch), []);
      assert.deepEqual(
        watch.thirdParty.filter((u) => !/docs\.google\.com/.test(u)),
        [],
        "nothing is sent anywhere",
      );
    } finally {
      await context.close();
    }
  });

  it("keeps the draft across a reload, and clears it on request", async () => {
    const { context, page } = await openSession(site.browser, site.origin);
    try {
      await page.goto(`${site.origin}${PAGES.mentoring}`);
      await page.fill(`${MATRIX} textarea >> nth=2`, "Lead one release");
      await page.reload();
      assert.equal(await page.inputValue(`${MATRIX} textarea >> nth=2`), "Lead one release");
      await page.click("text=Clear draft");
      await page.reload();
      assert.equal(await page.inputValue(`${MATRIX} textarea >> nth=2`), "");
    } finally {
      await context.close();
    }
  });

  it("leaves the table as written without JavaScript", async () => {
    const { context, page } = await openSession(site.browser, site.origin, { javaScriptEnabled: false });
    try {
      await page.goto(`${site.origin}${PAGES.mentoring}`);
      assert.equal(await page.$$eval(`${MATRIX} textarea`, (a) => a.length), 0);
      assert.equal(await page.$$eval(`${MATRIX} tbody td`, (cells) => cells.filter((c) => c.textContent === "").length), 6);
      assert.equal(await page.$$eval(".fillable-tools", (t) => t.length), 0);
    } finally {
      await context.close();
    }
  });
});
