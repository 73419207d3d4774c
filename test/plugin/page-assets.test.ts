import assert from "node:assert/strict";
import { addAssetTags, assetFiles, featureOfShortcode, type PageFeature } from "../../plugin/eleventy/page-assets.js";
import { builtinShortcodes } from "../../shortcodes/index.js";

const ASSETS = "/assets/mentor-directory/";
const prefixed = (url: string): string => `/docs${url}`;
const page = (head: string, body = '<div class="mentor-directory"></div>'): string =>
  `<!doctype html>\n<html>\n<head>\n<title>T</title>\n${head}</head>\n<body>${body}</body>\n</html>\n`;

describe("the browser files of a page", () => {
  it("every shortcode of the plugin that writes something a script or the stylesheet acts on has a feature", () => {
    const features = builtinShortcodes.map((definition) => featureOfShortcode(definition.name));
    assert.deepEqual(features, ["directory", "team", "facade"]);
    assert.equal(featureOfShortcode("toString"), undefined, "only the plugin's own names");
  });

  it("lists the stylesheet once, first, and the scripts in a fixed order", () => {
    assert.deepEqual(assetFiles(new Set<PageFeature>(["fillable", "directory", "team"])), [
      "mentor-directory.css",
      "mentor-directory.js",
      "team-directory.js",
      "fillable-table.js",
    ]);
    // The stylesheet has nothing for the video's stand-in: a page with a video only loads its script.
    assert.deepEqual(assetFiles(new Set<PageFeature>(["facade"])), ["youtube-facade.js"]);
    assert.deepEqual(assetFiles(new Set()), []);
  });

  it("adds the tags at the end of the head, at the URL the site gives", () => {
    const html = page("");
    const result = addAssetTags(html, ["mentor-directory.css", "mentor-directory.js"], ASSETS, prefixed);
    assert.equal(
      result,
      page(
        '<link rel="stylesheet" href="/docs/assets/mentor-directory/mentor-directory.css">\n' +
          '<script type="module" src="/docs/assets/mentor-directory/mentor-directory.js"></script>\n',
      ),
    );
  });

  it("does not add a tag the page already has, prefixed or not, absolute, with a query, or with single quotes", () => {
    for (const present of [
      '<link rel="stylesheet" href="/assets/mentor-directory/mentor-directory.css">',
      '<link href="/docs/assets/mentor-directory/mentor-directory.css?v=2" rel="stylesheet">',
      "<LINK rel=stylesheet href='https://example.com/docs/assets/mentor-directory/mentor-directory.css'>",
      "<link rel=stylesheet href=/assets/mentor-directory/mentor-directory.css>",
    ]) {
      const html = page(`${present}\n`);
      const result = addAssetTags(html, ["mentor-directory.css", "mentor-directory.js"], ASSETS, prefixed);
      assert.equal(result.match(/mentor-directory\.css/g)?.length, 1, present);
      assert.equal(
        result.match(/<script type="module" src="\/docs\/assets\/mentor-directory\/mentor-directory\.js"><\/script>/g)?.length,
        1,
      );
    }
    // A script at the end of the body counts as well.
    const atEnd = page("", '<script type="module" src="/assets/mentor-directory/mentor-directory.js"></script>');
    assert.equal(addAssetTags(atEnd, ["mentor-directory.js"], ASSETS, prefixed), atEnd);
  });

  it("counts tags, not text: a page that shows the snippet in a code block still gets the files", () => {
    const shown = '<pre><code>&lt;script type="module" src="/assets/mentor-directory/mentor-directory.js"&gt;&lt;/script&gt;</code></pre>';
    const result = addAssetTags(page("", shown), ["mentor-directory.js"], ASSETS, (url) => url);
    assert.match(result, /<script type="module" src="\/assets\/mentor-directory\/mentor-directory\.js"><\/script>\n<\/head>/);
  });

  it("another file of the same name elsewhere is not the plugin's", () => {
    const other = page('<script type="module" src="/js/mentor-directory.js"></script>\n');
    assert.match(
      addAssetTags(other, ["mentor-directory.js"], ASSETS, (url) => url),
      /src="\/assets\/mentor-directory\/mentor-directory\.js"/,
    );
  });

  it("leaves alone what has no head (a body rendered into a feed, a page without a layout)", () => {
    const fragment = '<div class="mentor-directory"></div>';
    assert.equal(addAssetTags(fragment, ["mentor-directory.css"], ASSETS, prefixed), fragment);
  });

  it("finds the head's end before the directories, whatever their text", () => {
    // A team page's text is the team's: a member may well write `</head>` in a field (escaped, but a
    // site's own fragment need not be). The head ends before the first directory.
    const team = '<div class="team-directory" data-team-directory><p>a </head> b</p></div>';
    assert.equal(addAssetTags(team, ["team-directory.js"], ASSETS, prefixed), team);
    const laidOut = page("", `${team}<div class="mentor-directory" data-mentor-directory></div>`);
    const result = addAssetTags(laidOut, ["team-directory.js"], ASSETS, prefixed);
    assert.match(result, /<script type="module" src="\/docs\/assets\/mentor-directory\/team-directory\.js"><\/script>\n<\/head>/);
    assert.equal(result.split("team-directory.js").length, 2, "one tag, in the head");
  });

  it("escapes the URL it writes", () => {
    const result = addAssetTags(page(""), ["mentor-directory.js"], ASSETS, (url) => `/a"b&c${url}`);
    assert.match(result, /src="\/a&quot;b&amp;c\/assets\/mentor-directory\/mentor-directory\.js"/);
  });
});
