// remark-hugo-shortcodes alone, without the plugin's shortcodes or team: fixture cases
// (`test/fixtures/remark-hugo-shortcodes/<case>/input.md` renders to `output.html` and reports the
// messages in `messages.txt`, one `place ruleId: reason` per line; no file means no message),
// writing back through remark-stringify, and problems reported rather than thrown.
// `UPDATE=1` rewrites the expectations from the output; review the diff before committing it.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { h } from "hastscript";
import type { Root } from "mdast";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import {
  hugoShortcodeHandlers,
  remarkHugoShortcodes,
  type HugoShortcodeRenderer,
} from "../../plugin/markdown/remark-hugo-shortcodes/index.js";
import { propertySeed } from "../arbitraries.js";

const root = fileURLToPath(new URL("../fixtures/remark-hugo-shortcodes/", import.meta.url));
const update = process.env.UPDATE === "1";

/** `box` and `hl` take content, `echo` never does; any other name is unknown. */
function isPaired(name: string): boolean | undefined {
  return name === "box" || name === "hl" ? true : name === "echo" ? false : undefined;
}

/** Renderers whose output shows exactly what they received. */
const renderers: Record<string, HugoShortcodeRenderer> = {
  echo(node) {
    const named = Object.entries(node.arguments.named).map(([key, value]) => `${key}=${value}`);
    return [h("code", { dataDelimiter: node.delimiter, dataTag: node.tag }, [...node.arguments.positional, ...named].join(" | "))];
  },
  box(node, children = []) {
    return [h("div", { className: ["box"], title: node.arguments.positional[0] }, children)];
  },
  hl(_node, children = []) {
    return [h("mark", children)];
  },
};

function toHtml(markdown: string): { html: string; file: VFile } {
  const file = new VFile({ path: "input.md", value: markdown });
  const processor = unified()
    .use(remarkParse)
    .use(remarkHugoShortcodes, { isPaired })
    .use(remarkRehype, { handlers: hugoShortcodeHandlers({ renderers }) })
    .use(rehypeStringify);
  const html = String(processor.processSync(file));
  return { html, file };
}

const markdown = unified().use(remarkParse).use(remarkHugoShortcodes, { isPaired }).use(remarkStringify);

function parse(source: string): Root {
  const tree = markdown.parse(source);
  // unified types what `runSync` returns as any node; the plugin changes the tree in place.
  assert.equal(markdown.runSync(tree, new VFile(source)), tree);
  return tree;
}

function write(tree: Root): string {
  return markdown.stringify(tree);
}

/** The tree without positions: what a round trip must keep. */
function shape(tree: Root): unknown {
  return JSON.parse(JSON.stringify(tree, (key, value: unknown) => (key === "position" ? undefined : value)));
}

function messagesOf(file: VFile): string {
  return file.messages.map((message) => `${message.name} ${message.ruleId}: ${message.reason}`).join("\n");
}

const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, "input.md")))
  .map((entry) => entry.name)
  .sort();

describe("remark-hugo-shortcodes: fixtures", () => {
  it("has fixture cases", () => {
    assert.ok(cases.length >= 8, `only ${cases.length} cases found in ${root}`);
  });

  for (const name of cases) {
    it(name, () => {
      const folder = path.join(root, name);
      const { html, file } = toHtml(readFileSync(path.join(folder, "input.md"), "utf8"));
      const messages = messagesOf(file);
      const outputFile = path.join(folder, "output.html");
      const messagesFile = path.join(folder, "messages.txt");

      if (update) {
        writeFileSync(outputFile, html.trimEnd() + "\n");
        if (messages === "") rmSync(messagesFile, { force: true });
        else writeFileSync(messagesFile, messages + "\n");
      }

      assert.equal(html.trimEnd(), readFileSync(outputFile, "utf8").trimEnd());
      assert.equal(messages, existsSync(messagesFile) ? readFileSync(messagesFile, "utf8").trimEnd() : "");
      for (const message of file.messages) {
        assert.equal(message.source, "remark-hugo-shortcodes");
        assert.equal(message.fatal, false, "problems are reported, not fatal");
        assert.ok(message.note, `a message says what to write instead: ${message.reason}`);
      }
    });
  }
});

describe("remark-hugo-shortcodes: bounded cost", () => {
  // Each unfinished tag used to be read up to the end of its paragraph: 4,000 of them took minutes.
  it("reads a paragraph of 20,000 unfinished tags in seconds, reporting each", function () {
    this.timeout(120_000);
    const file = new VFile("{{< x ".repeat(20_000));
    const started = performance.now();
    const processor = unified().use(remarkParse).use(remarkHugoShortcodes);
    processor.runSync(processor.parse(file), file);
    // Generous for a loaded machine: reading every tag to the end of the paragraph takes an hour.
    assert.ok(performance.now() - started < 30_000, `took ${Math.round(performance.now() - started)} ms`);
    assert.equal(file.messages.length, 20_000);
  });

  it("pairs 40,000 tags that are never closed in about the time it takes to read them", function () {
    this.timeout(120_000);
    const time = (source: string) => {
      const started = performance.now();
      const tree = parse(source);
      return { tree, ms: performance.now() - started };
    };
    // The same tags, self-closing: read the same way, never paired.
    const read = time("{{< box />}}".repeat(40_000));
    const unclosed = time("{{< box >}}".repeat(40_000));
    assert.ok(unclosed.ms < 4 * read.ms + 1_000, `pairing took ${Math.round(unclosed.ms)} ms, reading ${Math.round(read.ms)} ms`);
    const paragraph = unclosed.tree.children[0];
    assert.equal(paragraph?.type === "paragraph" ? paragraph.children.length : 0, 40_000);
  });
});

