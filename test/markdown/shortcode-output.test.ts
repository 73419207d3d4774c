// Shortcode output that the page steps pass by once it is sealed (plugin/markdown/seal.ts): the
// page must render exactly as if every step had walked it.
import assert from "node:assert/strict";
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { MarkdownRenderError, renderMarkdown, type RenderMarkdownOptions } from "../../plugin/markdown/index.js";
import { createShortcodeRegistry } from "../../shortcodes/registry.js";
import type { ShortcodeDefinition } from "../../shortcodes/types.js";
import { context, pageUrl } from "../fixtures/markdown/shortcodes.js";

function fixed(name: string, output: () => ElementContent[]): ShortcodeDefinition {
  return { name, templateName: name, paired: false, usage: `{{< ${name} >}}`, render: output };
}

/** A small directory: rows with ids, links to them, a team-page link and a role link. */
const directory = fixed("directory", () => [
  h("div", { className: ["directory"] }, [
    h("nav", [h("a", { href: "#topic-remote" }, "Remote")]),
    h("table", [
      h("tbody", [
        h("tr", { id: "mentor-jane" }, [
          h("th", { scope: "row" }, [h("a", { href: "/company/team/#jane" }, "Jane")]),
          h("td", [h("a", { href: "/job-families/engineering/" }, "Engineer")]),
        ]),
      ]),
    ]),
    h("section", { id: "topic-remote" }, [
      h("h3", { id: "topic-remote-heading" }, "Remote"),
      h("ul", [h("li", [h("a", { href: "#mentor-jane" }, "Jane")])]),
    ]),
  ]),
]);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function render(markdown: string, definitions: ShortcodeDefinition[], extra: Partial<RenderMarkdownOptions> = {}) {
  return renderMarkdown(markdown, {
    file: "page.md",
    shortcodes: createShortcodeRegistry(definitions),
    context,
    pageUrl,
    toc: false,
    ...extra,
  });
}

function renderError(markdown: string, definitions: ShortcodeDefinition[]): MarkdownRenderError {
  try {
    render(markdown, definitions);
  } catch (error) {
    assert.ok(error instanceof MarkdownRenderError, `unexpected error: ${String(error)}`);
    return error;
  }
  assert.fail("expected the render to fail");
}

