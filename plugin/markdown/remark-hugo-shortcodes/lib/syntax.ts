import { codes } from "micromark-util-symbol";
import type { Extension } from "micromark-util-types";
import { escaped } from "./escaped.js";
import { tagFlow } from "./tag-flow.js";
import { tagText } from "./tag-text.js";
import "./types.js";

// The escaped form is `{{</*` name `*/>}}`; it cannot be spelled inside the doc comment below.

/**
 * Create the micromark extension for Hugo shortcode tags.
 *
 * Only single tags are tokenized (`{{< name args >}}`, `{{< /name >}}`, `{{< name />}}`, the
 * `{{% %}}` forms and the escaped form). Matching opening and closing tags into one
 * node happens after parsing (see `hugoShortcodeFromMarkdown`), because the content between two
 * tags is Markdown that micromark parses with its own constructs.
 *
 * Code (fenced, indented, inline) is never looked into: those constructs consume their content
 * before ours can start. Hugo expands shortcodes in code too.
 */
export function hugoShortcodeSyntax(): Extension {
  return {
    flow: { [codes.leftCurlyBrace]: tagFlow },
    text: { [codes.leftCurlyBrace]: [escaped, tagText] },
  };
}
