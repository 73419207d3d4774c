import assert from "node:assert/strict";
import type { ElementContent, Nodes } from "hast";
import fc from "fast-check";
import { hostileString } from "../arbitraries.js";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { referencedBeyondLatin1 } from "./beyond-latin1.js";
import { visit } from "unist-util-visit";
import {
  FRAGMENT_TAG_NAMES,
  fragmentText,
  parseUntrustedFragment,
  repairHref,
  sanitizedMarkup,
  sanitizeFragment,
  strictSchema,
} from "../../plugin/html/sanitize.js";
import { HTML_BUDGET } from "../../plugin/html/parse.js";
import { plainMarkupTree } from "../../plugin/html/plain-markup.js";
import { cleanText, removeInvisible } from "../../plugin/text/clean.js";

const BASE = { baseUrl: "https://handbook.gitlab.com" };
const html = (input: string, options = BASE): string => toHtml(sanitizeFragment(input, options));

describe("sanitizeFragment", () => {
  it("keeps a role link and resolves it against the base", () => {
    assert.equal(
      html('<a href="/job-families/engineering/backend-engineer/">Senior Backend Engineer</a>'),
      '<a href="https://handbook.gitlab.com/job-families/engineering/backend-engineer/">Senior Backend Engineer</a>',
    );
  });

  it("keeps relative links relative to this site without a base", () => {
    assert.equal(toHtml(sanitizeFragment('<a href="/x">X</a> <a href="y z">Y</a>')), '<a href="/x">X</a> <a href="y%20z">Y</a>');
    assert.equal(toHtml(sanitizeFragment('<a href="/x">X</a>', { baseUrl: "" })), '<a href="/x">X</a>');
  });

  it("resolves against another base", () => {
    assert.equal(
      html('<a href="/x">X</a> <a href="y">Y</a>', { baseUrl: "https://example.com/docs/" }),
      '<a href="https://example.com/x">X</a> <a href="https://example.com/docs/y">Y</a>',
    );
  });

  it("repairs broken markup the way a browser reads it", () => {
    assert.equal(
      html('<a href="/job-families/x">Senior <b>Manager'),
      '<a href="https://handbook.gitlab.com/job-families/x">Senior <b>Manager</b></a>',
    );
    assert.equal(
      html("<a href=”/job-families/x”>Curly quotes</a>"),
      '<a href="https://handbook.gitlab.com/job-families/x">Curly quotes</a>',
    );
  });

  it("keeps the allowed phrasing elements without attributes", () => {
    assert.equal(
      html('<em class="x">a</em> <strong id="y">b</strong> <b>c</b> <i>d</i> <code>e</code><br><span style="color:red">f</span>'),
      "<em>a</em> <strong>b</strong> <b>c</b> <i>d</i> <code>e</code><br><span>f</span>",
    );
  });

  it("removes scripts, handlers, styles, svg and embedded content", () => {
    const output = html(
      'Engineer<script>alert(1)</script><img src=x onerror="alert(1)"><svg onload="alert(1)"><a href="/x">in svg</a></svg>' +
        '<style>*{}</style><iframe src="https://evil.example"></iframe><a href="/y" onclick="alert(1)" style="x">Link</a>' +
        '<math><mi>m</mi></math><template><b>t</b></template><object data="x">o</object><noscript>n</noscript>',
    );
    assert.equal(output, 'Engineer<a href="https://handbook.gitlab.com/y">Link</a>');
  });

  it("unwraps links with refused targets, without text, or inside links", () => {
    assert.equal(html('<a href="javascript:alert(1)">Bad</a>'), "Bad");
    assert.equal(html('<a href="data:text/html,x">Data</a>'), "Data");
    assert.equal(html('<a href="/x"> </a>Role'), "Role");
    assert.equal(html('<a href="/x"><img src="y"></a>Role'), "Role");
    assert.equal(html("<a>No target</a>"), "No target");
    assert.equal(html('<a href="/x"><marquee><a href="/y">inner</a></marquee></a>'), '<a href="https://handbook.gitlab.com/x">inner</a>');
  });

  it("keeps mail links", () => {
    assert.equal(html('<a href="mailto:a@example.com">Mail</a>'), '<a href="mailto:a@example.com">Mail</a>');
  });

  it("keeps words of unwrapped blocks apart, collapses whitespace and trims", () => {
    assert.equal(html("  <p>Senior</p><p>Engineer</p>\n\n"), "Senior Engineer");
    assert.equal(html("<br> Senior \n\t Engineer <br>"), "Senior Engineer");
    assert.equal(html("<div><a href='/x'>\n  Staff\n  Engineer\n</a></div>"), '<a href="https://handbook.gitlab.com/x">Staff Engineer</a>');
  });

  it("removes direction-changing and zero-width characters from text", () => {
    assert.equal(html("\u202Eeerht\u202C Engineer\u200B"), "eerht Engineer");
  });

  it("escapes text when serialized", () => {
    assert.equal(html("&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D"), "&#x3C;script>alert(1)&#x3C;/script> R&#x26;D");
  });

  it("returns nothing for empty or non-string input", () => {
    assert.deepEqual(sanitizeFragment(""), []);
    assert.deepEqual(sanitizeFragment("   \n"), []);
    assert.deepEqual(sanitizeFragment(undefined as unknown as string), []);
    assert.deepEqual(sanitizeFragment(42 as unknown as string), []);
  });

  it("refuses a base that is not an absolute http(s) URL", () => {
    assert.throws(() => sanitizeFragment("x", { baseUrl: "/relative" }), /baseUrl/);
    assert.throws(() => sanitizeFragment("x", { baseUrl: "javascript:alert(1)" }), /baseUrl/);
    // Each time: a refused base is not remembered as checked.
    assert.throws(() => sanitizedMarkup("x", { baseUrl: "/relative" }), /baseUrl/);
    assert.throws(() => sanitizedMarkup("x", { baseUrl: "/relative" }), /baseUrl/);
  });

  it("writes a role for each base URL it is given, each remembered apart", () => {
    const role = '<a href="/job-families/">Engineer</a>';
    const first = sanitizedMarkup(role, { baseUrl: "https://handbook.example" }).html;
    const other = sanitizedMarkup(role, { baseUrl: "https://docs.example" }).html;
    assert.equal(first, '<a href="https://handbook.example/job-families/">Engineer</a>');
    assert.equal(other, '<a href="https://docs.example/job-families/">Engineer</a>');
    assert.equal(sanitizedMarkup(role).html, '<a href="/job-families/">Engineer</a>');
    assert.equal(sanitizedMarkup(role, { baseUrl: "https://handbook.example" }).html, first);
  });
});

