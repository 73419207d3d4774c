import assert from "node:assert/strict";
import { isAbsoluteWebUrl, safeUrl, safeWebUrl } from "../../plugin/html/url.js";

const BASE = "https://handbook.gitlab.com";

describe("safeUrl", () => {
  describe("allows", () => {
    const cases: [string, string | undefined, string][] = [
      ["https://example.com/a?b=c#d", undefined, "https://example.com/a?b=c#d"],
      ["HTTP://EXAMPLE.COM", undefined, "http://example.com/"],
      ["mailto:someone@example.com", undefined, "mailto:someone@example.com"],
      ["/job-families/engineering/", undefined, "/job-families/engineering/"],
      ["../sibling/", undefined, "../sibling/"],
      ["#anchor", undefined, "#anchor"],
      ["?query", undefined, "?query"],
      ["a b.html", undefined, "a%20b.html"],
      ["  https://example.com/  ", undefined, "https://example.com/"],
      ["\n/handbook/\t", undefined, "/handbook/"],
      ["/job-families/engineering/", BASE, "https://handbook.gitlab.com/job-families/engineering/"],
      ["job-families/x", `${BASE}/handbook/`, "https://handbook.gitlab.com/handbook/job-families/x"],
      ["#top", BASE, "https://handbook.gitlab.com/#top"],
      ["//cdn.example.com/x", undefined, "https://cdn.example.com/x"],
      ["//cdn.example.com/x", "http://site.example", "http://cdn.example.com/x"],
      ["https://example.com/path/with:colon", undefined, "https://example.com/path/with:colon"],
      ["/a?b=1&c=2", undefined, "/a?b=1&c=2"],
    ];
    for (const [href, base, expected] of cases) {
      it(`${JSON.stringify(href)}${base ? ` against ${base}` : ""}`, () => {
        assert.equal(safeUrl(href, base), expected);
      });
    }
  });

  describe("rejects", () => {
    const cases: string[] = [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      "java\u0000script:alert(1)",
      "\u0001javascript:alert(1)",
      "jav\u200Bascript:alert(1)",
      "javascript&colon;alert(1)",
      "&#106;avascript:alert(1)",
      "&#x6A;avascript:alert(1)",
      "javascript%3Aalert(1)",
      "ｊavascript:alert(1)",
      "java script:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "DATA:image/svg+xml;base64,PHN2Zz4=",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "ftp://example.com/",
      "blob:https://example.com/uuid",
      "https://handbook.gitlab.com@evil.example/",
      "https://user:pass@example.com/",
      "\\\\evil.example\\share",
      "/\\evil.example",
      "https://exa\u202Emple.com/",
      "http://",
      "https:",
      "",
      "   ",
    ];
    for (const href of cases) {
      it(JSON.stringify(href), () => {
        assert.equal(safeUrl(href), undefined);
        assert.equal(safeUrl(href, BASE), undefined);
      });
    }

    it("values that are not strings", () => {
      for (const value of [undefined, null, 1, true, {}, [], new URL("https://example.com/")]) {
        assert.equal(safeUrl(value), undefined);
      }
    });

    it("relative URLs against an unusable base", () => {
      assert.equal(safeUrl("/x", "not a url"), undefined);
    });
  });

  it("allows only the schemes asked for", () => {
    assert.equal(safeUrl("mailto:a@example.com", undefined, { schemes: ["https"] }), undefined);
    assert.equal(safeUrl("http://example.com/", undefined, { schemes: ["https"] }), undefined);
    assert.equal(safeUrl("https://example.com/", undefined, { schemes: ["https"] }), "https://example.com/");
  });

  it("safeWebUrl refuses mail addresses but keeps relative URLs", () => {
    assert.equal(safeWebUrl("mailto:a@example.com"), undefined);
    assert.equal(safeWebUrl("/handbook/"), "/handbook/");
    assert.equal(safeWebUrl("/handbook/", BASE), "https://handbook.gitlab.com/handbook/");
  });

  it("isAbsoluteWebUrl", () => {
    assert.equal(isAbsoluteWebUrl(BASE), true);
    assert.equal(isAbsoluteWebUrl("/relative"), false);
    assert.equal(isAbsoluteWebUrl("mailto:a@example.com"), false);
    assert.equal(isAbsoluteWebUrl(42), false);
  });
});

describe("safeUrl: mailto values that are text pasted into a link", () => {
  it("refuses a mailto with spaces or markup characters (found by the property test)", () => {
    assert.equal(safeUrl("mailto:<a href="), undefined);
    assert.equal(safeUrl("mailto:jane doe@example.com"), undefined);
    assert.equal(safeUrl("mailto:jane@example.com"), "mailto:jane@example.com");
  });
});
