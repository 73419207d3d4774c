import assert from "node:assert/strict";
import fc from "fast-check";
import { fromParse5 } from "hast-util-from-parse5";
import { parseFragment } from "parse5";
import { VFile } from "vfile";
import { plainMarkupTree } from "../../plugin/html/plain-markup.js";

/** The tree the HTML parser makes, as the budgeted parser builds it (positions included). */
function parsed(html: string): unknown {
  return fromParse5(parseFragment(html, { scriptingEnabled: false, sourceCodeLocationInfo: true }), { file: new VFile(html) });
}

const LIMITS = { elements: 2000, depth: 64 };

// Pieces of markup, plain and not: tags in and out of order, references, other tags, odd text.
const piece = fc.oneof(
  fc.constantFrom("<ul>", "</ul>", "<li>", "</li>", "<li>", "</li>"),
  fc.constantFrom(
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "</a>",
    "<b>",
    "</b>",
    "<br>",
    "<A href=x>",
    "<UL>",
    "</LI>",
    '<A HREF="x">',
    "<a href='x'>",
    "&amp;",
    "& ",
    "&",
    "&#",
    "&;",
    "&x",
    "a & b && c",
    "\r\n",
    "\n",
    " ",
    "<!-- c -->",
  ),
  fc
    .string({ unit: fc.constantFrom("a", "Z", " ", "\n", "\t", ">", "/", "é", "😀", "\u00a0", '"', "=") })
    .map((href) => `<a href="${href}">`),
  // Targets without straight quotes, as real lists have them (and what the parser reads otherwise there).
  fc
    .string({ unit: fc.constantFrom("a", "/", "“", "”", "‘", " ", "\t", "\u00a0", "'", "`", "=", "<", "&", "é", "#") })
    .map((href) => `<a href=${href}>`),
  fc.string({ unit: fc.constantFrom("R", "u", "b", "y", " ", "\n", ">", ",", "é", "😀", "\u2028", "\u00a0", "-") }),
);

describe("plainMarkupTree", () => {
  it("is the HTML parser's tree whenever it answers, and answers for plain links and lists", () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const html = pieces.join("");
        const tree = plainMarkupTree(html, LIMITS);
        if (tree === undefined) return;
        answered += 1;
        assert.deepEqual(tree, parsed(html));
      }),
      { numRuns: 5000, seed: 3 },
    );
    assert.ok(answered > 500, `${answered} plain inputs`);
  });

  it("reads list items left open as the parser does: closed by the next item, the list's end or the text's end", () => {
    const item = fc.tuple(
      fc.constantFrom("Ruby", '<a href="/handbook/">Go</a>', "<a href=“/handbook/”>Vue</a>", "<a href=/x>Rust</a>", " - remote"),
      fc.boolean(),
      fc.constantFrom("", "\n", "  "),
    );
    let answered = 0;
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean(), (items, list, closed) => {
        const body = items.map(([content, ended, gap]) => `<li>${content}${ended ? "</li>" : ""}${gap}`).join("");
        const html = list ? `<ul>${body}${closed ? "</ul>" : ""}` : body;
        const tree = plainMarkupTree(html, LIMITS);
        if (tree === undefined) return;
        answered += 1;
        assert.deepEqual(tree, parsed(html), html);
      }),
      { numRuns: 2000, seed: 5 },
    );
    assert.ok(answered > 1500, `${answered} lists read`);
  });

  it("reads real roles and expertise lists", () => {
    for (const html of [
      '<a href="/job-families/engineering/backend-engineer/">Backend Engineer</a>, <a href="/handbook/product/categories/#x">Create</a>',
      '<ul>\n  <li><a href="/handbook/leadership/">Leadership</a></li>\n  <li>Ruby</li>\n</ul>\n',
      "<li>Go</li><li>Rust <ul><li>async</li></ul></li>",
      "<li><a href=“/handbook/product/ux/”>Accessibility</a></li>\n<li>GraphQL</li>\n",
      '<li><a href="/handbook/engineering/development/fe/">Vue.js</a>\n<li>Public speaking</li>\n',
      '<li><a href="/handbook/engineering/infrastructure/database/">PostgreSQL</a>\n',
      "<ul><li>a<li>b</ul>",
      "<ul><li>x",
    ]) {
      const tree = plainMarkupTree(html, LIMITS);
      assert.ok(tree, html);
      assert.deepEqual(tree, parsed(html));
    }
  });

  it("leaves to the parser what it would change or refuse", () => {
    for (const html of [
      "<UL><LI>x</LI></UL>",
      '<A HREF="x">y</A>',
      "a &amp b",
      "<li>a<li>b</li></li>",
      '<ul><li><a href="x">a<li>b</li></a></li></ul>',
      '<a href="x">a<a href="y">b</a></a>',
      '<ul><li><a href="x">x</ul>',
      '<li><a href="x">a<li>b',
      "<a href=x y>z</a>",
      "a &amp; b",
      "<b>x</b>",
      "<li>x</li></li>",
      "</ul>",
    ]) {
      assert.equal(plainMarkupTree(html, LIMITS), undefined, html);
    }
    assert.equal(plainMarkupTree("<ul><li>a</li><li>b</li></ul>", { elements: 3, depth: 64 }), undefined);
    assert.equal(plainMarkupTree("<ul><li><ul><li>a</li></ul></li></ul>", { elements: 100, depth: 3 }), undefined);
  });
});
