/**
 * The HTML of a team file is parsed within a budget: markup the parser would multiply is stopped as
 * it multiplies, and real markup, sloppy as it is, is read whole.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Nodes } from "hast";
import { fromHtml } from "hast-util-from-html";
import { HTML_BUDGET, htmlOverBudget, parseFragmentWithin } from "../../plugin/html/parse.js";
import { sanitizeFragment } from "../../plugin/html/sanitize.js";
import { propertySeed } from "../arbitraries.js";

function countElements(node: Nodes): number {
  let count = 0;
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.type === "element") count += 1;
    if ("children" in n) stack.push(...n.children);
  }
  return count;
}

/** 10 KB with 1,000 start tags: 300 formatting tags left open, then 700 blocks that each reopen them. */
const REOPENED = `<div>${Array.from({ length: 300 }, (_, i) => `<b title=${i}>`).join("")}</div>${"<p>x</p>".repeat(700)}`;

/** An expertise list as real entries write it: 40 items, two formatting tags never closed. */
const SLOPPY_LIST = `<b><i>${Array.from({ length: 40 }, (_, i) => `<li><a href="/topic/${i}">Topic ${i}</a></li>`).join("\n")}`;

describe("parseFragmentWithin", function () {
  // The unbudgeted parse that shows what the budget prevents takes seconds.
  this.timeout(60_000);

  it("stops markup that the parser would multiply, which unbudgeted parsing turns into a hundred thousand elements", () => {
    assert.ok(countElements(fromHtml(REOPENED, { fragment: true })) > 50 * HTML_BUDGET.elements);
    const parsed = parseFragmentWithin(REOPENED);
    assert.ok("over" in parsed);
    // The nesting of the open tags is met first: 300 levels.
    assert.equal(parsed.over, "depth");
    const flat = `<div>${Array.from({ length: 60 }, (_, i) => `<b title=${i}>`).join("")}</div>${"<p>x</p>".repeat(200)}`;
    const stopped = parseFragmentWithin(flat);
    assert.deepEqual(stopped, { over: "elements", limit: 2 * (60 + 2 + 400) + 64 });
  });

  it("reads real markup whole, tags left open included", () => {
    const parsed = parseFragmentWithin(SLOPPY_LIST);
    assert.ok("tree" in parsed);
    assert.equal(countElements(parsed.tree), countElements(fromHtml(SLOPPY_LIST, { fragment: true })));
    assert.equal(htmlOverBudget(SLOPPY_LIST), undefined);
  });

  it("refuses nesting deeper than the budget, and takes it up to the budget", () => {
    const nested = (depth: number): string => `${"<span>".repeat(depth)}deep${"</span>".repeat(depth)}`;
    assert.deepEqual(htmlOverBudget(nested(HTML_BUDGET.depth + 1)), { over: "depth", limit: HTML_BUDGET.depth });
    assert.equal(htmlOverBudget(nested(HTML_BUDGET.depth)), undefined);
  });

  it("keeps the source positions that tell a written link from the parser's copies", () => {
    const parsed = parseFragmentWithin('<li><a href="/x">Sales</a></li>');
    assert.ok("tree" in parsed);
    const item = parsed.tree.children[0];
    assert.ok(item?.type === "element");
    assert.equal(item.children[0]?.position?.start.offset, 4);
  });

  it("spares real lists of links the parse, and agrees with the parse on any markup", () => {
    const budget = { elements: 2000, depth: 6 };
    const piece = fc.constantFrom(
      "<li>",
      "</li>",
      '<a href="/x">',
      "</a>",
      "<b>",
      "</b>",
      "<i>",
      "</div>",
      "<div>",
      "<p>",
      "<table>",
      "x",
      " ",
      "<",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((parts) => parts.join("")),
        (html) => {
          const parsed = parseFragmentWithin(html, budget);
          assert.deepEqual(htmlOverBudget(html, budget), "over" in parsed ? parsed : undefined, JSON.stringify(html));
        },
      ),
      { numRuns: 3000, seed: propertySeed() },
    );
  });

  it("shows markup past its budget as nothing", () => {
    assert.deepEqual(sanitizeFragment(REOPENED), []);
    assert.notDeepEqual(sanitizeFragment(SLOPPY_LIST), []);
  });
});
