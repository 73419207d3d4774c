// The words table: plural forms by the language's rules, placeholders, the `labels` option's
// errors, the README's list, and the words a page carries for its scripts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { countOf, fillIn, pluralForm, readLabels, say, SCRIPT_LABELS } from "../../plugin/assets/labels.js";
import { OptionError, resolveOptions, type MentorDirectoryOptions } from "../../plugin/index.js";
import { DEFAULT_LABELS, labelsKey, resolveLabels, SCRIPT_LABEL_KEYS, scriptLabels } from "../../plugin/text/labels.js";
import { HtmlWriter, fragmentHtml } from "../../shortcodes/html-writer.js";

const optionError = (labels: unknown): string => {
  try {
    resolveOptions({ labels } as MentorDirectoryOptions);
  } catch (error) {
    assert.ok(error instanceof OptionError, String(error));
    return error.message;
  }
  assert.fail(`no error for ${JSON.stringify(labels)}`);
};

describe("labels", () => {
  it("chooses plural forms by the language's rules", () => {
    const forms = { one: "{count} plik", few: "{count} pliki", many: "{count} plików", other: "{count} pliku" };
    const pl = { ...DEFAULT_LABELS, locale: "pl", files: forms };
    assert.equal(say(pl, "files", { count: 1 }), "1 plik");
    assert.equal(say(pl, "files", { count: 3 }), "3 pliki");
    assert.equal(say(pl, "files", { count: 5 }), "5 plików");
    assert.equal(say(DEFAULT_LABELS, "teamSummary", { count: 1 }), "1 team member, in name order.");
    assert.equal(say(DEFAULT_LABELS, "teamSummary", { count: 2 }), "2 team members, in name order.");
    // A language with no `one` (Japanese) says every count with `other`.
    assert.equal(pluralForm({ one: "a", other: "b" }, 1, "ja"), "b");
    assert.equal(countOf(DEFAULT_LABELS, DEFAULT_LABELS.mentorNoun, 1), "1 mentor");
  });

  it("fills placeholders once, leaving unknown ones and braces around other text as written", () => {
    assert.equal(fillIn("{a} and {b} {not a name}", { a: "{b}", b: "x" }), "{b} and x {not a name}");
  });

  it("answers a misspelt or malformed label with an option error that says what to write", () => {
    assert.match(optionError({ skils: "Fähigkeiten:" }), /option `labels`: unknown label "skils": did you mean "skills"\?/);
    assert.match(optionError({ teamSummary: { one: "x" } }), /label "teamSummary" must be a string, or plural forms/);
    assert.match(
      optionError({ teamSummary: { single: "x", other: "y" } }),
      /has a form "single": plural forms are zero, one, two, few, many, other/,
    );
    assert.match(optionError({ locale: "not a tag!" }), /label "locale" must be a language tag/);
    assert.match(optionError({ skills: 5 }), /label "skills" must be a string/);
    assert.deepEqual(resolveOptions({ labels: { skills: "Fähigkeiten:" } }).labels, { skills: "Fähigkeiten:" });
  });

  it("keys cards by their words, and gives a page its scripts' words only when they are not English", () => {
    const english = resolveLabels({});
    assert.equal(labelsKey(english), "");
    assert.equal(scriptLabels(english), undefined);
    const cardOnly = resolveLabels({ skills: "Fähigkeiten:" });
    assert.notEqual(labelsKey(cardOnly), "");
    assert.equal(scriptLabels(cardOnly), undefined, "no script says a card's label");
    const words = scriptLabels(resolveLabels({ locale: "de" }));
    assert.deepEqual(Object.keys(words ?? {}), [...SCRIPT_LABEL_KEYS]);
  });

  it("writes the scripts' words as JSON no text in them can break out of", () => {
    const hostile = { quoted: "</script><script>alert(1)</script><!-- & \u2028" };
    const html = fragmentHtml(new HtmlWriter().open("div").json({ "data-mentor-labels": true }, hostile).close("div").fragment());
    assert.equal(html.match(/<\/script>/g)?.length, 1);
    assert.doesNotMatch(html, /<!--|&(?!quot)/);
    const body = /<script[^>]*>(.*)<\/script>/s.exec(html)?.[1] ?? "";
    assert.deepEqual(JSON.parse(body), hostile);
  });

  it("reads a page's words over English, ignoring unknown keys and broken values", () => {
    const root = (json: string) => ({ querySelector: () => ({ textContent: json }) }) as unknown as ParentNode;
    const read = readLabels(root(JSON.stringify({ locale: "de", noExpertise: "Kein Fachwissen", nope: "x", caption: 5 })));
    assert.equal(read["noExpertise"], "Kein Fachwissen");
    assert.equal(read["caption"], SCRIPT_LABELS.caption);
    assert.equal(read["nope"], undefined);
    assert.deepEqual(readLabels(root("{broken")), SCRIPT_LABELS);
    assert.deepEqual(readLabels(root("null")), SCRIPT_LABELS);
  });

  it("are listed in the README with their English words", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const table = readme.split("| label | English |\n|---|---|\n")[1]?.split("\n\n")[0] ?? "";
    const rows = [...table.matchAll(/^\| `(\w+)` \| `(.*)` \|$/gm)].map((m) => [m[1]!, m[2]!.replace(/\\\|/g, "|")]);
    assert.deepEqual(
      rows,
      Object.entries(DEFAULT_LABELS).map(([key, value]) => [key, JSON.stringify(value)]),
    );
  });
});