describe("fragmentText", () => {
  it("gives the visible text on one line", () => {
    assert.equal(fragmentText('<a href="/x">Senior   Backend\nEngineer</a>, <b>Create</b>'), "Senior Backend Engineer, Create");
    assert.equal(fragmentText("<p>One</p><p>Two</p><script>three()</script><style>four{}</style>"), "One Two");
    assert.equal(fragmentText("R&amp;D"), "R&D");
    assert.equal(fragmentText(""), "");
  });
});

describe("text helpers", () => {
  it("removeInvisible keeps emoji sequences", () => {
    assert.equal(removeInvisible("👩\u200D💻"), "👩\u200D💻");
    assert.equal(removeInvisible("a\u200Db"), "ab");
    assert.equal(removeInvisible("\u2066x\u2069"), "x");
  });

  it("cleanText normalizes to NFC and collapses whitespace", () => {
    assert.equal(cleanText("  Cafe\u0301 \u2028 bar  "), "Café bar");
  });

  it("repairHref removes wrapping quotes and spaces only", () => {
    assert.equal(repairHref("”https://x.example/a”"), "https://x.example/a");
    assert.equal(repairHref(' "https://x.example/a"" '), "https://x.example/a");
    assert.equal(repairHref("https://x.example/it's"), "https://x.example/it's");
    assert.equal(repairHref(undefined), undefined);
  });
});

const FORBIDDEN_ELEMENTS = new Set(["script", "iframe", "style", "svg", "math", "object", "embed", "img"]);

function assertSafeTree(tree: Nodes): void {
  visit(tree, (node) => {
    if (node.type === "comment" || node.type === "doctype") assert.fail(`${node.type} in output`);
    if (node.type !== "element") return;
    assert.ok(!FORBIDDEN_ELEMENTS.has(node.tagName), `<${node.tagName}> in output`);
    for (const name of Object.keys(node.properties)) {
      assert.ok(!/^on/i.test(name), `${name} on <${node.tagName}>`);
      assert.ok(!/^style$/i.test(name), `style on <${node.tagName}>`);
    }
    const href = node.properties["href"];
    if (href !== undefined) {
      assert.equal(typeof href, "string");
      assertAllowedUrl(href);
    }
  });
}

