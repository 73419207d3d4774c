import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Element, ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import { h } from "hastscript";
import { HtmlValidate } from "html-validate";
import { visit } from "unist-util-visit";
import * as markdown from "../../plugin/markdown/index.js";
import { headingSlug, MarkdownRenderError, renderMarkdown, rewriteHref, type RenderMarkdownOptions } from "../../plugin/markdown/index.js";
import { createShortcodeRegistry } from "../../shortcodes/registry.js";
import { ShortcodeUsageError, type ShortcodeDefinition } from "../../shortcodes/types.js";
import { youtube } from "../../shortcodes/youtube.js";
import { context, echo, groupByExpertiseStub, note, pageUrl, registry } from "../fixtures/markdown/shortcodes.js";
import { outputHtml } from "../../shortcodes/output.js";

const referencePath = new URL("../fixtures/markdown/reference/mentoring.md", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/markdown/${name}`, import.meta.url), "utf8");

function options(extra: Partial<RenderMarkdownOptions> = {}): RenderMarkdownOptions {
  return { file: "page.md", shortcodes: registry, context, pageUrl, toc: false, ...extra };
}

function renderError(source: string, extra: Partial<RenderMarkdownOptions> = {}): MarkdownRenderError {
  try {
    renderMarkdown(source, options(extra));
  } catch (error) {
    assert.ok(error instanceof MarkdownRenderError, `unexpected error: ${String(error)}`);
    return error;
  }
  assert.fail("expected the render to fail");
}

function elements(tree: Root | Element, tagName: string): Element[] {
  const found: Element[] = [];
  visit(tree, "element", (node) => {
    if (node.tagName === tagName) found.push(node);
  });
  return found;
}

function document(body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Mentoring at GitLab</title>
</head>
<body>
<main>
<h1>Mentoring at GitLab</h1>
${body}
</main>
</body>
</html>
`;
}

