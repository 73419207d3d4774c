// The work directory of one size: generated data (reused while the generator is unchanged), the
// Hugo anchor site, and the Eleventy input with its two configs (with and without the plugin).

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generate.js";

export const PAGE_URL = "/handbook/people-group/learning-and-development/mentor/";
const PAGE_DIR = PAGE_URL.slice(1, -1);
export const TEAM_URL = "/company/team/";
const TEAM_DIR = TEAM_URL.slice(1, -1);

// The team page of the whole site, as Markdown so that the floor renders the same two pages (the
// shortcode stays literal text there). The site's own team page is Nunjucks with its layout.
const TEAM_PAGE = `---
title: The team
permalink: ${TEAM_URL}
---
{{< team-members >}}
`;

function generatorHash(root) {
  return createHash("sha256")
    .update(fs.readFileSync(path.join(root, "bench", "generate.js")))
    .digest("hex")
    .slice(0, 16);
}

/** Generate the data for `n` unless a marker says the same generator and seed already did. */
export function ensureData({ root, workDir, n, seed }) {
  const marker = path.join(workDir, ".generated.json");
  const hash = generatorHash(root);
  try {
    const m = JSON.parse(fs.readFileSync(marker, "utf8"));
    if (m.n === n && m.seed === seed && m.hash === hash) return { ...m, reused: true };
  } catch {
    // No marker, or an unreadable one: generate.
  }
  fs.mkdirSync(workDir, { recursive: true });
  fs.rmSync(marker, { force: true });
  const started = Date.now();
  const result = generate({ n, outDir: workDir, seed });
  const m = { n, seed, hash, mentors: result.mentors, stats: result.stats, generatedMs: Date.now() - started };
  fs.writeFileSync(marker, JSON.stringify(m));
  return { ...m, reused: false };
}

/** The mentoring page: the site's own copy, the page the site builds. */
export function pageSource(root) {
  const file = path.join(root, "site", PAGE_DIR, "index.md");
  return { file, text: fs.readFileSync(file, "utf8") };
}

/**
 * The page with a fixed permalink and without `layout`: layouts belong to the site, and the floor
 * must build the same input without the plugin's filters.
 */
function benchPage(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  const keys = (m ? m[1].split(/\r?\n/) : []).filter((line) => !/^(?:layout|permalink):/.test(line));
  const body = m ? text.slice(m[0].length) : text;
  return `---\n${[...keys, `permalink: ${PAGE_URL}`].join("\n")}\n---\n${body}`;
}

function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true, force: true });
}

