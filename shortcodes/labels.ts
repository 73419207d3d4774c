/**
 * The site's words as shortcodes write them: sentences whose placeholders may stand for markup
 * (`{field}` as `<code>mentor: true</code>`), every piece of text escaped by the writer.
 */
import { ENGLISH, pluralForm, type LabelKey, type Labels } from "../plugin/text/labels.js";
import type { HtmlWriter } from "./html-writer.js";
import type { ShortcodeContext } from "./types.js";

export { countOf, labelsKey, say, scriptLabels, type Labels } from "../plugin/text/labels.js";

export function labelsOf(context: ShortcodeContext): Labels {
  return context.labels ?? ENGLISH;
}

/** Writes one placeholder's content. */
export type Part = (out: HtmlWriter) => void;

// Split keeps the names: even pieces are text, odd pieces placeholder names.
const PLACEHOLDER = /\{(\w+)\}/;

/**
 * The label `key` as text, its plural form chosen by `count`: a placeholder with a `parts` entry is
 * written by it, one with a `values` entry as that text, any other as written.
 */
export function writeSentence(
  out: HtmlWriter,
  labels: Labels,
  key: LabelKey,
  values: Readonly<Record<string, string | number>>,
  parts: Readonly<Record<string, Part>> = {},
  count = typeof values["count"] === "number" ? values["count"] : 0,
): HtmlWriter {
  const template = pluralForm(labels[key], count, typeof labels.locale === "string" ? labels.locale : "en");
  let text = "";
  template.split(PLACEHOLDER).forEach((piece, index) => {
    if (index % 2 === 0) text += piece;
    else if (Object.hasOwn(parts, piece)) {
      if (text !== "") out.text(text);
      text = "";
      parts[piece]?.(out);
    } else if (Object.hasOwn(values, piece)) text += String(values[piece]);
    else text += `{${piece}}`;
  });
  if (text !== "") out.text(text);
  return out;
}
