/**
 * The mdast nodes of Hugo shortcodes and the token types of their syntax.
 */
import type { Parent, RootContent } from "mdast";

/** Arguments of one shortcode call, as written. */
export interface HugoShortcodeArguments {
  /** `{{< name "a" b >}}` → `["a", "b"]` */
  readonly positional: readonly string[];
  /** `{{< name id="x" >}}` → `{ id: "x" }`; a repeated name keeps its last value, as in Hugo. */
  readonly named: Readonly<Record<string, string>>;
}

/**
 * One shortcode call.
 *
 * `tag` tells what was written:
 * - `open`: `{{< name >}}` without a matching closing tag (the usual form of shortcodes that take
 *   no content; `unclosed` is set when the shortcode is known to need one);
 * - `self-closing`: `{{< name />}}`;
 * - `paired`: `{{< name >}}…{{< /name >}}`, the content is in `children`;
 * - `close`: a closing tag that matched no opening tag.
 */
export interface HugoShortcode extends Parent {
  type: "hugoShortcode";
  name: string;
  /** `<` for `{{< >}}`, `%` for `{{% %}}`. */
  delimiter: "<" | "%";
  tag: "open" | "self-closing" | "paired" | "close";
  /** Set when the shortcode takes content but no closing tag was found in the same block. */
  unclosed?: boolean;
  arguments: HugoShortcodeArguments;
  children: RootContent[];
}

// An escaped tag, `{{</* name */>}}`: shown as the tag it spells. `value` is what readers see,
// `{{< name >}}`; the comment markers are given back when the tree is written as Markdown.
export interface HugoShortcodeEscaped {
  type: "hugoShortcodeEscaped";
  value: string;
  position?: Parent["position"];
  data?: Parent["data"];
}

declare module "mdast" {
  interface RootContentMap {
    hugoShortcode: HugoShortcode;
    hugoShortcodeEscaped: HugoShortcodeEscaped;
  }
  interface BlockContentMap {
    hugoShortcode: HugoShortcode;
  }
  interface PhrasingContentMap {
    hugoShortcode: HugoShortcode;
    hugoShortcodeEscaped: HugoShortcodeEscaped;
  }
}

declare module "mdast-util-to-markdown" {
  interface ConstructNameMap {
    /** Inside a shortcode tag or a paired shortcode. */
    hugoShortcode: "hugoShortcode";
  }
}

declare module "micromark-util-types" {
  interface TokenTypeMap {
    /** A whole tag, from `{{<` to `>}}`. */
    hugoShortcode: "hugoShortcode";
    /** `{{<`, `{{%`, `>}}` or `%}}`. */
    hugoShortcodeMarker: "hugoShortcodeMarker";
    /** The `/` of a closing tag: `{{< /name >}}`. */
    hugoShortcodeClosingMarker: "hugoShortcodeClosingMarker";
    /** The `/` of a self-closing tag: `{{< name />}}`. */
    hugoShortcodeSelfClosingMarker: "hugoShortcodeSelfClosingMarker";
    hugoShortcodeName: "hugoShortcodeName";
    /** One argument, positional (`"a"`) or named (`id="a"`). */
    hugoShortcodeArgument: "hugoShortcodeArgument";
    hugoShortcodeArgumentName: "hugoShortcodeArgumentName";
    hugoShortcodeArgumentEquals: "hugoShortcodeArgumentEquals";
    /** `"text"`, quotes included; `\"` and `\\` are escapes. */
    hugoShortcodeValueQuoted: "hugoShortcodeValueQuoted";
    /** `` `text` ``, backticks included; no escapes, may span lines in text. */
    hugoShortcodeValueRaw: "hugoShortcodeValueRaw";
    /** A word without quotes. */
    hugoShortcodeValueBare: "hugoShortcodeValueBare";
    // The escaped form, `{{</*` name `*/>}}`.
    hugoShortcodeEscaped: "hugoShortcodeEscaped";
  }
}
