import { markdownLineEnding } from "micromark-util-character";
import { codes, types } from "micromark-util-symbol";
import type { Code, Construct, Effects, State } from "micromark-util-types";
import { closerOf, escapedEnd, isDelimiter, openerAhead, type Closer } from "./characters.js";

// The escaped forms, `{{</*` … `*/>}}` and `{{%/*` … `*/%}}`: text only, shown as the tag they
// spell, so that a page can document shortcodes. Like a tag, one never holds the start of
// another (see `openerAhead`).
export const escaped: Construct = { name: "hugoShortcodeEscaped", tokenize: tokenizeEscaped };

function tokenizeEscaped(effects: Effects, ok: State, nok: State): State {
  let closer: Closer = codes.greaterThan;

  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.enter("hugoShortcodeEscaped");
    effects.consume(code);
    return openBrace;
  }

  function openBrace(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.consume(code);
    return openDelimiter;
  }

  function openDelimiter(code: Code): State | undefined {
    if (!isDelimiter(code)) return nok(code);
    closer = closerOf(code);
    effects.consume(code);
    return commentSlash;
  }

  function commentSlash(code: Code): State | undefined {
    if (code !== codes.slash) return nok(code);
    effects.consume(code);
    return commentStar;
  }

  function commentStar(code: Code): State | undefined {
    if (code !== codes.asterisk) return nok(code);
    effects.consume(code);
    return inside;
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (markdownLineEnding(code)) return lineEnding(code);
    if (code === codes.asterisk) return effects.attempt(escapedEnd[closer], after, insideData)(code);
    if (code === codes.leftCurlyBrace) return effects.check(openerAhead, nok, insideData)(code);
    return insideData(code);
  }

  function insideData(code: Code): State | undefined {
    effects.consume(code);
    return inside;
  }

  function lineEnding(code: Code): State | undefined {
    effects.enter(types.lineEnding);
    effects.consume(code);
    effects.exit(types.lineEnding);
    return inside;
  }

  function after(code: Code): State | undefined {
    effects.exit("hugoShortcodeEscaped");
    return ok(code);
  }
}