async function validationErrors(html: string): Promise<string[]> {
  const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
  const report = await validator.validateString(document(html));
  return report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

describe("markdown: public API", () => {
  it("exposes exactly the documented names", () => {
    assert.deepEqual(Object.keys(markdown).sort(), [
      "MarkdownRenderError",
      "brokenAnchorMessage",
      "headingSlug",
      "inspectPage",
      "renderMarkdown",
      "rewriteHref",
    ]);
  });

  it("renders synchronously to html and headings", () => {
    const result = renderMarkdown("## Hello *world*\n\nText.\n", options());
    assert.ok(!(result instanceof Promise));
    assert.equal(result.html, '<h2 id="hello-world">Hello <em>world</em></h2>\n<p>Text.</p>');
    assert.deepEqual(result.headings, [{ depth: 2, id: "hello-world", text: "Hello world" }]);
  });

  it("prepends a table of contents by default", () => {
    const result = renderMarkdown("## One\n\n### Two\n", { context });
    assert.match(
      result.html,
      new RegExp(
        /^<nav class="toc" aria-labelledby="on-this-page"><h2 id="on-this-page">On this page<\/h2>/.source +
          /<ul><li><a href="#one">One<\/a><ul><li><a href="#two">Two<\/a><\/li><\/ul><\/li><\/ul><\/nav>/.source,
      ),
    );
    assert.deepEqual(
      result.headings.map((heading) => heading.id),
      ["one", "two"],
    );
  });

  it("has no table of contents without h2 or h3", () => {
    assert.equal(renderMarkdown("#### Deep\n", { context }).html, '<h4 id="deep">Deep</h4>');
  });

  it("names the default file in diagnostics", () => {
    const error = (() => {
      try {
        renderMarkdown("{{< nope >}}\n", { context });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(error instanceof MarkdownRenderError);
    assert.equal(error.diagnostics[0]?.file, "<markdown>");
  });
});

describe("markdown: errors", () => {
  it("reports every problem of the page, formatted file:line:col: error rule: message, each hint on the next line", () => {
    const error = renderError("{{< nope >}}\n\n{{< youtube >}}\n\n{{< note >}}\n\n[x](#missing)\n");
    assert.equal(error.name, "MarkdownRenderError");
    assert.deepEqual(
      error.diagnostics.map((d) => [d.line, d.column, d.rule]),
      [
        [1, 1, "shortcode-unknown"],
        [3, 1, "shortcode-usage"],
        [5, 1, "shortcode-unclosed"],
        [7, 1, "broken-anchor"],
      ],
    );
    // The one formatter of the project: each problem, then its hint indented below it.
    const lines = error.message.split("\n").filter((line) => !line.startsWith("  hint: "));
    assert.equal(lines.length, 4);
    assert.equal(error.message.split("\n").length, 4 + error.diagnostics.filter((d) => d.hint).length);
    assert.match(lines[0] ?? "", /^page\.md:1:1: error shortcode-unknown: unknown shortcode "nope"; known shortcodes: /);
    assert.match(lines[1] ?? "", /^page\.md:3:1: error shortcode-usage: shortcode "youtube": missing the video id/);
    assert.match(lines[3] ?? "", /^page\.md:7:1: error broken-anchor: /);
  });

  it("lists the usage line of every known shortcode for an unknown one", () => {
    const error = renderError('Text {{< yotube "0W3d-PJ4-FM" >}}\n');
    const diagnostic = error.diagnostics[0];
    for (const definition of registry.values()) {
      assert.ok(diagnostic?.message.includes(definition.usage), `missing ${definition.usage}`);
    }
    assert.equal(diagnostic?.hint, 'Did you mean "youtube"?');
    assert.equal(diagnostic.column, 6);
  });

  it("carries the shortcode's hint for a usage error", () => {
    const error = renderError('{{< youtube "https://youtu.be/0W3d-PJ4-FM" >}}\n');
    assert.equal(error.diagnostics[0]?.rule, "shortcode-usage");
    assert.equal(error.diagnostics[0].hint, 'Give the id, not the address: {{< youtube "0W3d-PJ4-FM" >}}');
  });

  it("adds the line offset to every line, not to columns", () => {
    const source = "\n\nText {{< nope >}}\n\n[x](#missing)\n";
    const plain = renderError(source).diagnostics.map((d) => [d.line, d.column]);
    const shifted = renderError(source, { lineOffset: 4 }).diagnostics.map((d) => [d.line, d.column]);
    assert.deepEqual(plain, [
      [3, 6],
      [5, 1],
    ]);
    assert.deepEqual(shifted, [
      [7, 6],
      [9, 1],
    ]);
  });

  it("suggests the closest id for a broken in-page link", () => {
    const error = renderError("[x](#find-a-mentr)\n\n## Find a mentor\n");
    assert.equal(error.diagnostics[0]?.hint, 'Did you mean "#find-a-mentor"?');
  });

  it("lets a crashing shortcode surface as a bug, with the place of the call", () => {
    const broken: ShortcodeDefinition = {
      name: "broken",
      templateName: "broken",
      paired: false,
      usage: "{{< broken >}}",
      render() {
        throw new RangeError("boom");
      },
    };
    assert.throws(
      () =>
        renderMarkdown("\n{{< broken >}}\n", {
          ...options(),
          shortcodes: createShortcodeRegistry([broken]),
          lineOffset: 2,
        }),
      (error: unknown) =>
        error instanceof Error &&
        !(error instanceof MarkdownRenderError) &&
        error.message === 'page.md:4:1: shortcode "broken" failed: boom' &&
        error.cause instanceof RangeError,
    );
  });
});

describe("markdown: shortcodes and hast", () => {
  it("accepts frozen output nodes", () => {
    const frozen = Object.freeze(h("p", { className: ["frozen"] }, "cached")) as Element;
    Object.freeze(frozen.children);
    Object.freeze(frozen.properties);
    const cached: ShortcodeDefinition = {
      name: "cached",
      templateName: "cached",
      paired: false,
      usage: "{{< cached >}}",
      render: () => [frozen],
    };
    const result = renderMarkdown("{{< cached >}}\n\n{{< cached >}}\n", {
      ...options(),
      shortcodes: createShortcodeRegistry([cached]),
    });
    assert.equal(result.html, '<p class="frozen">cached</p>\n<p class="frozen">cached</p>');
  });

  it("gives paired shortcodes their content as plain hast, nested shortcodes already rendered", () => {
    const seen: string[] = [];
    const inspect: ShortcodeDefinition = {
      name: "inspect",
      templateName: "inspect",
      paired: true,
      usage: "{{< inspect >}}…{{< /inspect >}}",
      render(_args, _context, children = []) {
        visit({ type: "root", children } as Root, (node) => {
          seen.push(node.type === "element" ? node.tagName : node.type);
        });
        return [h("div", children)];
      },
    };
    const result = renderMarkdown('{{< inspect >}}\n*a* <kbd>b</kbd> {{< echo "c" >}}\n{{< /inspect >}}\n', {
      ...options(),
      shortcodes: createShortcodeRegistry([inspect, echo]),
    });
    assert.deepEqual(
      seen.filter((type) => type !== "text"),
      ["root", "p", "em", "kbd", "span"],
    );
    assert.equal(result.html, '<div>\n<p><em>a</em> <kbd>b</kbd> <span class="echo">c; </span></p>\n</div>');
  });

  it("keeps headings produced by shortcodes out of the headings list and the TOC", () => {
    const section: ShortcodeDefinition = {
      name: "section",
      templateName: "section",
      paired: false,
      usage: "{{< section >}}",
      render: () => [h("h3", { id: "topic-x" }, "Topic X"), h("h3", "No id")],
    };
    const result = renderMarkdown("## Page\n\n{{< section >}}\n\n[x](#topic-x)\n", {
      context,
      shortcodes: createShortcodeRegistry([section]),
    });
    assert.deepEqual(result.headings, [{ depth: 2, id: "page", text: "Page" }]);
    assert.match(result.html, /<h3 id="topic-x">Topic X<\/h3>\n?<h3 id="no-id">No id<\/h3>/);
    assert.match(result.html, /<ul><li><a href="#page">Page<\/a><\/li><\/ul><\/nav>/);
  });

  it("passes the arguments as written", () => {
    const calls: unknown[] = [];
    const spy: ShortcodeDefinition = {
      name: "spy",
      templateName: "spy",
      paired: false,
      usage: "{{< spy >}}",
      render(args) {
        calls.push(args);
        return [];
      },
    };
    renderMarkdown('{{< spy "a \\"b\\"" `c\\d` e f="g" h=i >}}\n', {
      ...options(),
      shortcodes: createShortcodeRegistry([spy]),
    });
    const [args] = calls as { positional: string[]; named: Record<string, string> }[];
    assert.deepEqual(args?.positional, ['a "b"', "c\\d", "e"]);
    // A null-prototype map: `__proto__="x"` or `constructor` in a page cannot reach Object.prototype.
    assert.deepEqual({ ...args.named }, { f: "g", h: "i" });
    assert.equal(Object.getPrototypeOf(args.named), null);
    assert.ok(Object.isFrozen(args) && Object.isFrozen(args.named) && Object.isFrozen(args.positional));
  });
});

describe("markdown: links", () => {
  const linkOptions = {
    pageUrl,
    upstreamUrl: "https://handbook.gitlab.com",
    isLocalPath: (pathname: string) => pathname === pageUrl || pathname === "/company/team/",
  };

  it("rewrites paths this site does not serve, keeps the rest", () => {
    const cases: [string, string][] = [
      ["/handbook/values/#iteration", "https://handbook.gitlab.com/handbook/values/#iteration"],
      // Relative links resolve on this site by construction: never moved.
      ["company-program", "company-program"],
      ["../", "../"],
      ["/company/team/#jane", "/company/team/#jane"],
      ["./#results", "./#results"],
      ["#results", "#results"],
      ["https://example.com/a", "https://example.com/a"],
      ["mailto:a@example.com", "mailto:a@example.com"],
      ["//cdn.example.com/x", "//cdn.example.com/x"],
    ];
    for (const [href, expected] of cases) assert.equal(rewriteHref(href, linkOptions), expected, href);
  });

  it("defaults upstreamUrl to the context's; without one no link is rewritten", () => {
    const own = renderMarkdown("[v](/handbook/values/)\n", {
      context: { ...context, upstreamUrl: "https://mirror.example.org/" },
      toc: false,
    });
    assert.equal(own.html, '<p><a href="https://mirror.example.org/handbook/values/">v</a></p>');
    const fallback = renderMarkdown("[v](/handbook/values/)\n", {
      context: { ...context, upstreamUrl: "" },
      toc: false,
    });
    assert.equal(fallback.html, '<p><a href="/handbook/values/">v</a></p>');
  });

  it("uses isLocalPath when given", () => {
    const result = renderMarkdown("[a](/local/) [b](/handbook/)\n", {
      ...options(),
      isLocalPath: (pathname) => pathname.startsWith("/local/"),
    });
    assert.equal(result.html, '<p><a href="/local/">a</a> <a href="https://handbook.gitlab.com/handbook/">b</a></p>');
  });
});

describe("markdown: heading ids", () => {
  it("match Hugo's github style", () => {
    const cases: [string, string][] = [
      ["Mentee: What to do before your mentorship begins", "mentee-what-to-do-before-your-mentorship-begins"],
      ["FAQs for New Mentors and Mentees", "faqs-for-new-mentors-and-mentees"],
      ["1:1's & more!", "11s--more"],
      ["  Trimmed  ", "trimmed"],
      ["Über naïve café", "über-naïve-café"],
      ["snake_case-and-kebab", "snake_case-and-kebab"],
      ["Ελληνικά 日本語", "ελληνικά-日本語"],
      ["What is your goal?", "what-is-your-goal"],
    ];
    for (const [text, expected] of cases) assert.equal(headingSlug(text), expected, text);
  });
});

describe("shortcodes: registry", () => {
  it("indexes definitions by name", () => {
    const map = createShortcodeRegistry([youtube, echo]);
    assert.deepEqual([...map.keys()], ["youtube", "echo"]);
    assert.equal(map.get("youtube"), youtube);
  });

  it("rejects duplicate names", () => {
    assert.throws(() => createShortcodeRegistry([echo, { ...echo, templateName: "echo2" }]), /"echo" is defined twice/);
  });

  it("rejects two definitions with one template name", () => {
    assert.throws(() => createShortcodeRegistry([echo, { ...echo, name: "echo-2" }]), /"echo" and "echo-2" share the template name "echo"/);
  });

  it("rejects names the syntax cannot spell", () => {
    assert.throws(() => createShortcodeRegistry([{ ...echo, name: "my shortcode" }]), TypeError);
    assert.throws(() => createShortcodeRegistry([{ ...echo, templateName: "my-shortcode" }]), TypeError);
  });
});

describe("shortcodes: youtube", () => {
  const render = (positional: string[], named: Record<string, string> = {}) => outputHtml(youtube.render({ positional, named }, context));

  it("renders a click-to-load facade with the embed in a template", () => {
    const tree = fromHtml(render(["0W3d-PJ4-FM"]), { fragment: true });
    const [container] = elements(tree, "div");
    assert.deepEqual(container?.properties.className, ["embed", "embed-youtube"]);
    const [link] = elements(tree, "a");
    assert.equal(link?.properties.href, "https://www.youtube.com/watch?v=0W3d-PJ4-FM");
    assert.equal(link.properties.dataYoutubeId, "0W3d-PJ4-FM");
    assert.equal(toText(link), "Play video: YouTube video");
    // No iframe outside the template: nothing is requested from YouTube before a click.
    assert.equal(elements(tree, "iframe").length, 0);
    const [template] = elements(tree, "template");
    const iframes = elements(template?.content as unknown as Root, "iframe");
    assert.equal(iframes.length, 1);
    const iframe = iframes[0] as Element;
    assert.equal(iframe.properties.src, "https://www.youtube-nocookie.com/embed/0W3d-PJ4-FM");
    assert.equal(iframe.properties.title, "YouTube video");
    assert.equal(iframe.properties.loading, "lazy");
    assert.equal(iframe.properties.referrerPolicy, "strict-origin-when-cross-origin");
    assert.equal(iframe.properties.allowFullScreen, true);
    assert.match(String(iframe.properties.allow), /encrypted-media/);
  });

  it("accepts id= and title=", () => {
    const html = render([], { id: "u4kTlK5mUHc", title: "Why mentoring matters" });
    assert.match(html, /data-youtube-id="u4kTlK5mUHc"/);
    assert.match(html, /title="Why mentoring matters"/);
    assert.match(html, />Play video: Why mentoring matters</);
  });

  it("rejects ids that are not 11 id characters, with a hint", () => {
    for (const id of ["", "0W3d-PJ4", "0W3d-PJ4-FM0", "0W3d PJ4-FM", '0W3d"PJ4-FM']) {
      assert.throws(
        () => youtube.render({ positional: [id], named: {} }, context),
        (error: unknown) => error instanceof ShortcodeUsageError && typeof error.hint === "string" && error.hint.length > 0,
        JSON.stringify(id),
      );
    }
  });

  it("rejects unknown, extra and conflicting arguments", () => {
    const calls: [string[], Record<string, string>][] = [
      [["0W3d-PJ4-FM"], { tittle: "x" }],
      [["0W3d-PJ4-FM", "extra"], {}],
      [["0W3d-PJ4-FM"], { id: "u4kTlK5mUHc" }],
      [[], {}],
    ];
    for (const [positional, named] of calls) {
      assert.throws(() => youtube.render({ positional, named }, context), ShortcodeUsageError);
    }
  });
});

describe("markdown: valid HTML", () => {
  for (const name of ["youtube", "iframes", "tables", "script-injection", "links", "nested-paired"]) {
    it(`${name} fixture passes html-validate:recommended`, async () => {
      assert.deepEqual(await validationErrors(fixture(`${name}/output.html`)), []);
    });
  }

  it("the validator does fail on the raw embeds, so the test can fail", async () => {
    const errors = await validationErrors(
      '<iframe src="https://docs.google.com/presentation/d/e/x/embed" frameborder="0" allowfullscreen="true"></iframe>',
    );
    assert.ok(errors.some((error) => error.includes("no-deprecated-attr")));
    assert.ok(errors.some((error) => error.includes("element-required-attributes")));
  });
});

describe("markdown: the reference page", () => {
  const source = readFileSync(referencePath, "utf8");
  const frontMatter = /^---\n[\s\S]*?\n---\n/.exec(source)?.[0] ?? "";
  const body = source.slice(frontMatter.length);
  const lineOffset = frontMatter.split("\n").length - 1;
  const pageRegistry = createShortcodeRegistry([youtube, groupByExpertiseStub]);
  const render = (text: string) =>
    renderMarkdown(text, {
      file: "mentoring.md",
      lineOffset,
      shortcodes: pageRegistry,
      context,
      pageUrl,
    });
  const result = render(body);
  const tree = fromHtml(result.html, { fragment: true });

  function tableAfter(headingId: string): Element {
    let seen = false;
    let found: Element | undefined;
    visit(tree, "element", (node) => {
      if (node.properties.id === headingId) seen = true;
      else if (seen && !found && node.tagName === "table") found = node;
    });
    assert.ok(found, `no table after #${headingId}`);
    return found;
  }

  function bodyRows(table: Element): Element[] {
    return elements(elements(table, "tbody")[0] as Element, "tr");
  }

  it("front matter is three lines", () => {
    assert.equal(lineOffset, 3);
  });

  it("keeps the expectations table: 14 rows", () => {
    const table = tableAfter("expectations");
    assert.equal(bodyRows(table).length, 14);
    assert.deepEqual(
      elements(table, "th").map((th) => toText(th)),
      ["Expectation", "Description"],
    );
  });

  it("keeps the goal matrix: 6 columns, one row of 6 empty cells", () => {
    const table = tableAfter("what-is-your-goal");
    // The first table under this heading is the criteria table; the matrix follows it.
    const tables = elements(tree, "table");
    const matrix = tables[tables.indexOf(table) + 1] as Element;
    assert.deepEqual(
      elements(matrix, "th").map((th) => toText(th)),
      ["Time-bound", "Certain", "Specific", "Positive", "Measurable", "Personal"],
    );
    const rows = bodyRows(matrix);
    assert.equal(rows.length, 1);
    const cells = elements(rows[0] as Element, "td");
    assert.equal(cells.length, 6);
    for (const cell of cells) assert.equal(toText(cell), "");
  });

  it("keeps the FAQ table: 6 rows", () => {
    assert.equal(bodyRows(tableAfter("faqs-for-new-mentors-and-mentees")).length, 6);
  });

  it("resolves every in-page link", () => {
    const ids = new Set<string>();
    visit(tree, "element", (node) => {
      if (typeof node.properties.id === "string") ids.add(node.properties.id);
    });
    const fragments = elements(tree, "a")
      .map((a) => String(a.properties.href))
      .filter((href) => href.startsWith("#"))
      .map((href) => decodeURIComponent(href.slice(1)));
    for (const id of ["find-a-mentor", "become-a-mentor", "organized-mentorship-programs", "expectations", "sample-sync-meeting-agendas"]) {
      assert.ok(fragments.includes(id), `the page links to #${id}`);
    }
    for (const fragment of fragments) assert.ok(ids.has(fragment), `#${fragment} has a target`);
  });

  it("leaves no shortcode syntax in the output", () => {
    assert.ok(!result.html.includes("{{<"));
    assert.ok(!result.html.includes("{{%"));
    assert.equal(elements(tree, "table").filter((t) => t.properties.id === "topic-mentor").length, 1);
  });

  it("sends root-relative links to pages this site lacks upstream, and keeps relative ones", () => {
    const hrefs = elements(tree, "a").map((a) => String(a.properties.href));
    assert.ok(hrefs.includes("https://handbook.gitlab.com/handbook/values/#growth-mindset"));
    assert.ok(hrefs.includes("company-program"));
    const rootRelative = hrefs.filter((href) => href.startsWith("/") && !href.startsWith("//"));
    assert.deepEqual(
      rootRelative.filter((href) => !href.startsWith("/company/team/")),
      [],
    );
  });

  it("makes the slides accessible and the videos click-to-load", () => {
    const iframes = elements(tree, "iframe");
    assert.deepEqual(
      iframes.map((iframe) => iframe.properties.title),
      ["Slides: Results", "Slides: Mentor and Mentee training"],
    );
    for (const iframe of iframes) {
      assert.equal(iframe.properties.loading, "lazy");
      assert.equal(iframe.properties.allowFullScreen, true);
      assert.equal(iframe.properties.frameBorder, undefined);
      assert.equal(iframe.properties.mozallowfullscreen, undefined);
    }
    assert.deepEqual(
      elements(tree, "a")
        .filter((a) => a.properties.dataYoutubeId !== undefined)
        .map((a) => a.properties.dataYoutubeId),
      ["0W3d-PJ4-FM", "u4kTlK5mUHc"],
    );
  });

  it("reports its headings with Hugo's ids", () => {
    assert.ok(
      result.headings.some(
        (heading) =>
          heading.depth === 3 &&
          heading.id === "mentee-what-to-do-before-your-mentorship-begins" &&
          heading.text === "Mentee: What to do before your mentorship begins",
      ),
    );
    assert.equal(new Set(result.headings.map((heading) => heading.id)).size, result.headings.length);
  });

  it("passes html-validate:recommended with zero errors", async () => {
    assert.deepEqual(await validationErrors(result.html), []);
  });

  it("reports positions in the file, front matter included", () => {
    const lines = body.split("\n");
    const index = lines.findIndex((line) => line.startsWith("{{< group-by-expertise"));
    lines[index] = '{{< group-by-expertize "mentor" >}}';
    const error = (() => {
      try {
        render(lines.join("\n"));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(error instanceof MarkdownRenderError);
    const fileLine = source.split("\n").findIndex((line) => line.startsWith("{{< group-by-expertise")) + 1;
    assert.equal(fileLine, 74);
    assert.deepEqual(
      error.diagnostics.map((d) => [d.line, d.column, d.rule]),
      [[74, 1, "shortcode-unknown"]],
    );
  });

  it("keeps a paired shortcode's markdown content", () => {
    const html = renderMarkdown("{{< note >}}\n**Hi**\n{{< /note >}}\n", options()).html;
    const content: ElementContent[] = fromHtml(html, { fragment: true }).children as ElementContent[];
    assert.equal(toHtml(content), '<div class="note">\n<p><strong>Hi</strong></p>\n</div>');
    assert.ok(note.paired);
  });
});

describe("markdown: a page rendered again", () => {
  it("gives the same HTML, and later renders see what shortcodes give them now", () => {
    let label = "first";
    const changing: ShortcodeDefinition = {
      name: "changing",
      templateName: "changing",
      paired: false,
      usage: "{{< changing >}}",
      render: () => [h("p", { id: "out" }, label)],
    };
    const shortcodes = createShortcodeRegistry([changing]);
    const page = "# Title\n\nText with [a link](#out).\n\n{{< changing >}}\n";
    const first = renderMarkdown(page, options({ shortcodes })).html;
    assert.equal(renderMarkdown(page, options({ shortcodes })).html, first, "the parsed page is reused unchanged");
    label = "second";
    const second = renderMarkdown(page, options({ shortcodes })).html;
    assert.equal(second, first.replace(">first<", ">second<"));
    // A page whose text differs is parsed anew.
    assert.match(renderMarkdown(page.replace("Title", "Other"), options({ shortcodes })).html, /<h1 id="other">Other<\/h1>/);
  });
});

describe("renderMarkdown: where shortcode output waits while the page's HTML is parsed", () => {
  it("leaves an author's comments alone, even one written like the placeholder of an output", () => {
    const source =
      '<!-- mentor-directory-output 0 -->\n\n{{< echo "a" >}}\n\n<div><!-- mentor-directory-output 1 --></div>\n\n' +
      '{{< note >}}<b>x</b> {{< echo "b" >}}{{< /note >}}\n';
    const { html } = renderMarkdown(source, options());
    assert.match(html, /<!-- mentor-directory-output 0 -->/);
    assert.match(html, /<div><!-- mentor-directory-output 1 --><\/div>/);
    assert.match(html, /<span class="echo">a; <\/span>/);
    assert.match(html, /<div class="note">\s*<p><b>x<\/b> <span class="echo">b; <\/span><\/p>\s*<\/div>/);
    assert.doesNotMatch(html.replace(/<!-- mentor-directory-output [01] -->/g, ""), /mentor-directory-output/);
  });
});