describe("remark-hugo-shortcodes: writing Markdown", () => {
  // Every form in the canonical spelling the serializer writes.
  const canonical = [
    "{{< echo >}}\n",
    '{{< echo "a" >}}\n',
    '{{< echo "a \\"q\\" \\\\ b" key="v" >}}\n',
    "{{< echo />}}\n",
    '{{< echo "a" key="v" />}}\n',
    "{{% echo %}}\n",
    '{{% echo "x" /%}}\n',
    "{{< /box >}}\n",
    "{{< box >}}\nText.\n{{< /box >}}\n",
    "{{< box >}}\n{{< /box >}}\n",
    '{{< box "outer" >}}\n{{< box "inner" >}}\nNested.\n{{< /box >}}\n{{< /box >}}\n',
    "{{< box >}}\nOne.\n\nTwo.\n{{< /box >}}\n\nAfter.\n",
    "{{% box %}}\n*Percent.*\n{{% /box %}}\n",
    "Text {{< hl >}}*marked*{{< /hl >}} text.\n",
    'Text {{< echo "x" >}} more.\n',
    "Text {{< echo />}}.\n",
    'Write {{</* echo "x" */>}} to show a tag.\n',
    "Write {{%/* box */%}}text{{%/* /box */%}} as text.\n",
    "Text {{< echo `raw\nvalue` >}} text.\n",
    "# Heading {{< echo >}}\n",
    "> {{< box >}}\n> Quoted.\n> {{< /box >}}\n",
    "* {{< box >}}\n  Listed.\n  {{< /box >}}\n",
    "A brace \\{{< echo >}} kept as text.\n",
    '{{< unknown "x" >}}\n\n{{< box >}}\n\nAfter an unclosed box.\n',
  ];

  for (const source of canonical) {
    it(`writes back ${JSON.stringify(source)} byte for byte`, () => {
      assert.equal(write(parse(source)), source);
    });
  }

  it("writes every fixture so that it reads back as the same tree", () => {
    for (const name of cases) {
      const tree = parse(readFileSync(path.join(root, name, "input.md"), "utf8"));
      const written = write(tree);
      assert.deepEqual(shape(parse(written)), shape(tree), `${name}:\n${written}`);
    }
  });

  it("writes canonical spelling for other spellings of the same call", () => {
    assert.equal(write(parse("{{<echo   bare  k=v/>}}\n")), '{{< echo "bare" k="v" />}}\n');
    assert.equal(write(parse('{{< echo "a\\b" >}}\n')), '{{< echo "a\\\\b" >}}\n');
  });

  it("escapes text that would read back as a tag", () => {
    const tree: Root = { type: "root", children: [{ type: "paragraph", children: [{ type: "text", value: "{{< echo >}}" }] }] };
    const written = write(tree);
    assert.equal(written, "\\{{< echo >}}\n");
    assert.deepEqual(shape(parse(written)), shape(tree));
  });

  it("refuses an argument no spelling can hold instead of writing another one", () => {
    const tree = parse('{{< echo "x" >}}\n');
    visit(tree, "hugoShortcode", (node) => {
      node.arguments = { positional: ["line\nand `tick`"], named: {} };
    });
    assert.throws(() => write(tree), RangeError);
  });

  it("reads back any mix of tags, text and Markdown as the tree it wrote, without throwing", () => {
    // Raw HTML and indented lines are left out: remark-stringify itself writes a line ending before
    // inline HTML as a space, shortcodes or not.
    const pieces = [
      "{{< echo >}}",
      "{{< box >}}",
      "{{< /box >}}",
      "{{< hl >}}",
      "{{< /hl >}}",
      "{{% box %}}",
      "{{% /box %}}",
      '{{< echo "q\\"" k=v />}}',
      "{{</* x */>}}",
      "{{< ",
      " >}}",
      "{{<",
      "\\{",
      "{",
      "}",
      "`",
      '"',
      "*",
      "> ",
      "- ",
      " ",
      "\n",
      "\n\n",
      "text",
      "=",
      "/",
      "# ",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const tree = parse(parts.join(""));
        const written = write(tree);
        assert.deepEqual(shape(parse(written)), shape(tree), written);
        assert.equal(write(parse(written)), written);
      }),
      { numRuns: Number(process.env.RUNS ?? 300), seed: propertySeed() },
    );
  });
});
