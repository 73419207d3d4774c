/// <reference lib="dom" />
// A site shaped like Eleventy's official starter blog (test/fixtures/starter): its layout has its
// own <head> and not one tag of the plugin, and is never edited. With the plugin added, the
// directory page is styled and searchable and every file it loads is there, at the site's root
// and under a `pathPrefix`. With `injectAssets: false` the same page is neither: the control.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { Browser, Page } from "playwright-core";
import { mentorDirectory, type MentorDirectoryOptions } from "../../plugin/index.js";
import { captureOutput } from "../site/output.js";
import { launchBrowser, openSession, problems, repoRoot, serve, type SiteServer } from "./harness.js";

const starter = path.join(repoRoot, "test/fixtures/starter");
const team = path.join(repoRoot, "data/team_members");
const SEARCH_LABEL = "Search mentors by skill, name, role or department";
const TEAM_SEARCH_LABEL = "Search the team by name, role, skill or department";

interface Built {
  /** Folder served as the host's root: the site is in it at `prefix`. */
  readonly root: string;
  readonly prefix: string;
}

/** Build a copy of the starter with the plugin, its output placed at `prefix` below the served folder. */
async function buildStarter(prefix: string, options: MentorDirectoryOptions = {}): Promise<Built> {
  const dir = mkdtempSync(path.join(tmpdir(), "mentor-starter-"));
  cpSync(starter, path.join(dir, "site"), { recursive: true });
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "site", "node_modules"), "dir");
  const root = path.join(dir, "served");
  const output = path.join(root, ...prefix.split("/").filter(Boolean));
  mkdirSync(output, { recursive: true });
  const captured = captureOutput();
  const cwd = process.cwd();
  process.chdir(path.join(dir, "site"));
  try {
    const eleventy = new Eleventy(undefined, output, {
      quietMode: true,
      configPath: "eleventy.config.js",
      ...(prefix === "/" ? {} : { pathPrefix: prefix }),
      config(config: { addPlugin(p: unknown, o?: unknown): void }) {
        config.addPlugin(mentorDirectory, { dataDir: team, ...options });
      },
    });
    await eleventy.write();
  } finally {
    captured.restore();
    process.chdir(cwd);
  }
  return { root, prefix };
}

const visibleCards = (page: Page): Promise<string[]> =>
  page.$$eval(".mentor-directory .mentor-card", (nodes) =>
    nodes.filter((node) => (node as HTMLElement).offsetParent !== null).map((node) => node.id),
  );

describe("the official starter's layout, unchanged", function () {
  this.timeout(120_000);
  let browser: Browser;
  const servers: SiteServer[] = [];
  const sites = new Map<string, Built & { origin: string }>();

  before(async function () {
    this.timeout(240_000);
    for (const [name, prefix, options] of [
      ["root", "/", {}],
      ["prefixed", "/docs/", {}],
      ["control", "/", { injectAssets: false }],
    ] as const) {
      const built = await buildStarter(prefix, options);
      const server = await serve(built.root);
      servers.push(server);
      sites.set(name, { ...built, origin: server.origin });
    }
    browser = await launchBrowser();
  });

  after(async () => {
    await browser.close();
    for (const server of servers) await server.close();
    for (const site of sites.values()) rmSync(path.dirname(site.root), { recursive: true, force: true });
  });

  for (const name of ["root", "prefixed"]) {
    const where = name === "root" ? "at the site's root" : "under pathPrefix /docs/";
    it(`gives a styled, searchable directory and a searchable team page (${where})`, async () => {
      const site = sites.get(name)!;
      const { context, page, watch } = await openSession(browser, site.origin);
      const loaded: string[] = [];
      page.on("response", (response) => {
        if (response.ok()) loaded.push(new URL(response.url()).pathname);
      });
      try {
        await page.goto(`${site.origin}${site.prefix}mentors/`);
        const field = page.getByLabel(SEARCH_LABEL);
        await field.waitFor({ state: "visible" });
        // `.mentor-directory { margin-block: 1.5rem }` in the plugin's stylesheet; the layout sets none.
        assert.equal(await page.$eval(".mentor-directory", (node) => getComputedStyle(node).marginTop), "24px");
        const all = await visibleCards(page);
        assert.ok(all.length > 1, "the sample team has several mentors");
        const firstName = await page.$eval(".mentor-directory .mentor-card .member-name", (node) => node.textContent);
        await field.fill(firstName);
        await page.waitForFunction((total) => {
          const cards = Array.from(document.querySelectorAll(".mentor-directory .mentor-card"));
          return cards.filter((card) => (card as HTMLElement).offsetParent !== null).length < total;
        }, all.length);
        const shown = await visibleCards(page);
        assert.ok(
          shown.includes(all[0]!) && shown.length < all.length,
          `"${firstName}" narrows ${all.length} cards to ${shown.join(", ")}`,
        );
        for (const file of ["mentor-directory.css", "mentor-directory.js"]) {
          assert.ok(
            loaded.includes(`${site.prefix}assets/mentor-directory/${file}`),
            `${file} loaded from ${site.prefix}: ${loaded.join(", ")}`,
          );
        }

        await page.goto(`${site.origin}${site.prefix}team/`);
        await page.getByLabel(TEAM_SEARCH_LABEL).waitFor({ state: "visible" });
        assert.ok(loaded.includes(`${site.prefix}assets/mentor-directory/team-directory.js`));
        assert.deepEqual(problems(watch), [], "no request of the site fails, no script error");
      } finally {
        await context.close();
      }
    });
  }

  it("each page that renders nothing of the plugin's is left alone", () => {
    for (const name of ["root", "prefixed"]) {
      const site = sites.get(name)!;
      const home = readFileSync(path.join(site.root, ...site.prefix.split("/").filter(Boolean), "index.html"), "utf8");
      assert.doesNotMatch(home, /mentor-directory/, name);
    }
  });

  it("with injectAssets: false, the same layout gives an unstyled page whose search field stays hidden (the control)", async () => {
    const site = sites.get("control")!;
    const { context, page } = await openSession(browser, site.origin);
    try {
      await page.goto(`${site.origin}/mentors/`);
      await page.waitForLoadState("load");
      assert.equal(await page.$eval(".mentor-directory", (node) => getComputedStyle(node).marginTop), "0px");
      assert.equal(await page.getByLabel(SEARCH_LABEL).isVisible(), false);
    } finally {
      await context.close();
    }
  });
});
