// The plugin in sites of its own: the options and failure modes a site owner meets.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serialize } from "node:v8";
import { fileURLToPath } from "node:url";
import Eleventy, { type EleventyJsonPage, type EleventyUserConfig } from "@11ty/eleventy";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import { captureOutput, errorText } from "./output.js";
import { mentorDirectory, OptionError, type MentorDirectoryOptions } from "../../plugin/index.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixtures = path.join(root, "test/fixtures/validate");

interface Built {
  readonly pages: readonly EleventyJsonPage[];
  readonly log: string;
}

interface BuildSettings {
  /** How many times the plugin is registered. Default 1. */
  register?: number;
  /** Eleventy's `--quiet`. Default `false`, so that the plugin's log can be read. */
  quiet?: boolean;
  /** Text of the site's config file (`export const config = { markdownTemplateEngine: "njk" }`). */
  configFile?: string;
  /** Site settings besides the plugin, through the config API. */
  configure?: (config: EleventyUserConfig) => void;
}

/** Build a site made of `files` with the plugin, capturing what is printed (stdout and stderr). */
async function build(files: Record<string, string>, options: MentorDirectoryOptions, settings: BuildSettings = {}): Promise<Built> {
  const dir = mkdtempSync(path.join(tmpdir(), "mentor-plugin-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, "site", name)), { recursive: true });
    writeFileSync(path.join(dir, "site", name), text);
  }
  if (settings.configFile !== undefined) writeFileSync(path.join(dir, "eleventy.config.mjs"), settings.configFile);
  const output = captureOutput();
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const eleventy = new Eleventy("site", "_site", {
      quietMode: settings.quiet ?? false,
      ...(settings.configFile === undefined ? {} : { configPath: "eleventy.config.mjs" }),
      config(config) {
        settings.configure?.(config);
        for (let i = 0; i < (settings.register ?? 1); i++) config.addPlugin(mentorDirectory, options);
      },
    });
    const pages = await eleventy.toJSON();
    return { pages, log: output.text() };
  } catch (error) {
    throw Object.assign(error as Error, { log: output.text() });
  } finally {
    output.restore();
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

const team = path.join(root, "data/team_members");

describe("the plugin in a site of its own", function () {
  this.timeout(60_000);

  it("takes a Nunjucks value with text of its own (`| safe`) as that text", async () => {
    const { pages } = await build({ "safe.njk": '{% youtube "0W3d-PJ4-FM" | safe %}\n' }, { dataDir: team, showWarnings: false });
    assert.match(pages.find((p) => p.inputPath.endsWith("safe.njk"))?.content ?? "", /data-youtube-id="0W3d-PJ4-FM"/);
  });

  it("shows a plain object given as an argument as its JSON in the error, not as [object Object]", async () => {
    const failed = await build(
      { "object.njk": "{% youtube video %}\n" },
      { dataDir: team, showWarnings: false },
      { configure: (config) => config.addGlobalData("video", { id: 1 }) },
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(failed instanceof Error, "the build fails");
    assert.match(errorText(failed), /object\.njk: youtube: .*\{"id":1\}/);
    assert.doesNotMatch(errorText(failed), /\[object Object\]/);
  });

  it("says where team files go when the folder holds none, and the team page says it is empty", async () => {
    const emptyTeam = mkdtempSync(path.join(tmpdir(), "mentor-empty-team-"));
    try {
      const { pages, log } = await build({ "team.md": "# Team\n\n{{< team-members >}}\n" }, { dataDir: emptyTeam });
      assert.match(
        log,
        /no team-member files under .*mentor-empty-team-.*: each member is one file <type>\/<letter>\/<slug>\.yml below it/,
      );
      assert.match(log, /option `dataDir`/);
      assert.match(pages.find((p) => p.inputPath.endsWith("team.md"))?.content ?? "", /<p>No team members yet\.<\/p>/);
    } finally {
      rmSync(emptyTeam, { recursive: true, force: true });
    }
  });

  it("renders Hugo shortcodes in Markdown without Liquid ever seeing them (no markdownTemplateEngine setting)", async () => {
    const { pages } = await build(
      { "page.md": '---\ntitle: T\n---\n# Title\n\n{{< youtube "0W3d-PJ4-FM" >}}\n' },
      { dataDir: team, showWarnings: false },
    );
    const html = pages.find((p) => p.inputPath.endsWith("page.md"))?.content ?? "";
    assert.match(html, /data-youtube-id="0W3d-PJ4-FM"/);
    assert.doesNotMatch(html, /false/, "Liquid did not run");
  });

  it("fails a page that mixes Hugo shortcodes and template tags, naming file, line and what to write", async () => {
    const page = '---\ntitle: T\n---\n# Title\n\nBy {{ author }}.\n\n{{< youtube "0W3d-PJ4-FM" >}}\n';
    for (const engine of [undefined, "njk"]) {
      const configFile = engine ? `export const config = { markdownTemplateEngine: "${engine}" };\n` : undefined;
      const error = await build({ "page.md": page }, { dataDir: team, showWarnings: false }, configFile ? { configFile } : {}).then(
        () => assert.fail("the build should fail"),
        (e: unknown) => e,
      );
      const text = errorText(error);
      const expected = engine === "njk" ? "Nunjucks" : "Liquid";
      assert.match(text, new RegExp(`page\\.md:6:4: error template-syntax: .*without ${expected}.*\`\\{\\{ author \\}\\}\``), text);
      assert.match(text, /groupByExpertise/);
    }
    // Where no template engine reads Markdown, the same text is just text: nothing to report.
    const { pages } = await build(
      { "page.md": page },
      { dataDir: team, showWarnings: false },
      {
        configFile: "export const config = { markdownTemplateEngine: false };\n",
      },
    );
    assert.match(pages.find((p) => p.inputPath.endsWith("page.md"))?.content ?? "", /By \{\{ author \}\}\./);
  });

  it("keeps root-relative links to this site's own outputs, and sends the others upstream when asked", async () => {
    const files = {
      "other.md": "# Other\n",
      "hidden.njk": "---\npermalink: /hidden/\neleventyExcludeFromCollections: true\n---\nx",
      "notes/file.txt": "copied",
      "page.md":
        '# Links {{< youtube "0W3d-PJ4-FM" >}}\n\n' +
        "[a](/other) [b](/other/index.html) [c](/other.md) [d](/mentors.json) " +
        "[e](/hidden/) [f](/notes/file.txt) [g](relative/) [h](/handbook/values/)\n",
    };
    const local = [
      'href="/other"',
      'href="/other/index.html"',
      'href="/other.md"',
      'href="/mentors.json"',
      'href="/hidden/"',
      'href="/notes/file.txt"',
      'href="relative/"',
    ];
    const configure = (config: EleventyUserConfig) => config.addPassthroughCopy("site/notes");
    const upstream = await build(files, { dataDir: team, showWarnings: false, upstreamUrl: "https://handbook.gitlab.com" }, { configure });
    const html = upstream.pages.find((p) => p.inputPath.endsWith("page.md"))?.content ?? "";
    for (const href of local) assert.ok(html.includes(href), `${href} in ${html}`);
    assert.ok(html.includes('href="https://handbook.gitlab.com/handbook/values/"'));
    // Without `upstreamUrl` (the default), no link is changed.
    const neutral = await build(files, { dataDir: team, showWarnings: false }, { configure });
    const plain = neutral.pages.find((p) => p.inputPath.endsWith("page.md"))?.content ?? "";
    for (const href of [...local, 'href="/handbook/values/"']) assert.ok(plain.includes(href), `${href} in ${plain}`);
  });

  it("finds the team page on its own, and gives /mentors.json the site's pathPrefix", async () => {
    const { pages } = await build(
      { "people/index.njk": "{% teamMembers %}", "m.njk": '{% groupByExpertise "mentor" %}' },
      { dataDir: team, showWarnings: false },
      {
        configFile: 'export const config = { pathPrefix: "/sub/" };\n',
      },
    );
    assert.match(pages.find((p) => p.inputPath.endsWith("m.njk"))?.content ?? "", /href="\/people\/#aoconnor"/);
    const json = JSON.parse(pages.find((p) => p.url === "/mentors.json")?.content ?? "{}") as {
      mentors: { slug: string; teamPageUrl?: string }[];
    };
    assert.equal(json.mentors.find((m) => m.slug === "aoconnor")?.teamPageUrl, "/sub/people/#aoconnor");
  });

  it("offers groupByExpertise and teamMembers to Nunjucks and Liquid", async () => {
    const { pages } = await build(
      { "a.njk": '{% groupByExpertise "mentor" %}', "b.liquid": '{% groupByExpertise "mentor" %}', "c.njk": "{% teamMembers %}" },
      { dataDir: team, showWarnings: false },
    );
    const byName = (n: string) => pages.find((p) => p.inputPath.endsWith(n))?.content ?? "";
    for (const name of ["a.njk", "b.liquid"]) assert.match(byName(name), /Mentors: 10 team members[\s\S]*class="mentor-card /);
    assert.match(byName("c.njk"), /id="jdoe.gitlab"/);
  });

  it("logs the time of each phase with the option timings, even with --quiet, and nothing without it", async () => {
    const files = { "a.md": '{{< group-by-expertise "mentor" >}}\n' };
    const timed = await build(files, { dataDir: team, showWarnings: false, timings: true }, { quiet: true });
    const line = timed.log.split("\n").find((l) => l.includes("timings (ms):")) ?? "";
    for (const phase of ["list", "read", "parse", "validate", "rules", "team-rules", "directory", "render"]) {
      assert.match(line, new RegExp(`\\b${phase} [\\d.]+`), phase);
    }
    const quiet = await build(files, { dataDir: team, showWarnings: false }, { quiet: true });
    assert.doesNotMatch(quiet.log, /timings/);
  });

  it("passes Nunjucks keyword arguments as named arguments, and keeps an undefined one in its place", async () => {
    const { pages } = await build(
      { "v.njk": '{% youtube id="0W3d-PJ4-FM", title="Intro talk" %}' },
      { dataDir: team, showWarnings: false },
    );
    assert.match(pages.find((p) => p.inputPath.endsWith("v.njk"))?.content ?? "", /data-youtube-id="0W3d-PJ4-FM"[\s\S]*title="Intro talk"/);
    await assert.rejects(
      build({ "w.njk": '{% groupByExpertise missing, "mentor" %}' }, { dataDir: team, showWarnings: false }),
      (e: Error & { originalError?: Error }) => {
        let text = "";
        for (let x: (Error & { originalError?: Error }) | undefined = e; x; x = x.originalError) text += x.message;
        // The undefined first argument is reported, rather than "mentor" shifting into its place.
        return /group-by-expertise needs one argument/.test(text);
      },
    );
  });

  it("is harmless when registered twice with the same options, and warns when the options differ", async () => {
    const { pages, log } = await build(
      { "a.njk": '{% groupByExpertise "mentor" %}' },
      { dataDir: team, showWarnings: false },
      { register: 2 },
    );
    assert.equal(pages.filter((p) => p.inputPath.endsWith("a.njk")).length, 1);
    assert.equal(log.match(/files read/g)?.length, 1, "the team is loaded once");
    assert.doesNotMatch(log, /registered twice/);

    const other = await build(
      { "a.njk": "x" },
      { dataDir: team, showWarnings: false },
      {
        configure: (config) => config.addPlugin(mentorDirectory, { dataDir: team, showWarnings: false, jsonUrl: "/other.json" }),
      },
    );
    assert.match(
      other.log,
      new RegExp(
        /registered twice with different options; the second registration is ignored /.source +
          /\(`jsonUrl`: "\/other\.json" kept, "\/mentors\.json" ignored\)/.source,
      ),
    );
    assert.equal(other.log.match(/files read/g)?.length, 1);
  });

  it("is quiet with --quiet but for errors, and prints its summary otherwise", async () => {
    const dir = path.join(fixtures, "mentor-yes/team_members");
    const loud = await build({ "a.njk": "x" }, { dataDir: team });
    assert.match(loud.log, /\[mentor-directory\] 42 files read/);
    const quiet = await build({ "a.njk": "x" }, { dataDir: team }, { quiet: true });
    assert.doesNotMatch(quiet.log, /mentor-directory/, quiet.log);
    const failing = await build({ "a.njk": "x" }, { dataDir: dir, failOnError: false }, { quiet: true });
    assert.match(failing.log, /jdoe\.yml:3:9: error mentor-not-boolean/);
    assert.doesNotMatch(failing.log, /files read/);
  });

  it("fails the build on a data error, naming file, line and rule", async () => {
    const dir = path.join(fixtures, "mentor-yes/team_members");
    const error = await build({ "a.njk": "x" }, { dataDir: dir }).then(
      () => assert.fail("the build should fail"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof Error && "log" in error && typeof error.log === "string", "the build's error, with what it printed");
    assert.match(error.log, /jdoe\.yml:3:9: error mentor-not-boolean/);
    assert.match(
      error.message + ((error as { originalError?: Error }).originalError?.message ?? ""),
      /error\(s\) in team-member files|failOnError/,
    );
  });

  it("with failOnError: false, builds every usable entry and prints a summary", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mentor-team-"));
    cpSync(team, dir, { recursive: true });
    writeFileSync(path.join(dir, "person/z/zz-broken.yml"), "name: 'Broken\n");
    mkdirSync(path.join(dir, "person/y"), { recursive: true });
    writeFileSync(path.join(dir, "person/y/yes-mentor.yml"), "name: Yes Mentor\npicture: y.jpg\nmentor: yes\n");
    try {
      const { pages, log } = await build(
        { "a.njk": '{% groupByExpertise "mentor" %}' },
        { dataDir: dir, failOnError: false, showWarnings: false },
      );
      assert.match(
        pages.find((p) => p.inputPath.endsWith("a.njk"))?.content ?? "",
        /Mentors: 10 team members/,
        "every valid mentor is still listed",
      );
      assert.match(log, /44 files read: 43 members loaded, 1 rejected; 9 mentors; 2 errors/);
      assert.match(log, /zz-broken\.yml:1:7: error yaml-syntax/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints a few warnings of each rule and counts the rest, but every error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mentor-team-"));
    for (const letter of ["w", "x"]) mkdirSync(path.join(dir, `person/${letter}`), { recursive: true });
    // Twelve files without a picture (a warning each), and seven with a bad `mentor` (an error each).
    for (let i = 0; i < 12; i++) writeFileSync(path.join(dir, `person/w/w${i}.yml`), `name: W ${i}\n`);
    for (let i = 0; i < 7; i++) writeFileSync(path.join(dir, `person/x/x${i}.yml`), `name: X ${i}\npicture: x.jpg\nmentor: yes\n`);
    try {
      const { log } = await build({ "a.njk": "x" }, { dataDir: dir, failOnError: false });
      assert.equal(log.match(/warning picture-missing/g)?.length, 5, log);
      assert.match(log, /… and 7 more picture-missing warnings: `npx mentor-directory validate .*` lists every one/);
      assert.equal(log.match(/error mentor-not-boolean/g)?.length, 7, "errors are never left out");
      assert.match(log, /19 files read: .*7 errors, 12 warnings/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails on an unknown shortcode with page:line:col counting the front matter, and lists the known ones", async () => {
    const error = await build(
      { "page.md": '---\ntitle: T\nlayout: false\n---\n\nText\n\n{{< nope "x" >}}\n' },
      { dataDir: team, showWarnings: false },
    ).then(
      () => assert.fail("the build should fail"),
      (e: unknown) => e,
    );
    const text = errorText(error);
    assert.match(text, /page\.md:8:1: error shortcode-unknown/);
    assert.match(text, /group-by-expertise/);
    assert.match(text, /youtube/);
  });

  it("writes the team page one byte a character, names in other scripts as references a browser reads back", async () => {
    const wideTeam = mkdtempSync(path.join(tmpdir(), "mentor-wide-team-"));
    const member = (slug: string, text: string): void => {
      mkdirSync(path.join(wideTeam, "person", slug[0] as string), { recursive: true });
      writeFileSync(path.join(wideTeam, "person", slug[0] as string, `${slug}.yml`), text);
    };
    member("yamada", "name: 山田 太郎\nrole: Engineer – Platform\nmentor: true\ngitlab: yamada\ndepartments: [Engineering]\n");
    // Every value of a file with a curly quote is cut from text V8 keeps two bytes a character.
    member("zoe", "name: Zoë 🎉\nrole: Designer\nmentor: true\nexpertise: '<li>Café “latte” art</li><li>Negotiation</li>'\n");
    member("ann", 'name: Ann Lee\nrole: <a href="/jobs/">Support</a>\ndepartments: [Support]\n');
    try {
      const { pages } = await build(
        {
          "team.md": "# Team\n\n{{< team-members >}}\n",
          // The mentoring page's own text holds a dash: its address, cut from it, is two bytes a character.
          "mentoring.md": '---\npermalink: /mentoring/\n---\n# Mentoring – how\n\n{{< group-by-expertise "mentor" >}}\n',
        },
        {
          dataDir: wideTeam,
          showWarnings: false,
          mentoringPageUrl: "/mentoring/",
          // The site's own words, written around the cards rather than kept with them.
          labels: { teamSummary: { one: "{count} member", other: "{count} members – 名簿" } },
        },
      );
      const html = pages.find((p) => p.inputPath.endsWith("team.md"))?.content ?? "";
      // v8's serializer tags a string kept one byte a character with `"`, one of two bytes with `c`.
      assert.equal(String.fromCharCode(serialize(html)[2] ?? 0), '"', "the team page is one byte a character");
      assert.doesNotMatch(html, /[^\0-\xff]/u);
      assert.match(html, />&#x5C71;&#x7530; &#x592A;&#x90CE;</, "山田 太郎, one reference a character");
      assert.match(html, />Zo\u00eb &#x1F389;</, "ë stays as it is, the emoji is one reference");
      assert.match(html, /Engineer &#x2013; Platform/);
      assert.match(html, />Caf\u00e9 &#x201C;latte&#x201D; art</);
      assert.match(html, /href="\/mentoring\/#mentor-yamada"/);
      assert.match(html, />3 members &#x2013; &#x540D;&#x7C3F;</);
      const text = toText(fromHtml(html, { fragment: true }));
      for (const shown of ["山田 太郎", "Zoë 🎉", "Engineer – Platform", "Café “latte” art", "Negotiation"])
        assert.ok(text.includes(shown), shown);
    } finally {
      rmSync(wideTeam, { recursive: true, force: true });
    }
  });

  it("rejects a bad option naming the package, the option and the value", () => {
    assert.throws(
      () => mentorDirectory({ versionCheck() {} } as never, { teamPageUrl: "team" }),
      (e: Error) => e instanceof OptionError && /\[eleventy-plugin-mentor-directory\] option `teamPageUrl`.*"team"/.test(e.message),
    );
    assert.throws(() => mentorDirectory({ versionCheck() {} } as never, { dataDirectory: "x" } as never), /option `dataDirectory`/);
  });
});
