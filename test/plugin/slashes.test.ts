import assert from "node:assert/strict";
import { trimSlashes } from "../../plugin/eleventy/slashes.js";

describe("slashes trimmed from the ends of a URL", () => {
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
      assert.equal(trimSlashes(text), text.replace(/\/+$/, ""), JSON.stringify(text));
      assert.equal(trimSlashes(text, true), text.replace(/^\/+|\/+$/g, ""), JSON.stringify(text));
    }
  });

  it("takes a long run of slashes that does not end the text in one pass", () => {
    const text = `https://example.com${"/".repeat(200_000)}x`;
    assert.equal(trimSlashes(text), text);
    assert.equal(trimSlashes(`${"/".repeat(200_000)}x${"/".repeat(200_000)}`, true), "x");
  });
});
