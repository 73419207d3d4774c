import type { Construct, Effects, State } from "micromark-util-types";
import { factoryTag } from "./factory-tag.js";

/** A tag inside a line of text: phrasing content; it may be wrapped over lines. */
export const tagText: Construct = { name: "hugoShortcodeText", tokenize: tokenizeTagText };

function tokenizeTagText(effects: Effects, ok: State, nok: State): State {
  return factoryTag(effects, ok, nok, true);
}
