import assert from "node:assert/strict";
import { trimCharacters } from "../../plugin/text/trim.js";

describe("characters trimmed from the ends of a text", () => {
  it("gives what the regular expressions it replaces gave", () => {
    const samples = [
      "",
      "/",
      "//",
      "a",
      "/a",
      "a/",
      "/a/",
      "//a//b//",
      "https://example.com/",
      "https://example.com///",
      "assets/x/",
      "/./",
    ];
    // Every string of up to six characters over `/`, `a` and `.`.
    const alphabet = ["/", "a", "."];
    let level = [""];
    for (let length = 1; length <= 6; length += 1) {
      level = level.flatMap((prefix) => alphabet.map((c) => prefix + c));
      samples.push(...level);
    }
    for (const text of samples) {
      assert.equal(trimCharacters(text, "/", "end"), text.replace(/\/+$/, ""), JSON.stringify(text));
      assert.equal(trimCharacters(text, "/"), text.replace(/^\/+|\/+$/g, ""), JSON.stringify(text));
    }
  });

  it("trims a URL's edge whitespace as the patterns it replaces did", () => {
    for (const text of ["", " ", "\t\n x \f\r", "a b", " \u00A0a\u00A0 "]) {
      assert.equal(trimCharacters(text, "\t\n\f\r "), text.replace(/^[\t\n\f\r ]+/, "").replace(/[\t\n\f\r ]+$/, ""), JSON.stringify(text));
    }
  });

  it("takes a long run of slashes that does not end the text in one pass", () => {
    const text = `https://example.com${"/".repeat(200_000)}x`;
    assert.equal(trimCharacters(text, "/", "end"), text);
    assert.equal(trimCharacters(`${"/".repeat(200_000)}x${"/".repeat(200_000)}`, "/"), "x");
  });
});
