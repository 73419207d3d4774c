import assert from "node:assert/strict";
import fc from "fast-check";
import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import { serialize } from "node:v8";
import { escapeText, fragmentHtml, HtmlWriter } from "../../shortcodes/html-writer.js";
import { referencedBeyondLatin1 } from "../html/beyond-latin1.js";

describe("HtmlWriter", () => {
  it("escapes text and attribute values as the page's serializer does, and characters beyond U+00FF as references", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (text, value) => {
        const written = new HtmlWriter().element("a", { href: value, "data-skill-key": value, class: "x" }, text).fragment();
        const html = fragmentHtml(written);
        assert.equal(html, referencedBeyondLatin1(toHtml(h("a", { href: value, dataSkillKey: value, className: ["x"] }, text))));
        assert.doesNotMatch(html, /[^\0-\xff]/u);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it("writes bare and left-out attributes, void elements without an end tag", () => {
    const out = new HtmlWriter().element("input", { type: "search", hidden: true, name: undefined }).element("p", { hidden: true });
    const expected = toHtml([h("input", { type: "search", hidden: true }), h("p", { hidden: true })]);
    assert.equal(fragmentHtml(out.fragment()), expected);
  });

  it("records ids and in-page links as they are written", () => {
    const out = new HtmlWriter();
    out.open("section", { id: "s" }).element("a", { href: "#one" }, "1").element("a", { href: "/page/" }, "2");
    out
      .piece({ html: escapeText("<b>"), anchors: ["/team/#x"] })
      .element("p", { id: "p" })
      .close("section");
    const fragment = out.fragment();
    assert.deepEqual(fragment.ids, ["s", "p"]);
    assert.deepEqual(fragment.anchors, ["#one", "/team/#x"]);
    assert.equal(fragmentHtml(fragment), '<section id="s"><a href="#one">1</a><a href="/page/">2</a>&#x3C;b><p id="p"></p></section>');
  });

  it("leaves a heading without an id a place for the page's id, and knows its text", () => {
    const out = new HtmlWriter();
    out.heading("h3", { class: "name" }, "Ada & Grace", () => out.element("a", { href: "/t/#ada" }, "Ada & Grace"));
    out.heading("h2", { id: "fixed" }, "Fixed");
    out.heading("h4", {}, "Last");
    const fragment = out.fragment();
    assert.deepEqual(fragment.headings, ["Ada & Grace", "Last"]);
    assert.equal(fragment.lastHeading, "Last");
    assert.equal(
      fragmentHtml(fragment, ["ada-grace", 'q"']),
      '<h3 class="name" id="ada-grace"><a href="/t/#ada">Ada &#x26; Grace</a></h3><h2 id="fixed">Fixed</h2><h4 id="q&#x22;">Last</h4>',
    );
    assert.equal(
      fragmentHtml(fragment),
      '<h3 class="name"><a href="/t/#ada">Ada &#x26; Grace</a></h3><h2 id="fixed">Fixed</h2><h4>Last</h4>',
    );
  });

  it("keeps a kept piece one byte a character, though its text was cut from text of two bytes a character", () => {
    // V8 keeps a string cut from one of two bytes a character two bytes a character: a skill from
    // an expertise list with a curly quote in it, a page address from a page with a dash.
    const wideSource = "\u201CNegotiation\u201D and /mentoring/ \u2013";
    const label = wideSource.slice(1, 12);
    const href = wideSource.slice(18, 29);
    assert.equal(String.fromCharCode(serialize(label)[2] ?? 0), "c", "the cut text is two bytes a character");
    const out = new HtmlWriter();
    out.open("li").heading("h3", {}, label).element("a", { href }, "\u{1F389} Zo\u00eb").close("li");
    const card = out.keep();
    const piece = new HtmlWriter().element("p", { title: label }, label).toPiece();
    for (const html of [...card.chunks, piece.html]) assert.equal(String.fromCharCode(serialize(html)[2] ?? 0), '"', html);
    assert.equal(
      fragmentHtml(card, ["negotiation"]),
      '<li><h3 id="negotiation">Negotiation</h3><a href="/mentoring/">&#x1F389; Zo\u00eb</a></li>',
    );
  });

  it("refuses a heading call for an element that is no heading", () => {
    assert.throws(() => new HtmlWriter().heading("p", {}, "x"), TypeError);
  });
});
