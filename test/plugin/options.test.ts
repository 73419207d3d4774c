// Options: neutral defaults, and one documented error for any wrong value of any option.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DEFAULTS, OptionError, resolveOptions, type MentorDirectoryOptions } from "../../plugin/index.js";

describe("plugin options", () => {
  it("defaults to changing nothing it is not asked to: no upstream, no handbook behaviour, page URLs from the site", () => {
    const resolved = resolveOptions({});
    assert.deepEqual(resolved, DEFAULTS);
    for (const key of ["upstreamUrl", "siteUrl", "headingIds", "toc", "fillableTables", "anchorCheck"] as const) {
      assert.equal(resolved[key], false, key);
    }
    assert.equal(resolved.teamPageUrl, undefined);
    assert.equal(resolved.mentoringPageUrl, undefined);
  });

  it("answers a wrong value of every option with the option error, never a TypeError", () => {
    for (const key of Object.keys(DEFAULTS)) {
      for (const wrong of [{}, 5, "", null]) {
        // `5` is a fine `maxFileBytes`, and `""` is a fine value for no option.
        if (key === "maxFileBytes" && wrong === 5) continue;
        // `{}` is no labels at all: every word stays English.
        if (key === "labels" && typeof wrong === "object" && wrong !== null) continue;
        assert.throws(
          () => resolveOptions({ [key]: wrong }),
          (e: unknown) => e instanceof OptionError && e.message.startsWith(`[eleventy-plugin-mentor-directory] option \`${key}\` must be `),
          `${key}: ${JSON.stringify(wrong)}`,
        );
      }
    }
  });

  it("names the known options for an unknown one, and trims trailing slashes of base URLs", () => {
    assert.throws(
      () => resolveOptions({ upstream: "x" } as MentorDirectoryOptions),
      /option `upstream` must be one of the known options \(dataDir, .*siteUrl, schema, exportFields, labels\)/,
    );
    assert.equal(resolveOptions({ upstreamUrl: "https://handbook.example.com//" }).upstreamUrl, "https://handbook.example.com");
  });

  it("take the cache secret from MENTOR_DIRECTORY_CACHE_SECRET when not given, and never write a secret into an error", () => {
    const before = process.env["MENTOR_DIRECTORY_CACHE_SECRET"];
    try {
      process.env["MENTOR_DIRECTORY_CACHE_SECRET"] = "s".repeat(40);
      assert.equal(resolveOptions({}).cacheSecret, "s".repeat(40));
      assert.equal(resolveOptions({ cacheSecret: false }).cacheSecret, false, "an explicit false wins");
      process.env["MENTOR_DIRECTORY_CACHE_SECRET"] = "short-secret-x";
      assert.throws(
        () => resolveOptions({}),
        (e: unknown) =>
          e instanceof OptionError &&
          e.message.includes("(from MENTOR_DIRECTORY_CACHE_SECRET); got a string of 14 characters") &&
          !e.message.includes("short-secret-x"),
      );
      delete process.env["MENTOR_DIRECTORY_CACHE_SECRET"];
      assert.equal(resolveOptions({}).cacheSecret, false);
      assert.throws(
        () => resolveOptions({ cacheSecret: "tiny-secret-y" }),
        (e: unknown) =>
          e instanceof OptionError &&
          /must be a string of at least 32 characters, or false; got a string of 13 characters$/.test(e.message),
      );
    } finally {
      if (before === undefined) delete process.env["MENTOR_DIRECTORY_CACHE_SECRET"];
      else process.env["MENTOR_DIRECTORY_CACHE_SECRET"] = before;
    }
  });

  it("are documented in the README's options table, each with its default", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const table =
      readme
        .split("\n### Options\n")[1]
        ?.split("\n\n")
        .find((block) => block.startsWith("| option |")) ?? "";
    const rows = [...table.matchAll(/^\| `([A-Za-z]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()] as const);
    assert.deepEqual(rows.map(([name]) => name).sort(), Object.keys(DEFAULTS).sort());
    for (const [name, written] of rows) {
      const value = DEFAULTS[name as keyof typeof DEFAULTS];
      // The page URLs have no fixed default: the README says which page they come from.
      if (value === undefined) assert.match(written, /^the page that renders/, name);
      else assert.equal(written, `\`${JSON.stringify(value)}\``, name);
    }
  });
});