describe("markdown: shortcode output and the page steps", () => {
  it("accepts links from the page to ids inside the output", () => {
    const result = render("[Jane](#mentor-jane) and [topic](#topic-remote-heading)\n\n{{< directory >}}\n", [directory]);
    assert.match(result.html, /<a href="#mentor-jane">Jane<\/a> and <a href="#topic-remote-heading">topic<\/a>/);
  });

  it("still reports a link from the page to an id the output lacks, at the link, with the closest id", () => {
    const error = renderError("Text.\n\nSee [Jane](#mentor-jame).\n\n{{< directory >}}\n", [directory]);
    assert.deepEqual(
      error.diagnostics.map((d) => [d.line, d.column, d.rule, d.hint]),
      [[3, 5, "broken-anchor", 'Did you mean "#mentor-jane"?']],
    );
  });

  it("reports a broken link inside the output at the shortcode call", () => {
    const dangling = fixed("dangling", () => [h("p", [h("a", { href: "#nowhere" }, "x")])]);
    const error = renderError("Intro.\n\n  {{< dangling >}}\n", [dangling]);
    assert.deepEqual(
      error.diagnostics.map((d) => [d.line, d.column, d.rule, d.message]),
      [[3, 3, "broken-anchor", 'link "#nowhere" points to "#nowhere", which is not an id on this page']],
    );
  });

  it("reserves the output's ids for the page's headings and the table of contents", () => {
    const taken = fixed("taken", () => [h("p", { id: "results" }, "x"), h("p", { id: "on-this-page" }, "y")]);
    const result = render("{{< taken >}}\n\n## Results\n", [taken], { toc: true });
    assert.deepEqual(result.headings, [{ depth: 2, id: "results-1", text: "Results" }]);
    assert.match(result.html, /^<nav class="toc" aria-labelledby="on-this-page-1"><h2 id="on-this-page-1">/);
    assert.match(result.html, /<a href="#results-1">Results<\/a>/);
  });

  it("rewrites links and normalizes tables inside frozen output, leaving the nodes as they were", () => {
    const output = deepFreeze([
      h("table", [
        h("thead", [h("tr", [h("th", { align: "left" }, "Name"), h("th", "Role")])]),
        h("tbody", [h("tr", [h("td", ""), h("td", [h("a", { href: "/job-families/x/" }, "X")])])]),
      ]),
    ]);
    const frozen = fixed("frozen", () => output);
    const first = render("{{< frozen >}}\n\n{{< frozen >}}\n", [frozen]).html;
    assert.equal(render("{{< frozen >}}\n", [frozen]).html, first.slice(0, first.indexOf("\n")));
    assert.equal(
      first.slice(0, first.indexOf("\n")),
      '<table><thead><tr><th scope="col" class="align-left">Name</th><th scope="col">Role</th></tr></thead>' +
        '<tbody><tr><td></td><td><a href="https://handbook.gitlab.com/job-families/x/">X</a></td></tr></tbody></table>',
    );
    assert.equal((output[0] as Element).properties.dataFillable, undefined);
  });

  it("names an iframe of the page after the last heading of the output before it", () => {
    const result = render('## Page\n\n{{< directory >}}\n\n<iframe src="https://docs.google.com/presentation/d/x/embed"></iframe>\n', [
      directory,
    ]);
    assert.match(
      result.html,
      /<iframe src="https:\/\/docs\.google\.com\/presentation\/d\/x\/embed" title="Slides: Remote" loading="lazy"><\/iframe>/,
    );
  });

  it("leaves output with an iframe to the page steps: titled after the heading before it, wrapped by its parent", () => {
    const frame = fixed("frame", () => [h("iframe", { src: "https://docs.google.com/document/d/x/preview" })]);
    const result = render("## Notes\n\nSee {{< frame >}} here.\n\n{{< frame >}}\n", [frame]);
    assert.equal(
      result.html,
      '<h2 id="notes">Notes</h2>\n' +
        '<p>See <span class="embed">' +
        '<iframe src="https://docs.google.com/document/d/x/preview" title="Document: Notes" loading="lazy"></iframe>' +
        "</span> here.</p>\n" +
        '<div class="embed">' +
        '<iframe src="https://docs.google.com/document/d/x/preview" title="Document: Notes" loading="lazy"></iframe>' +
        "</div>",
    );
  });

  it("leaves output with a heading without an id to the page steps: ids in document order", () => {
    const untitled = fixed("untitled", () => [h("h3", "Results"), h("p", [h("a", { href: "#results-1" }, "next")])]);
    const result = render("## Results\n\n{{< untitled >}}\n\n## Results\n", [untitled]);
    assert.deepEqual(
      result.headings.map((heading) => heading.id),
      ["results", "results-2"],
    );
    assert.match(result.html, /<h3 id="results-1">Results<\/h3>/);
  });
  it("takes a trailing {#id} of an output heading as its id, with or without heading ids", () => {
    const cards = fixed("cards", () => [h("ul", [h("li", [h("h2", "Ops {#ops-team}")]), h("li", [h("h2", "Jane Doe")])])]);
    for (const headingIds of [false, true]) {
      const result = render("{{< cards >}}\n", [cards], { headingIds });
      assert.match(result.html, /<h2 id="ops-team">Ops<\/h2>/, `headingIds: ${headingIds}`);
      assert.ok(result.ids.includes("ops-team"));
    }
  });

  it("renders output with headings without ids the same whether or not the page gives headings ids", () => {
    // A team page: thousands of headings without ids. Without heading ids on the page they need
    // nothing from it, so the output is sealed; the HTML must be what the page steps would give.
    const cards = fixed("cards", () => [
      h("ul", [
        h("li", { id: "jane" }, [h("h2", "Jane Doe"), h("p", [h("a", { href: "/job-families/engineering/" }, "Engineer")])]),
        h("li", { id: "li" }, [h("h2", "Li Wei"), h("table", [h("tr", [h("td", "x")])])]),
      ]),
    ]);
    const page = 'Intro.\n\n{{< cards >}}\n\n<iframe src="https://docs.google.com/presentation/d/x/embed"></iframe>\n';
    const plain = render(page, [cards], { headingIds: false, upstreamUrl: "https://handbook.example.com" });
    const withIds = render(page, [cards], { headingIds: true, upstreamUrl: "https://handbook.example.com" });
    assert.match(withIds.html, /<h2 id="jane-doe">Jane Doe<\/h2>/);
    assert.equal(plain.html, withIds.html.replace(/<h2 id="[^"]*">/g, "<h2>"));
    assert.match(plain.html, /href="https:\/\/handbook\.example\.com\/job-families\/engineering\/"/);
    assert.deepEqual(plain.ids, ["jane", "li"]);
  });
});

describe("shortcode output within text", () => {
  const word = fixed("word", () => [h("span", "Mentors")]);

  it("counts in the ids, contents and labels the page derives from text", () => {
    const page = render(
      "## Our {{< word >}} list\n\nSee [the list](#our-mentors-list).\n\n| {{< word >}} | Goal |\n|---|---|\n| a | b |\n",
      [word],
      { toc: true },
    );
    assert.match(page.html, /<h2 id="our-mentors-list">Our <span>Mentors<\/span> list<\/h2>/);
    assert.deepEqual(
      page.headings.map((heading) => heading.text),
      ["Our Mentors list"],
    );
    assert.doesNotMatch(page.html, /data-fillable/);
  });
});
