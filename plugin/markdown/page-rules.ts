/**
 * Every rule a page the plugin renders is checked against: the page fails to build on any of them
 * (a broken in-page link may be made a warning by the `anchorCheck` option).
 */
import { rule, RuleSet, type RuleId } from "../diagnostics/rules.js";

/** In the order a page meets them: before rendering, the shortcodes, then the finished page. */
export const PAGE_RULES = new RuleSet([
  rule(
    "template-syntax",
    "error",
    "a page the plugin renders without the site's template engine holds no template tags, which would show as written",
    "{{ page.title }}",
    "(the tag removed, or `templateEngineOverride: md` when it is meant as text)",
  ),
  rule(
    "shortcode-syntax",
    "error",
    "text that starts like a shortcode (`{{<`, `{{%`) is one",
    '{{< youtube "id" }}',
    '{{< youtube "id" >}}',
  ),
  rule(
    "shortcode-unclosed",
    "error",
    "a shortcode that takes content is closed in the same block",
    "{{< note >}}Text",
    "{{< note >}}Text{{< /note >}}",
  ),
  rule(
    "shortcode-stray-close",
    "error",
    "a closing tag has its opening tag before it in the same block, and closes a shortcode that takes content",
    '{{< youtube "id" >}}{{< /youtube >}}',
    '{{< youtube "id" >}}',
  ),
  rule(
    "shortcode-in-html",
    "error",
    "no shortcode inside a raw HTML block, where Markdown is not read",
    '<div>{{< youtube "id" >}}</div>',
    '<div>\\n\\n{{< youtube "id" >}}\\n\\n</div>',
  ),
  rule(
    "shortcode-unknown",
    "error",
    "the shortcode is one the site defines (suggests the closest name)",
    '{{< group-by-expertize "mentor" >}}',
    '{{< group-by-expertise "mentor" >}}',
  ),
  rule(
    "shortcode-usage",
    "error",
    "the shortcode's arguments are the ones it takes (the message gives its usage)",
    "{{< group-by-expertise >}}",
    '{{< group-by-expertise "mentor" >}}',
  ),
  rule(
    "broken-anchor",
    "error",
    "a link to `#id` in the page finds an element with that id on the finished page (suggests the closest)",
    "[Find a mentor](#find-mentor)",
    "[Find a mentor](#find-a-mentor)",
  ),
  rule(
    "markdown",
    "error",
    "any other problem a step of the Markdown pipeline reports on the page",
    "(the page as the step refuses it)",
    "(the page as the message says)",
  ),
]);

export type PageRuleId = RuleId<typeof PAGE_RULES>;
