// Page-weight budget, checked over the files the build writes: what a reader downloads to open
// the mentoring page, what could hold up its first paint, and what could reach another host.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fromHtml } from "hast-util-from-html";
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import { buildSite, fileOf, PAGES } from "../browser/harness.js";

const KB = 1024;
// 100 KB until the scripts took their words from a table the page loads (labels.js, 4 KB) and
// the cards showed where people work from, with a country filter and index (5 KB of HTML).
const MENTORING_BUDGET = 110 * KB;

/** Every element, including those inside `<template>` contents, with whether they are inert there. */
function walk(tree: Root, callback: (element: Element, inTemplate: boolean) => void, inTemplate = false): void {
  visit(tree, "element", (element: Element) => {
    callback(element, inTemplate);
    if (element.tagName === "template" && element.content) walk(element.content, callback, true);
  });
}

const isClassicScript = (script: Element): boolean => {
  const type = (script.properties.type ?? "").toLowerCase();
  return type === "" || /^(text|application)\/(java|ecma)script$/.test(type);
};

/** Scripts that hold up parsing or rendering: classic scripts without `defer` or `async`. */
function blockingScripts(html: string): string[] {
  const found: string[] = [];
  walk(fromHtml(html), (element, inTemplate) => {
    if (inTemplate || element.tagName !== "script") return;
    if ((element.properties.type ?? "").toLowerCase() === "module") return;
    if (!isClassicScript(element)) return; // data blocks (JSON-LD, import maps) do not run
    const src = element.properties.src;
    if (src === undefined) {
      found.push("inline classic <script>");
      return;
    }
    if (element.properties.defer !== true && element.properties.async !== true) found.push(`<script src="${src}">`);
  });
  return found;
}

/** Iframes, live or waiting in a template, without `loading="lazy"` or without a title. */
function eagerOrUntitledFrames(html: string): string[] {
  const found: string[] = [];
  walk(fromHtml(html), (element) => {
    if (element.tagName !== "iframe") return;
    const src = element.properties.src ?? "";
    if (element.properties.loading !== "lazy") found.push(`not lazy: ${src}`);
    if ((element.properties.title ?? "").trim() === "") found.push(`no title: ${src}`);
  });
  return found;
}

const isExternal = (url: string): boolean => /^(https?:)?\/\//i.test(url);

/**
 * Resources from another host that a browser fetches while it opens the page: anything but links,
 * content inside `<template>` (inert until a script uses it) and lazy iframes (listed apart).
 */
function thirdPartyResources(html: string): string[] {
  const found: string[] = [];
  walk(fromHtml(html), (element, inTemplate) => {
    if (inTemplate) return;
    const { tagName, properties } = element;
    const candidates: unknown[] = [];
    if (
      tagName === "script" ||
      tagName === "img" ||
      tagName === "source" ||
      tagName === "audio" ||
      tagName === "video" ||
      tagName === "track" ||
      tagName === "embed" ||
      tagName === "input"
    ) {
      candidates.push(properties.src, properties.poster);
    }
    if (tagName === "img" || tagName === "source") {
      for (const entry of (properties.srcSet ?? "").split(",")) candidates.push(entry.trim().split(/\s+/)[0]);
    }
    if (tagName === "link") candidates.push(properties.href);
    if (tagName === "object") candidates.push(properties.data);
    if (tagName === "iframe" && properties.loading !== "lazy") candidates.push(properties.src);
    if (typeof properties.style === "string") candidates.push(...cssUrls(properties.style));
    for (const url of candidates) if (typeof url === "string" && isExternal(url)) found.push(`<${tagName}> ${url}`);
  });
  return found;
}

/** `url(…)` and `@import` targets of a stylesheet. */
function cssUrls(css: string): string[] {
  const urls: string[] = [];
  for (const match of css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3/g)) urls.push(match[2] ?? match[4] ?? "");
  return urls.filter((url) => url !== "");
}

