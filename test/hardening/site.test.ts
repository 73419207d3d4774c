// Hostile team files through a full Eleventy build and a real browser: nothing from the data
// executes, every valid mentor is still listed, and nothing pollutes Object.prototype.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { launchBrowser, serve } from "../browser/harness.js";
import { mentorDirectory } from "../../plugin/index.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bad = path.join(root, "test/fixtures/bad");
const MENTORING = "handbook/people-group/learning-and-development/mentor/index.html";

describe("hostile team files in a full build", function () {
  this.timeout(120_000);
  let work: string;
  let out: string;

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), "mentor-hostile-"));
    const team = path.join(work, "team_members");
    cpSync(path.join(root, "data/team_members"), team, { recursive: true });
    // Every committed case at once: their slugs are unique by design.
    for (const name of readdirSync(bad)) {
      const from = path.join(bad, name, "team_members");
      try {
        cpSync(from, team, { recursive: true });
      } catch {
        // Not a case folder (README, generator).
      }
    }
    out = path.join(work, "_site");
    const emptyConfig = path.join(work, "eleventy.config.mjs");
    writeFileSync(emptyConfig, "export default function () {}\n");
    const cwd = process.cwd();
    process.chdir(root);
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = () => true;
    try {
      const eleventy = new Eleventy("site", out, {
        quietMode: true,
        // A config of our own instead of the repository's, which points at the sample team.
        configPath: emptyConfig,
        config(config: { addPlugin(p: unknown, o: unknown): void; addPassthroughCopy(m: unknown): void }) {
          config.addPlugin(mentorDirectory, { dataDir: team, failOnError: false });
          config.addPassthroughCopy({ "site/assets": "assets" });
        },
      });
      await eleventy.write();
    } finally {
      process.stderr.write = write;
      process.chdir(cwd);
    }
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it("writes no executable markup from the data", () => {
    for (const file of [MENTORING, "company/team/index.html"]) {
      const tree = fromHtml(readFileSync(path.join(out, file), "utf8"));
      visit(tree, "element", (node: Element) => {
        if (node.tagName === "script") assert.match(node.properties.src ?? "", /^\/assets\//, `${file}: only our own scripts`);
        assert.ok(
          !["iframe", "object", "embed", "svg", "img", "style", "form"].includes(node.tagName) ||
            (node.tagName === "iframe" && /docs\.google\.com|youtube-nocookie/.test(String(node.properties.src))),
          `${file}: <${node.tagName}>`,
        );
        for (const [key, value] of Object.entries(node.properties)) {
          assert.ok(!/^on/i.test(key), `${file}: ${key} on <${node.tagName}>`);
          assert.notEqual(key, "style", `${file}: style on <${node.tagName}>`);
          if (key === "href" || key === "src")
            assert.match(String(value), /^(https?:|mailto:|\/|#|\.)/, `${file}: ${key}=${String(value)}`);
        }
      });
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("still lists every valid mentor of the sample team", () => {
    const html = readFileSync(path.join(out, MENTORING), "utf8");
    for (const slug of ["tbergstrom", "znunez", "nokonkwo", "bmwangi", "wthompson", "jdoe.gitlab", "aoconnor", "elindqvist", "jfrancois"]) {
      assert.ok(html.includes(`/company/team/#${encodeURIComponent(slug)}"`), slug);
    }
  });

  it("runs no script from the data in a real browser", async () => {
    const server = await serve(out);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on("dialog", async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      await page.route(
        (url) => !url.href.startsWith(server.origin),
        (route) => route.abort(),
      );
      for (const file of [MENTORING, "company/team/index.html"]) {
        await page.goto(`${server.origin}/${file.replace(/index\.html$/, "")}`);
        await page.waitForLoadState("load");
      }
      assert.deepEqual(dialogs, []);
      assert.equal(await page.evaluate(() => (globalThis as Record<string, unknown>).pwned), undefined);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