function assertAllowedUrl(href: string): void {
  assert.doesNotMatch(href, /[\p{Cc} ]/u, `control or space in ${JSON.stringify(href)}`);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    assert.ok(["http", "https", "mailto"].includes(scheme), `scheme ${scheme} in ${JSON.stringify(href)}`);
  } else {
    assert.doesNotMatch(href.split(/[/?#]/, 1)[0] ?? "", /:/, `hidden scheme in ${JSON.stringify(href)}`);
  }
}

const markupPiece = fc.constantFrom(
  "<a href=",
  '<a href="',
  "<a href='",
  "</a>",
  '"',
  "'",
  "”",
  ">",
  "<",
  "/",
  "javascript:",
  "java\tscript:",
  "&#106;avascript:",
  "&#x09;",
  "data:text/html,",
  "vbscript:",
  "mailto:",
  "https://example.com/",
  "/job-families/",
  "<script>",
  "</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<math>",
  "<style>",
  "<iframe src=x>",
  "<b>",
  "<em>",
  "<span ",
  " style=",
  " onmouseover=",
  "<!--",
  "-->",
  "<![CDATA[",
  "<table><td>",
  "<marquee>",
  "\n",
  "\u202E",
  " ",
);
const hostileText = hostileString(markupPiece);

describe("sanitizeFragment: properties", () => {
  it("never throws, and keeps only allowed elements, attributes and URLs", () => {
    fc.assert(
      fc.property(hostileText, (input) => {
        const output = sanitizeFragment(input, BASE);
        const root = { type: "root" as const, children: output };
        assertSafeTree(root);
        visit(root, "element", (node) => {
          assert.ok(FRAGMENT_TAG_NAMES.includes(node.tagName), `<${node.tagName}> kept`);
          const names = Object.keys(node.properties);
          assert.ok(
            names.every((name) => name === "href"),
            `attributes ${names.join(", ")}`,
          );
          if (node.tagName === "a") assert.equal(typeof node.properties["href"], "string");
        });
        // What a browser reads back from the serialized output is just as safe.
        assertSafeTree(fromHtml(toHtml(output), { fragment: true }));
        assert.equal(typeof fragmentText(input), "string");
      }),
      { numRuns: 200, seed: 20251125 },
    );
  });

  it("never leaves a link without text or inside another link", () => {
    fc.assert(
      fc.property(hostileText, (input) => {
        const check = (nodes: readonly ElementContent[], insideLink: boolean): void => {
          for (const node of nodes) {
            if (node.type !== "element") continue;
            if (node.tagName === "a") {
              assert.ok(!insideLink, "nested link");
              assert.notEqual(toText(node.children).trim(), "", "link without text");
            }
            check(node.children, insideLink || node.tagName === "a");
          }
        };
        check(sanitizeFragment(input, BASE), false);
      }),
      { numRuns: 200, seed: 20251125 },
    );
  });
});

describe("sanitizedMarkup", () => {
  it("is the sanitized fragment serialized, with its in-page links", () => {
    const role = '<a href="/job-families/eng/#senior">Senior</a> <em>Backend</em> <a href="/x">x</a><script>1</script>';
    const markup = sanitizedMarkup(role, BASE);
    assert.equal(markup.html, html(role));
    assert.deepEqual(markup.anchors, ["https://handbook.gitlab.com/job-families/eng/#senior"]);
    assert.deepEqual(sanitizedMarkup("Engineer").anchors, []);
  });

  it("writes each role once per base URL", () => {
    const role = '<a href="/a/">A role written once</a>';
    assert.equal(sanitizedMarkup(role, BASE), sanitizedMarkup(role, BASE));
    assert.notEqual(sanitizedMarkup(role, BASE).html, sanitizedMarkup(role).html);
  });

  it("refuses a base that is not an absolute web URL, as sanitizeFragment does", () => {
    assert.throws(() => sanitizedMarkup("x", { baseUrl: "/relative" }), TypeError);
  });

  it("writes what the pages' serializer writes of the same fragment, beyond U+00FF as references, whatever the markup", () => {
    // Quotes, backticks, NUL and references inside link targets and text: what escaping must catch.
    const piece = fc.oneof(
      markupPiece,
      fc.constantFrom("`", "\0", "&amp;", "&", "<br>", "<br/>", "<code>", "<i>x</i>", '<a href="/a?b=1&c=`x`">l</a>'),
    );
    fc.assert(
      fc.property(hostileString(piece), fc.boolean(), (input, based) => {
        const options = based ? BASE : {};
        assert.equal(sanitizedMarkup(input, options).html, referencedBeyondLatin1(toHtml(sanitizeFragment(input, options))));
      }),
      { numRuns: 2000, seed: 20261207 },
    );
  });
});

function toText(nodes: readonly ElementContent[]): string {
  return nodes.map((node) => (node.type === "text" ? node.value : node.type === "element" ? toText(node.children) : "")).join("");
}

describe("parseUntrustedFragment: plain markup", () => {
  /** The tree without source positions (they differ where the text differs) and the parser's notes. */
  const shape = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(shape)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (k === "position" || k === "data" ? [] : [[k, shape(v)]])))
        : value;
  const href = fc.constantFrom(
    "/x",
    "x:y",
    "/a:b",
    "https://e.com/",
    "http://e.com",
    "HTTPS://e.com",
    "mailto:a@b.c",
    "javascript:alert(1)",
    "tel:1",
    " https://e.com",
  );
  const piece = fc.oneof(
    fc.constantFrom("<ul>", "</ul>", "<li>", "</li>", "</a>", " ", "\n", "Ruby", "a & b"),
    href.map((h) => `<a href="${h}">`),
  );

  it("is the sanitizer's tree whether or not the sanitizer runs", () => {
    // A trailing comment makes the markup not plain (it is parsed and sanitized, and the sanitizer
    // drops the comment), so both ways are compared on the same markup.
    let plain = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.constantFrom(["a"], ["a", "ul", "li"], ["ul"]), (pieces, tags) => {
        const markup = pieces.join("");
        if (plainMarkupTree(markup, HTML_BUDGET) !== undefined) plain += 1;
        const schema = strictSchema(tags);
        assert.deepEqual(shape(parseUntrustedFragment(markup, schema)), shape(parseUntrustedFragment(`${markup}<!---->`, schema)));
      }),
      { numRuns: 3000, seed: 5 },
    );
    assert.ok(plain > 300, `${plain} plain inputs`);
  });
});
