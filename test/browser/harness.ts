// Shared by the browser tests and the page-weight budget: one build of the real site per test run,
// served from 127.0.0.1 by a static server that lives only as long as the tests.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { mentorDirectory, type MentorDirectoryOptions } from "../../plugin/index.js";

export const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const artifactsDir = path.join(repoRoot, "test/artifacts");

export const PAGES = {
  mentoring: "/handbook/people-group/learning-and-development/mentor/",
  team: "/company/team/",
  home: "/",
} as const;
export type PageName = keyof typeof PAGES;

/** Output file of a page URL ending in `/`. */
export const fileOf = (url: string): string => `${url.replace(/^\//, "")}index.html`;

let building: Promise<string> | undefined;

/**
 * Build the site once for the whole run, whichever test file asks first. Eleventy resolves the
 * config and input against the working directory, so the build runs from the repository root.
 */
export function buildSite(): Promise<string> {
  building ??= (async () => {
    const out = mkdtempSync(path.join(tmpdir(), "mentor-browser-"));
    process.once("exit", () => rmSync(out, { recursive: true, force: true }));
    const cwd = process.cwd();
    process.chdir(repoRoot);
    try {
      await new Eleventy("site", out, { configPath: ".eleventy.js", quietMode: true }).write();
    } finally {
      process.chdir(cwd);
    }
    return out;
  })();
  return building;
}

/** The configuration API a test site uses beyond `addPlugin`. */
export interface TestSiteConfig {
  addPlugin(plugin: unknown, options: unknown): void;
  addPassthroughCopy(copy: unknown): void;
}

export interface RepositorySiteBuild {
  /** The team folder. Default: the sample team. */
  readonly team?: string;
  /** Plugin options over the handbook options of the site's `.eleventy.js`. */
  readonly options?: MentorDirectoryOptions;
  /** More of the site's configuration (another page, say). */
  readonly configure?: (eleventyConfig: TestSiteConfig) => void;
}

/** Build the repository's site (its pages, layouts and handbook options) into `out`, with `build`'s changes. */
export async function buildRepositorySite(out: string, build: RepositorySiteBuild = {}): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), "mentor-config-"));
  const config = path.join(work, "eleventy.config.mjs");
  writeFileSync(config, "export default function () {}\n");
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    await new Eleventy("site", out, {
      quietMode: true,
      configPath: config,
      config(eleventyConfig: TestSiteConfig) {
        eleventyConfig.addPlugin(mentorDirectory, {
          dataDir: build.team ?? "data/team_members",
          upstreamUrl: "https://handbook.gitlab.com",
          teamPageUrl: PAGES.team,
          mentoringPageUrl: PAGES.mentoring,
          headingIds: true,
          toc: true,
          fillableTables: true,
          ...build.options,
        });
        eleventyConfig.addPassthroughCopy({ "site/assets": "assets" });
        build.configure?.(eleventyConfig);
      },
    }).write();
  } finally {
    process.chdir(cwd);
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Build the repository's site around another team folder, into `out`: the site's own pages and
 * options, without the sample team. Team files with errors are still built, as a failed gate
 * would leave them.
 */
export function buildSiteWithTeam(team: string, out: string): Promise<void> {
  return buildRepositorySite(out, { team, options: { failOnError: false } });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export interface SiteServer {
  origin: string;
  close(): Promise<void>;
}

/** A static server over `dir`, as a host would serve `_site/`: `/x/` is `/x/index.html`. */
export async function serve(dir: string): Promise<SiteServer> {
  const server: Server = createServer((request, response) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const file = path.join(dir, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    if (!file.startsWith(dir + path.sep) || !isFile(file)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    response
      .writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      })
      .end(request.method === "HEAD" ? undefined : readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** What one browser context saw while a test used it. */
export interface Watch {
  /** Console errors and uncaught exceptions caused by this site. */
  errors: string[];
  /** Requests to this site that failed or answered with an error status. */
  siteFailures: string[];
  /** Every request to another host, in order; all of them are aborted. */
  thirdParty: string[];
}

export interface Session {
  context: BrowserContext;
  page: Page;
  watch: Watch;
}

/**
 * A fresh context on the served site. The network beyond 127.0.0.1 is closed here anyway; aborting
 * those requests makes that explicit and instant, and keeps them out of the site's own failures.
 */
export async function openSession(browser: Browser, origin: string, options: BrowserContextOptions = {}): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const watch: Watch = { errors: [], siteFailures: [], thirdParty: [] };
  const own = (url: string): boolean => url.startsWith(`${origin}/`) || url === origin;
  const external = (url: string): boolean => /^(https?|wss?):/.test(url) && !own(url);

  await context.route(
    (url) => external(url.href),
    (route) => route.abort("blockedbyclient"),
  );
  context.on("request", (request) => {
    if (external(request.url())) watch.thirdParty.push(request.url());
  });
  context.on("requestfailed", (request) => {
    // A request the browser cancels because the page moved on (a favicon still loading when the
    // test goes to the next page) is not the site's failure; a missing file answers 404, below.
    const reason = request.failure()?.errorText;
    if (own(request.url()) && reason !== "net::ERR_ABORTED") watch.siteFailures.push(`${request.url()}: ${reason}`);
  });
  context.on("response", (response) => {
    if (own(response.url()) && response.status() >= 400) {
      watch.siteFailures.push(`${response.url()}: HTTP ${response.status()}`);
    }
  });

  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    // A blocked request to another host logs "Failed to load resource" against that host's URL.
    if (source !== "" && external(source)) return;
    watch.errors.push(`${message.text()} (${source || "page"})`);
  });
  page.on("pageerror", (error) => watch.errors.push(`uncaught: ${error.message}`));
  return { context, page, watch };
}

const axeSource = readFileSync(path.join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");

export const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

interface AxeNode {
  target: unknown;
  failureSummary?: string;
}
interface AxeResult {
  id: string;
  help: string;
  nodes: AxeNode[];
}
interface AxeResults {
  passes: AxeResult[];
  violations: AxeResult[];
}

/**
 * Run axe-core in the page at WCAG 2.2 AA. Returns the number of rules that passed (to prove the
 * audit really ran) and one readable line per violating node.
 */
export async function audit(page: Page): Promise<{ passed: number; violations: string[] }> {
  const injected = await page.evaluate(() => "axe" in globalThis);
  if (!injected) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe;
    return (await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    })) as AxeResults;
  }, WCAG_22_AA);
  return {
    passed: results.passes.length,
    violations: results.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.help}) at ${JSON.stringify(node.target)}: ${node.failureSummary ?? ""}`),
    ),
  };
}

export interface Site {
  dir: string;
  origin: string;
  browser: Browser;
}

/**
 * Mocha hooks for a suite: the built site, its server and one browser, all closed afterwards.
 * The returned object is filled in by `before`, so tests read its fields, not a copy.
 */
export function useSite(): Site {
  const site = {} as Site;
  let server: SiteServer | undefined;
  let browser: Browser | undefined;
  before(async function () {
    this.timeout(120_000);
    site.dir = await buildSite();
    server = await serve(site.dir);
    site.origin = server.origin;
    browser = await launchBrowser();
    site.browser = browser;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return site;
}

/** The page's own failures: console errors, uncaught exceptions, failed requests to this site. */
export function problems(watch: Watch): string[] {
  return [...watch.errors, ...watch.siteFailures];
}
