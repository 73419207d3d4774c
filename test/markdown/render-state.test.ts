// A render keeps its state (shortcode outputs waiting to be put in the page, problems found) to
// itself: a shortcode that renders Markdown in turn must not take the outer page's output away.
import assert from "node:assert/strict";
import type { ElementContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { MarkdownRenderError, renderMarkdown } from "../../plugin/markdown/index.js";
import { createShortcodeRegistry } from "../../shortcodes/registry.js";
import type { ShortcodeDefinition } from "../../shortcodes/types.js";
import { context, echo, pageUrl } from "../fixtures/markdown/shortcodes.js";

/** Renders its argument as a Markdown page of its own, with the same shortcodes. */
const include: ShortcodeDefinition = {
  name: "include",
  templateName: "include",
  paired: false,
  usage: '{{< include "markdown" >}}',
  render(args) {
    const { html } = renderMarkdown(args.positional[0] ?? "", { file: "included.md", shortcodes: registry, context, pageUrl, toc: false });
    return fromHtml(html, { fragment: true }).children as ElementContent[];
  },
};

const registry = createShortcodeRegistry([echo, include]);

function render(markdown: string): string {
  return renderMarkdown(markdown, { file: "page.md", shortcodes: registry, context, pageUrl, toc: false }).html;
}

describe("markdown: state of one render", () => {
  it("keeps the output of shortcodes before and after one that renders Markdown itself", () => {
    const html = render('{{< echo "before" >}}\n\n{{< include "{{< echo \\"inner\\" >}}" >}}\n\n{{< echo "after" >}}\n');
    assert.equal(html, '<span class="echo">before; </span>\n<span class="echo">inner; </span>\n<span class="echo">after; </span>');
  });

  it("reports the problems of the included page as its own failure, not the outer page's", () => {
    assert.throws(
      () => render('{{< echo "ok" >}}\n\n{{< include "{{< nope >}}" >}}\n'),
      (error: unknown) =>
        error instanceof Error &&
        !(error instanceof MarkdownRenderError) &&
        /^page\.md:3:1: shortcode "include" failed: included\.md:1:1: error shortcode-unknown/.test(error.message),
    );
  });

  it("renders the same page the same way after a render that failed", () => {
    const page = '{{< echo "a" >}}\n\nText {{< echo "b" >}}.\n';
    const first = render(page);
    assert.throws(() => render("{{< echo >}}\n\n{{< nope >}}\n"), MarkdownRenderError);
    assert.equal(render(page), first);
  });
});
