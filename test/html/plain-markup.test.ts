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

  it("reads real roles and expertise lists", () => {
    for (const html of [
      '<a href="/job-families/engineering/backend-engineer/">Backend Engineer</a>, <a href="/handbook/product/categories/#x">Create</a>',
      '<ul>\n  <li><a href="/handbook/leadership/">Leadership</a></li>\n  <li>Ruby</li>\n</ul>\n',
      "<li>Go</li><li>Rust <ul><li>async</li></ul></li>",
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
      "<li>a<li>b",
      "<li>a<li>b</li></li>",
      '<ul><li><a href="x">a<li>b</li></a></li></ul>',
      '<a href="x">a<a href="y">b</a></a>',
      "<ul><li>x</ul>",
      "a &amp; b",
      "<b>x</b>",
      "<li>x</li></li>",
      "<ul>",
    ]) {
      assert.equal(plainMarkupTree(html, LIMITS), undefined, html);
    }
    assert.equal(plainMarkupTree("<ul><li>a</li><li>b</li></ul>", { elements: 3, depth: 64 }), undefined);
    assert.equal(plainMarkupTree("<ul><li><ul><li>a</li></ul></li></ul>", { elements: 100, depth: 3 }), undefined);
  });
});
