// The plugin added to an ordinary blog (test/fixtures/blog): every page that does not use the
// plugin is byte-identical to the same site built without it, and the plugin's own pages work.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { captureOutput, errorText } from "./output.js";
import { mentorDirectory, type MentorDirectoryOptions } from "../../plugin/index.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const blog = path.join(root, "test/fixtures/blog");
const team = path.join(root, "data/team_members");

/** Every file below `dir`, by path relative to it. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join("/"), readFileSync(file, "utf8"));
  }
  return files;
}

interface Site {
  readonly files: Map<string, string>;
  readonly log: string;
}

/**
 * Build a copy of the blog, with `extra` pages added, with the plugin registered as the README's
 * "Use" section says when `plugin` is given.
 */
async function buildBlog(plugin: MentorDirectoryOptions | undefined, extra: Record<string, string> = {}, quiet = true): Promise<Site> {
  const dir = mkdtempSync(path.join(tmpdir(), "mentor-blog-"));
  cpSync(blog, dir, { recursive: true });
  // The blog's own plugins resolve from the project's packages.
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, "content", name)), { recursive: true });
    writeFileSync(path.join(dir, "content", name), text);
  }
  const output = captureOutput();
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const eleventy = new Eleventy(undefined, "_site", {
      quietMode: quiet,
      configPath: "eleventy.config.js",
      config(config: { addPlugin(p: unknown, o?: unknown): void }) {
        if (plugin) config.addPlugin(mentorDirectory, plugin);
      },
    });
    await eleventy.write();
    return { files: readTree(path.join(dir, "_site")), log: output.text() };
  } finally {
    output.restore();
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many times `text` holds `part`. */
const countOf = (text: string, part: string): number => text.split(part).length - 1;

/** Files the plugin adds to any site: its assets and `/mentors.json`. */
const pluginOutput = (file: string): boolean => file === "mentors.json" || file.startsWith("assets/mentor-directory/");

const hugoPage =
  '---\ntitle: Mentors\nlayout: layouts/base.njk\n---\n# Find a mentor\n\n{{< group-by-expertise "mentor" >}}\n\n[Back to top](#main)\n';
const nunjucksPage =
  '---\ntitle: Mentors (Nunjucks)\nlayout: layouts/base.njk\n---\n<h1>Find a mentor</h1>\n{% groupByExpertise "mentor" %}\n';

describe("a good citizen in an ordinary Eleventy site", function () {
  this.timeout(120_000);
  let without: Site;
  let withPlugin: Site;
  let withPages: Site;

  before(async () => {
    without = await buildBlog(undefined);
    withPlugin = await buildBlog({ dataDir: team });
    // Not quiet, so that the plugin's warnings can be read.
    withPages = await buildBlog({ dataDir: team }, { "mentors.md": hugoPage, "mentors-njk.njk": nunjucksPage }, false);
  });

  it("the blog, without the plugin, is what its own settings make", () => {
    const first = without.files.get("blog/firstpost/index.html") ?? "";
    assert.match(first, /<span class="token keyword">function<\/span>/, "Prism highlighting");
    assert.match(first, /This is <strong>First post<\/strong>, “quoted” – with typographer dashes…/, "Nunjucks and typographer");
    assert.match(first, /<hr class="divider">/, "the custom renderer");
    assert.match(first, /updated 5 March 2024/, "the front-matter date is a Date");
    assert.match(first, /href="\/blog\/secondpost\/"/, "input-path links");
    assert.match(without.files.get("blog/secondpost/index.html") ?? "", /\{\{ not a variable \}\}/, "templateEngineOverride");
    assert.match(without.files.get("feed.xml") ?? "", /<feed/);
    assert.match(without.files.get("about/index.html") ?? "", /\{\{&lt; youtube/, "a shortcode shown in code stays code");
    assert.ok(without.files.has("pages/projects/index.html"), "a permalink that is a template");
    assert.ok(without.files.has("archive/0/index.html") && without.files.has("archive/1/index.html"), "a paginated Markdown page");
    assert.ok(![...without.files.keys()].some((file) => file.startsWith("draft")), "permalink: false");
  });

  it("with the plugin registered and no page using it, every file of the blog is byte-identical", () => {
    for (const [file, text] of without.files) assert.equal(withPlugin.files.get(file), text, file);
    const added = [...withPlugin.files.keys()].filter((file) => !without.files.has(file));
    assert.deepEqual(
      added.filter((file) => !pluginOutput(file)),
      [],
      "nothing but the plugin's own files is added",
    );
    assert.ok(added.includes("mentors.json"));
  });

  it("pages using the plugin list the directory, and every other page is still identical", () => {
    for (const [file, text] of without.files) {
      if (file === "sitemap.xml") continue;
      assert.equal(withPages.files.get(file), text, file);
    }
    // The sitemap lists the new pages too; every entry it had is unchanged.
    const sitemap = withPages.files.get("sitemap.xml") ?? "";
    for (const line of (without.files.get("sitemap.xml") ?? "").split("\n")) assert.ok(sitemap.includes(line), line);

    const hugo = withPages.files.get("mentors/index.html") ?? "";
    const nunjucks = withPages.files.get("mentors-njk/index.html") ?? "";
    for (const page of [hugo, nunjucks]) assert.match(page, /data-mentor-directory[\s\S]*Mentors: 10 team members/);
    assert.doesNotMatch(hugo, /\{\{|\{%/, "no template syntax is printed");
    // Neutral defaults: no table of contents, no upstream links, no Hugo heading ids.
    assert.doesNotMatch(hugo, /On this page|handbook\.gitlab\.com/);
    assert.match(hugo, /<h1>Find a mentor<\/h1>/);
    assert.match(hugo, /href="#main"/);
    // The blog's layout loads nothing of the plugin's: the plugin adds the directory's files, once, in the head.
    for (const page of [hugo, nunjucks]) {
      const head = page.slice(0, page.indexOf("</head>"));
      assert.equal(countOf(head, '<link rel="stylesheet" href="/assets/mentor-directory/mentor-directory.css">'), 1);
      assert.equal(countOf(head, '<script type="module" src="/assets/mentor-directory/mentor-directory.js"></script>'), 1);
      assert.equal(countOf(page, "/assets/mentor-directory/"), 2, "no script of the team page, the video or the tables");
    }
  });

  it("adds the files each page needs, in every template language, and never a tag the page already has", async () => {
    const optIn = (title: string): string => `---\ntitle: ${title}\nlayout: layouts/base.njk\nhandbookMarkdown: true\n---\n# ${title}\n\n`;
    const ownTags =
      '---\ntitle: Own tags\n---\n<!doctype html>\n<html lang="en">\n<head>\n<title>Own</title>\n' +
      '<link rel="stylesheet" href="/assets/mentor-directory/mentor-directory.css">\n</head>\n<body>\n' +
      '{% groupByExpertise "mentor" %}\n' +
      '<script type="module" src="/assets/mentor-directory/mentor-directory.js"></script>\n</body>\n</html>\n';
    const site = await buildBlog(
      { dataDir: team, fillableTables: true },
      {
        "own-tags.njk": ownTags,
        "team.liquid": "---\ntitle: Team\nlayout: layouts/base.njk\n---\n<h1>Team</h1>\n{% teamMembers %}\n",
        "mentors-liquid.liquid": '---\ntitle: Mentors\nlayout: layouts/base.njk\n---\n{% groupByExpertise "mentor" %}\n',
        "goals.md": `${optIn("Goals")}| Goal | Date |\n|---|---|\n| | |\n`,
        "plain-table.md": `${optIn("Plain")}| Goal | Date |\n|---|---|\n| One | May |\n`,
      },
    );
    const own = site.files.get("own-tags/index.html") ?? "";
    assert.equal(
      ownTags.slice(ownTags.indexOf("<!doctype")).replace('{% groupByExpertise "mentor" %}', ""),
      own.replace(/<div class="mentor-directory"[\s\S]*<\/div>\n/, "\n"),
    );
    assert.equal(countOf(own, "mentor-directory.css"), 1);
    assert.equal(countOf(own, "mentor-directory.js"), 1);

    const filesOf = (file: string): string[] =>
      [...(site.files.get(file) ?? "").matchAll(/(?:src|href)="\/assets\/mentor-directory\/([^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(filesOf("team/index.html"), ["mentor-directory.css", "team-directory.js"]);
    assert.deepEqual(filesOf("mentors-liquid/index.html"), ["mentor-directory.css", "mentor-directory.js"]);
    assert.match(site.files.get("goals/index.html") ?? "", /data-fillable/);
    assert.deepEqual(filesOf("goals/index.html"), ["mentor-directory.css", "fillable-table.js"]);
    assert.deepEqual(filesOf("plain-table/index.html"), [], "a table with nothing to fill in needs nothing");

    const off = await buildBlog({ dataDir: team, injectAssets: false }, { "mentors.md": hugoPage });
    const page = off.files.get("mentors/index.html") ?? "";
    assert.match(page, /data-mentor-directory/);
    assert.doesNotMatch(page, /\/assets\/mentor-directory\//, "injectAssets: false adds nothing");
  });

  it("names the missing team page instead of linking to it", () => {
    assert.match(withPages.log, /\/mentors(-njk)?\/ renders the mentor directory.*no page renders `team-members`.*`teamPageUrl`/);
    const hugo = withPages.files.get("mentors/index.html") ?? "";
    assert.doesNotMatch(hugo, /href="#[a-z]+(\.[a-z]+)?"[^>]*>[^<]*(team page)/);
    assert.doesNotMatch(hugo, /href="(undefined)?#(aoconnor|jdoe\.gitlab)"/);
  });

  it("the handbook options apply to the plugin's pages only: the table of contents goes after the h1 and never into the feed", async () => {
    const video =
      '---\ntitle: A video post\ndate: 2024-05-01\n---\n{{< youtube "0W3d-PJ4-FM" >}}\n\n' +
      "## Café & crème\n\n### Details\n\n[Back to top](#main) [section](#café--crème)\n";
    const titled =
      '---\ntitle: Titled\nlayout: layouts/titled.njk\n---\n# The page\'s title\n\n{{< youtube "0W3d-PJ4-FM" >}}\n\n## One\n\n## Two\n';
    // `toc` alone: the headings get the ids the table of contents links to.
    const site = await buildBlog(
      { dataDir: team, toc: true, anchorCheck: "error", upstreamUrl: "https://handbook.example.com" },
      { "blog/video.md": video, "titled.md": titled },
    );
    const page = site.files.get("blog/video/index.html") ?? "";
    // The layout writes the title; the table of contents follows it, before the body.
    assert.match(page, /<h1>A video post<\/h1>[\s\S]*<nav class="toc"[\s\S]*href="#café--crème"[\s\S]*data-youtube-id="0W3d-PJ4-FM"/);
    assert.match(page, /<h2 id="café--crème">Café &#x26; crème<\/h2>/);
    assert.doesNotMatch(page, /mentor-directory:toc/);
    // After the body's own title, not after a site title in the layout's header.
    const own = site.files.get("titled/index.html") ?? "";
    assert.match(own, /<\/header>[\s\S]*<h1 id="the-pages-title">The page's title<\/h1><nav class="toc"/);
    const feed = site.files.get("feed.xml") ?? "";
    assert.match(feed, /A video post/);
    assert.doesNotMatch(feed, /On this page|class="toc"|mentor-directory:toc/);
    // The video's script goes into the post's page, never into the feed that carries its body.
    assert.equal(countOf(page, '<script type="module" src="/assets/mentor-directory/youtube-facade.js"></script>'), 1);
    assert.doesNotMatch(page, /mentor-directory\.css/, "the stylesheet has nothing for a video");
    assert.doesNotMatch(feed, /youtube-facade\.js|assets\/mentor-directory/);
    // The other posts are still the site's, with the site's heading ids (none) and links.
    assert.equal(site.files.get("blog/firstpost/index.html"), without.files.get("blog/firstpost/index.html"));
  });

  it("an author's {#id} is kept without generated ids; a folder opts in through its data file", async () => {
    const site = await buildBlog(
      { dataDir: team, headingIds: true },
      {
        "custom.md": "---\nlayout: layouts/base.njk\nhandbookMarkdown: false\ntemplateEngineOverride: md\n---\n## Kept {#x}\n",
        "notes/notes.11tydata.json": JSON.stringify({ handbookMarkdown: true, layout: "layouts/base.njk", templateEngineOverride: "md" }),
        "notes/plain.md": "## A plain note\n",
      },
    );
    assert.match(
      site.files.get("notes/plain/index.html") ?? "",
      /<h2 id="a-plain-note">A plain note<\/h2>/,
      "the folder's page is the plugin's",
    );
    assert.match(site.files.get("custom/index.html") ?? "", /<h2>Kept \{#x\}<\/h2>/, "opted out: the site's engine");
    const neutral = await buildBlog(
      { dataDir: team },
      { "hugo.md": '---\nlayout: layouts/base.njk\n---\n{{< youtube "0W3d-PJ4-FM" >}}\n\n## Section {#sec}\n\n## Other\n' },
    );
    assert.match(neutral.files.get("hugo/index.html") ?? "", /<h2 id="sec">Section<\/h2>\n<h2>Other<\/h2>/);
  });

  it("a page that opts in is held to the template-syntax check too", async () => {
    const optIn = "---\ntitle: T\nhandbookMarkdown: true\n---\n# Opt in {{ title }}\n";
    await assert.rejects(buildBlog({ dataDir: team }, { "optin.md": optIn }), (error: unknown) => {
      const text = errorText(error);
      return (
        new RegExp(
          /content\/optin\.md:5:10: error template-syntax: /.source +
            /this page sets `handbookMarkdown: true`, so the plugin renders it without Nunjucks/.source,
        ).test(text) && /templateEngineOverride: md/.test(text)
      );
    });
  });

  it("the anchor check reads the finished page, and its severity is an option", async () => {
    const broken = '---\ntitle: Broken\nlayout: layouts/base.njk\n---\n{{< youtube "0W3d-PJ4-FM" >}}\n\n[Missing](#nowhere)\n';
    await assert.rejects(buildBlog({ dataDir: team, anchorCheck: "error" }, { "broken.md": broken }), (error: unknown) =>
      /content\/broken\.md:7:1: error broken-anchor: link "#nowhere"/.test(errorText(error)),
    );
    const warned = await buildBlog({ dataDir: team, anchorCheck: "warn" }, { "broken.md": broken }, false);
    assert.ok(warned.files.has("broken/index.html"));
    assert.match(warned.log, /content\/broken\.md:7:1: warning broken-anchor: link "#nowhere"/);
    // A page that is not written is checked against its own body.
    const unwritten = broken.replace("layout: layouts/base.njk", "permalink: false");
    await assert.rejects(buildBlog({ dataDir: team, anchorCheck: "error" }, { "broken.md": unwritten }), (error: unknown) =>
      /content\/broken\.md:7:1: error broken-anchor/.test(errorText(error)),
    );
  });
});
