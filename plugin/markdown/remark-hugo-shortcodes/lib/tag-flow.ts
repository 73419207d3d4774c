import { factorySpace } from "micromark-factory-space";
import { markdownLineEnding } from "micromark-util-character";
import { codes, types } from "micromark-util-symbol";
import type { Code, Construct, Effects, State } from "micromark-util-types";
import { factoryTag } from "./factory-tag.js";

/**
 * A tag on a line of its own: a block, never wrapped in a paragraph. It ends the paragraph above
 * it, unlike in Hugo, where such a block would land inside `<p>` and make invalid HTML.
 */
export const tagFlow: Construct = { name: "hugoShortcodeFlow", tokenize: tokenizeTagFlow };

function tokenizeTagFlow(effects: Effects, ok: State, nok: State): State {
  return factoryTag(effects, factorySpace(effects, lineEnd, types.whitespace), nok, false);

  function lineEnd(code: Code): State | undefined {
    return code === codes.eof || markdownLineEnding(code) ? ok(code) : nok(code);
  }
}