/** Paths and configs of one size. Cheap; rewritten on every run so edits to bench/ apply. */
export function prepareSites({ root, workDir, page, plugin }) {
  const abs = (...p) => path.join(workDir, ...p);
  const dataDir = abs("data", "team_members");
  const cacheDir = abs(".cache");
  const validateCacheDir = abs(".validate-cache");
  // A cache left by an older build of the CLI would make the first measured run a miss.
  fs.rmSync(validateCacheDir, { recursive: true, force: true });

  const hugoDir = abs("hugo");
  for (const part of ["hugo.toml", "layouts"]) copyDir(path.join(root, "bench", "hugo", part), path.join(hugoDir, part));
  fs.rmSync(path.join(hugoDir, "content"), { recursive: true, force: true });
  fs.mkdirSync(path.join(hugoDir, "content", PAGE_DIR), { recursive: true });
  fs.writeFileSync(path.join(hugoDir, "content", PAGE_DIR, "index.md"), benchPage(page.text));
  // The same team page for the anchor: Hugo builds both pages, as the site does.
  fs.mkdirSync(path.join(hugoDir, "content", TEAM_DIR), { recursive: true });
  fs.writeFileSync(path.join(hugoDir, "content", TEAM_DIR, "index.md"), "---\ntitle: The team\n---\n{{< team-members >}}\n");

  const siteDir = abs("site");
  const input = path.join(siteDir, "src");
  fs.rmSync(input, { recursive: true, force: true });
  fs.mkdirSync(path.join(input, PAGE_DIR), { recursive: true });
  fs.writeFileSync(path.join(input, PAGE_DIR, "index.md"), benchPage(page.text));
  fs.mkdirSync(path.join(input, TEAM_DIR), { recursive: true });
  fs.writeFileSync(path.join(input, TEAM_DIR, "index.md"), TEAM_PAGE);

  const pluginUrl = pathToFileURL(plugin).href;
  const pluginConfig = path.join(siteDir, "eleventy.config.mjs");
  fs.writeFileSync(
    pluginConfig,
    `import { mentorDirectory } from ${JSON.stringify(pluginUrl)};

export default function (eleventyConfig) {
  // The work directory is git-ignored, and Eleventy skips git-ignored input by default.
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.addPlugin(mentorDirectory, {
    dataDir: ${JSON.stringify(dataDir)},
    cacheDir: ${JSON.stringify(cacheDir)},
    // As the README's CI recipe does for the default branch: members' cards kept between builds, signed.
    cacheSecret: "a signing secret for the benchmark, 32 characters or more",
  });
  // As the README advises for watch mode: react to a saved file after 30 ms of quiet, not 150 ms.
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 } });
}
`,
  );
  const floorConfig = path.join(siteDir, "eleventy.floor.config.mjs");
  fs.writeFileSync(
    floorConfig,
    `// The floor: Eleventy alone on the same input. Liquid stays off for Markdown, as the plugin
// turns it off too, so shortcode text passes through literally instead of being evaluated.
export default function (eleventyConfig) {
  // The work directory is git-ignored, and Eleventy skips git-ignored input by default.
  eleventyConfig.setUseGitIgnore(false);
  // The plugin's site reacts to a saved file the same way: the watch floor compares like with like.
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 } });
  return { markdownTemplateEngine: false };
}
`,
  );

  // The repository's own site (its Nunjucks team page, layouts and options) over the same team:
  // what a handbook builds, and where Eleventy would time the plugin's template shortcodes.
  const repoSiteConfig = path.join(siteDir, "eleventy.repo-site.config.mjs");
  fs.writeFileSync(
    repoSiteConfig,
    `import { mentorDirectory } from ${JSON.stringify(pluginUrl)};

export default function (eleventyConfig) {
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.addPlugin(mentorDirectory, {
    dataDir: ${JSON.stringify(dataDir)},
    upstreamUrl: "https://handbook.gitlab.com",
    teamPageUrl: "/company/team/",
    mentoringPageUrl: ${JSON.stringify(PAGE_URL)},
    headingIds: true,
    toc: true,
    fillableTables: true,
    anchorCheck: "error",
  });
  eleventyConfig.addPassthroughCopy({ ${JSON.stringify(path.join(root, "site", "assets"))}: "assets" });
}

export const config = {
  dir: { includes: "_includes" },
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
`,
  );

  return {
    dataDir,
    cacheDir,
    repoSite: path.join(root, "site"),
    repoSiteConfig,
    repoSiteOut: path.join(siteDir, "_site-repo"),
    validateCacheDir,
    personGlob: path.join(dataDir, "person", "*", "*.yml"),
    hugoDir,
    hugoOut: path.join(hugoDir, "public"),
    hugoPage: path.join(hugoDir, "public", PAGE_DIR, "index.html"),
    input,
    pluginConfig,
    floorConfig,
    out: path.join(siteDir, "_site"),
    floorOut: path.join(siteDir, "_site-floor"),
    watchOut: path.join(siteDir, "_site-watch"),
    pageOut: (outDir) => path.join(outDir, PAGE_DIR, "index.html"),
    pageIn: path.join(input, PAGE_DIR, "index.md"),
    floorWatchOut: path.join(siteDir, "_site-floor-watch"),
    teamOut: (outDir) => path.join(outDir, TEAM_DIR, "index.html"),
  };
}
