import assert from "node:assert/strict";
import fc from "fast-check";
import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import { escapeText, fragmentHtml, HtmlWriter } from "../../shortcodes/html-writer.js";

describe("HtmlWriter", () => {
  it("escapes text and attribute values exactly as the page's serializer does", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (text, value) => {
        const written = new HtmlWriter().element("a", { href: value, "data-skill-key": value, class: "x" }, text).fragment();
        assert.equal(fragmentHtml(written), toHtml(h("a", { href: value, dataSkillKey: value, className: ["x"] }, text)));
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

  it("refuses a heading call for an element that is no heading", () => {
    assert.throws(() => new HtmlWriter().heading("p", {}, "x"), TypeError);
  });
});
