// Fixture cases: `test/fixtures/markdown/<case>/input.md` renders to `output.html`, or fails with
// the diagnostics listed in `error.txt` (one `line:col rule` per line, in report order).
// `options.json` may override `toc`, `lineOffset`, `pageUrl`, `upstreamUrl`.
// `UPDATE=1 npx mocha test/markdown/fixtures.test.ts` rewrites the expectations from the output.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MarkdownRenderError, renderMarkdown } from "../../plugin/markdown/index.js";
import { context, pageUrl, registry } from "../fixtures/markdown/shortcodes.js";

const root = fileURLToPath(new URL("../fixtures/markdown/", import.meta.url));
const update = process.env.UPDATE === "1";

interface FixtureOptions {
  toc?: boolean;
  lineOffset?: number;
  pageUrl?: string;
  upstreamUrl?: string;
}

const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, "input.md")))
  .map((entry) => entry.name)
  .sort();

describe("markdown fixtures", () => {
  it("has fixture cases", () => {
    assert.ok(cases.length >= 20, `only ${cases.length} cases found in ${root}`);
  });

  for (const name of cases) {
    it(name, () => {
      const folder = path.join(root, name);
      const input = readFileSync(path.join(folder, "input.md"), "utf8");
      const optionsFile = path.join(folder, "options.json");
      const options: FixtureOptions = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, "utf8")) as FixtureOptions) : {};
      const outputFile = path.join(folder, "output.html");
      const errorFile = path.join(folder, "error.txt");

      let html: string | undefined;
      let errors: string | undefined;
      try {
        html = renderMarkdown(input, {
          file: "input.md",
          shortcodes: registry,
          context,
          pageUrl: options.pageUrl ?? pageUrl,
          toc: options.toc ?? false,
          ...(options.lineOffset === undefined ? {} : { lineOffset: options.lineOffset }),
          ...(options.upstreamUrl === undefined ? {} : { upstreamUrl: options.upstreamUrl }),
        }).html;
      } catch (error) {
        if (!(error instanceof MarkdownRenderError)) throw error;
        errors = error.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`).join("\n");
        for (const diagnostic of error.diagnostics) {
          assert.equal(diagnostic.file, "input.md");
          assert.equal(diagnostic.severity, "error");
          assert.ok(diagnostic.message.length > 0);
        }
      }

      if (update) {
        if (html !== undefined) writeFileSync(outputFile, html.trimEnd() + "\n");
        if (errors !== undefined) writeFileSync(errorFile, errors + "\n");
      }

      if (existsSync(errorFile)) {
        assert.equal(html, undefined, "expected the render to fail");
        assert.equal(errors, readFileSync(errorFile, "utf8").trimEnd());
      } else {
        assert.ok(existsSync(outputFile), `missing ${outputFile}`);
        assert.equal(errors, undefined, `unexpected diagnostics:\n${errors}`);
        assert.equal(html?.trimEnd(), readFileSync(outputFile, "utf8").trimEnd());
      }
    });
  }
});
