import { markdownLineEnding } from "micromark-util-character";
import { codes } from "micromark-util-symbol";
import type { Code, Construct, Effects, State } from "micromark-util-types";
import { escapedEnd, type Closer } from "./characters.js";
import { factoryLineEnding } from "./factory-line-ending.js";
import { factoryOpening, openerAhead } from "./factory-opening.js";
import { factorySequence } from "./factory-sequence.js";

// The escaped forms, `{{</*` … `*/>}}` and `{{%/*` … `*/%}}`: text only, shown as the tag they
// spell, so that a page can document shortcodes. Like a tag, one never holds the start of
// another (see `openerAhead`).
export const escaped: Construct = { name: "hugoShortcodeEscaped", tokenize: tokenizeEscaped };

function tokenizeEscaped(effects: Effects, ok: State, nok: State): State {
  let closer: Closer = codes.greaterThan;

  return start;

  function start(code: Code): State | undefined {
    effects.enter("hugoShortcodeEscaped");
    return factoryOpening(effects, opened, nok)(code);
  }

  function opened(delimiter: Closer): State {
    closer = delimiter;
    return factorySequence(effects, [codes.slash, codes.asterisk], inside, nok);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (markdownLineEnding(code)) return factoryLineEnding(effects, inside)(code);
    if (code === codes.asterisk) return effects.attempt(escapedEnd[closer], after, insideData)(code);
    if (code === codes.leftCurlyBrace) return effects.check(openerAhead, nok, insideData)(code);
    return insideData(code);
  }

  function insideData(code: Code): State | undefined {
    effects.consume(code);
    return inside;
  }

  function after(code: Code): State | undefined {
    effects.exit("hugoShortcodeEscaped");
    return ok(code);
  }
}