/** Same-site files a page loads at once: stylesheets, scripts and the modules they import. */
function pageFiles(out: string, html: string): string[] {
  const files = new Set<string>();
  const add = (url: string, from: string): void => {
    if (isExternal(url) || url.startsWith("data:")) return;
    const file = url.startsWith("/") ? path.join(out, url) : path.join(path.dirname(from), url);
    if (files.has(file)) return;
    files.add(file);
    if (file.endsWith(".js")) {
      for (const match of readFileSync(file, "utf8").matchAll(
        /^\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm,
      )) {
        add(match[1] ?? match[2] ?? "", file);
      }
    }
    if (file.endsWith(".css")) for (const url of cssUrls(readFileSync(file, "utf8"))) add(url, file);
  };
  walk(fromHtml(html), (element, inTemplate) => {
    if (inTemplate) return;
    const rel = ([] as unknown[]).concat(element.properties.rel ?? []).map(String);
    if (element.tagName === "link" && (rel.includes("stylesheet") || rel.includes("modulepreload")))
      add(String(element.properties.href), out);
    if (element.tagName === "script" && typeof element.properties.src === "string") add(element.properties.src, out);
  });
  return [...files];
}

describe("page weight budget (built files)", function () {
  this.timeout(120_000);
  let out: string;
  const html = (file: string): string => readFileSync(path.join(out, file), "utf8");
  const htmlFiles = (): string[] => (readdirSync(out, { recursive: true }) as string[]).filter((file) => file.endsWith(".html"));

  before(async () => {
    out = await buildSite();
  });

  describe("the checks themselves", () => {
    it("find a render-blocking script", () => {
      assert.deepEqual(
        blockingScripts(
          '<head><script src="/a.js"></script><script>x()</script><script type="module" src="/m.js"></script>' +
            '<script defer src="/d.js"></script><script type="application/ld+json">{}</script></head>',
        ),
        ['<script src="/a.js">', "inline classic <script>"],
      );
    });

    it("find an eager or untitled iframe, in a template too", () => {
      assert.deepEqual(
        eagerOrUntitledFrames(
          '<iframe src="https://a.example/" title="A"></iframe>' +
            '<template><iframe src="https://b.example/" loading="lazy"></iframe></template>',
        ),
        ["not lazy: https://a.example/", "no title: https://b.example/"],
      );
    });

    it("find third-party resources, but not links, template contents or lazy frames", () => {
      assert.deepEqual(
        thirdPartyResources(
          '<link rel="stylesheet" href="https://cdn.example/x.css"><img src="//img.example/a.png"><a href="https://ok.example/">ok</a>' +
            '<template><iframe src="https://video.example/" loading="lazy"></iframe></template>' +
            '<iframe src="https://slides.example/" loading="lazy" title="s"></iframe>' +
            '<div style="background: url(https://bg.example/b.png)"></div><img src="/local.png">',
        ),
        ["<link> https://cdn.example/x.css", "<img> //img.example/a.png", "<div> https://bg.example/b.png"],
      );
    });
  });

  it(`the mentoring page's own HTML, CSS and JS stay under ${MENTORING_BUDGET / KB} KB`, () => {
    const page = fileOf(PAGES.mentoring);
    const files = [path.join(out, page), ...pageFiles(out, html(page))];
    const sizes = files.map((file) => ({ file: path.relative(out, file), bytes: readFileSync(file).length }));
    const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
    assert.ok(
      sizes.some(({ file }) => file.endsWith(".css")),
      "the page's stylesheets are counted",
    );
    assert.ok(
      sizes.some(({ file }) => file.endsWith(".js")),
      "the page's scripts are counted",
    );
    assert.ok(
      total < MENTORING_BUDGET,
      `${(total / KB).toFixed(1)} KB: ${sizes.map(({ file, bytes }) => `${file} ${(bytes / KB).toFixed(1)} KB`).join(", ")}`,
    );
  });

  it("no page has a render-blocking script", () => {
    const files = htmlFiles();
    assert.ok(files.length >= 3);
    for (const file of files) assert.deepEqual(blockingScripts(html(file)), [], file);
  });

  it("every iframe is lazy and titled, and the video players wait in a template", () => {
    for (const file of htmlFiles()) assert.deepEqual(eagerOrUntitledFrames(html(file)), [], file);
    const players: string[] = [];
    walk(fromHtml(html(fileOf(PAGES.mentoring))), (element, inTemplate) => {
      if (element.tagName === "iframe" && /youtube/.test(String(element.properties.src)) && !inTemplate)
        players.push(String(element.properties.src));
    });
    assert.deepEqual(players, [], "no video player loads with the page");
  });

  it("no page loads anything from another host as it opens", () => {
    for (const file of htmlFiles()) assert.deepEqual(thirdPartyResources(html(file)), [], file);
    for (const file of (readdirSync(out, { recursive: true }) as string[]).filter((name) => name.endsWith(".css"))) {
      assert.deepEqual(cssUrls(readFileSync(path.join(out, file), "utf8")).filter(isExternal), [], file);
    }
  });
});
